/**
 * Playwright Test fixtures: each test's `context` is a fresh Chromium profile with Upstream
 * loaded (so `page` records into it), and `upstream` reads what it recorded.
 */
import { test as base } from '@playwright/test';
import { launchChromium } from '../launch-chromium.js';
import { extensionDir } from './extension-dir.js';
import { createUpstream, type Upstream } from './upstream.js';

export interface UpstreamOptions {
  /** Chromium to run (default: the project's launchOptions.executablePath, then UPSTREAM_CHROMIUM, then one Playwright installed, then the system's). Branded Google Chrome cannot load the extension. */
  executablePath?: string;
  /** Chromium `--host-resolver-rules`, e.g. "MAP www.example.com 10.0.0.5" to point a site at a staging server. */
  hostResolverRules?: string;
  /** Accept any certificate (self-signed staging servers); defaults to the project's ignoreHTTPSErrors. */
  insecure?: boolean;
  /** Base64 SHA-256 public-key hashes of certificates to trust (`--ignore-certificate-errors-spki-list`): trusted, so responses are cached as on a real site. */
  trustedSpki?: string[];
  /** An unpacked Chromium build of Upstream to load instead of the package's dist/chrome. */
  extensionDir?: string;
  /** How long the record must stay unchanged before it is read as complete, ms (default 250). */
  quietMs?: number;
  /** Longest wait for the record to become quiet, ms (default 5000). */
  settleTimeoutMs?: number;
}

export interface UpstreamFixtures {
  /** Set per project or per file with `test.use({ upstreamOptions: { … } })`. */
  upstreamOptions: UpstreamOptions;
  upstream: Upstream;
}

type ChromiumWithUpstream = Awaited<ReturnType<typeof launchChromium>> & { startedAt: number };

// Firefox loads extensions through a different launch path (puppeteer-core over WebDriver
// BiDi, src/audit/launch-firefox.ts), which gives no Playwright context for `page`.
const CHROMIUM_ONLY =
  "Upstream's Playwright fixture runs in Chromium only (Firefox needs another launch path, see docs/playwright-fixture.md); this project uses";

export const test = base.extend<UpstreamFixtures & { _upstreamBrowser: ChromiumWithUpstream }>({
  upstreamOptions: [{}, { option: true }],

  _upstreamBrowser: [
    async ({ upstreamOptions, browserName, headless, launchOptions, ignoreHTTPSErrors }, use) => {
      if (browserName !== 'chromium') throw new Error(`${CHROMIUM_ONLY} ${browserName}.`);
      const options = upstreamOptions ?? {};
      const executablePath = options.executablePath ?? launchOptions.executablePath;
      // Absent rather than undefined: projects that type-check this source with exactOptionalPropertyTypes.
      const browser = await launchChromium({
        extensionDir: await extensionDir(options.extensionDir),
        ...(executablePath ? { executablePath } : {}),
        ...(options.hostResolverRules ? { hostResolverRules: options.hostResolverRules } : {}),
        ...(options.trustedSpki ? { trustedSpki: options.trustedSpki } : {}),
        insecure: options.insecure ?? ignoreHTTPSErrors ?? false,
        headless,
      });
      await use({ ...browser, startedAt: Date.now() });
      await browser.close();
    },
    // Building the extension on first use takes longer than launching a browser.
    { timeout: 180_000, box: true },
  ],

  // The persistent context Chromium needs to load an extension; Playwright Test still
  // applies the project's context options (baseURL, viewport, locale…) as it is created.
  context: async ({ _upstreamBrowser }, use) => {
    await use(_upstreamBrowser.context);
  },

  upstream: async ({ _upstreamBrowser, upstreamOptions }, use) => {
    await use(
      createUpstream({
        extensionOrigin: _upstreamBrowser.extensionOrigin,
        openExtensionPage: (file) => _upstreamBrowser.openExtensionPage(file),
        quietMs: upstreamOptions?.quietMs ?? 250,
        settleTimeoutMs: upstreamOptions?.settleTimeoutMs ?? 5_000,
        startedAt: _upstreamBrowser.startedAt,
      }),
    );
  },
});
