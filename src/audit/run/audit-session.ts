/** The audit's browser: Chromium or Firefox with Upstream loaded, pointed at the demo or the real web. */
import type { ExtensionBrowser, LaunchOptions } from '../extension-browser.js';
import type { BrowserName } from '../find-browser.js';
import { launchChromium } from '../launch-chromium.js';
import { launchFirefox } from '../launch-firefox.js';
import type { FixtureServer } from '../fixture-server.js';

export interface SessionOptions {
  browser: BrowserName;
  extensionDir: string;
  browserPath: string | null;
  hostRules: string | null;
  insecure: boolean;
  headed: boolean;
  /** the demo's loopback server: every host resolves to it, its certificate is trusted */
  demo: FixtureServer | null;
}

export async function openSession(options: SessionOptions): Promise<ExtensionBrowser> {
  const launch: LaunchOptions = {
    extensionDir: options.extensionDir,
    headless: !options.headed,
    insecure: options.insecure,
    ...(options.browserPath ? { executablePath: options.browserPath } : {}),
    ...(options.hostRules ? { hostResolverRules: options.hostRules } : {}),
  };
  if (options.demo) {
    launch.hostResolverRules = options.demo.hostResolverRules;
    if (options.browser === 'chromium') launch.trustedSpki = [options.demo.spkiHash];
    // Firefox has no way to trust one certificate from the command line: the demo's own is
    // self-signed, so certificate errors are accepted (every host is the loopback server then).
    else launch.insecure = true;
  }
  return options.browser === 'chromium' ? launchChromium(launch) : launchFirefox(launch);
}

/** "Chromium 156.0.8078.73" or "Firefox 140.5.0", from the browser's own user agent. */
export async function browserVersion(reader: { evaluate<R>(fn: () => R): Promise<R> }): Promise<string> {
  const agent = await reader.evaluate(() => navigator.userAgent);
  return /(?:Firefox|Chrome)\/([\d.]+)/.exec(agent)?.[1] ?? 'unknown';
}
