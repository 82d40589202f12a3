import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findBrowser } from './find-browser.js';
import { STARTUP_TIMEOUT_MS, type BrowserPage, type ExtensionBrowser, type LaunchOptions } from './extension-browser.js';
import { waitForWorker } from './extension-ready.js';

// Quiet, offline-friendly Chromium: without these it keeps trying to reach Google's
// services in the background, which a closed network refuses many times a second.
export const QUIET_ARGS = [
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-quic',
];

export function wrapPlaywrightPage(page: Page): BrowserPage {
  return {
    url: () => page.url(),
    goto: async (url, timeoutMs) => {
      const response = await page.goto(url, { waitUntil: 'load', ...(timeoutMs ? { timeout: timeoutMs } : {}) });
      return { status: response?.status() ?? null };
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    waitForFunction: async (fn, arg, timeoutMs = 10_000) => {
      await page.waitForFunction(fn as never, arg, { timeout: timeoutMs });
    },
    close: () => page.close(),
  };
}

async function serviceWorkerOrigin(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: STARTUP_TIMEOUT_MS }));
  // `new URL('chrome-extension://id/…').origin` is "null" (not a special scheme), so build it from the host.
  const url = new URL(worker.url());
  return `${url.protocol}//${url.host}`;
}

/** Launches Chromium headless with the unpacked extension loaded (Playwright, persistent profile). */
export async function launchChromium(options: LaunchOptions): Promise<ExtensionBrowser & { context: BrowserContext }> {
  const executablePath = findBrowser('chromium', options.executablePath);
  const profile = options.userDataDir ?? (await mkdtemp(path.join(tmpdir(), 'upstream-chromium-')));
  const removeProfile = () => (options.userDataDir ? Promise.resolve() : rm(profile, { recursive: true, force: true }));
  const rules =
    options.hostResolverRules ??
    (options.mapAllHostsToPort ? `MAP * 127.0.0.1:${options.mapAllHostsToPort}, EXCLUDE localhost` : undefined);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: options.headless ?? true,
    ignoreHTTPSErrors: options.insecure ?? false,
    ...(options.language ? { locale: options.language } : {}),
    args: [
      ...QUIET_ARGS,
      ...(options.language ? [`--lang=${options.language}`] : []),
      `--disable-extensions-except=${options.extensionDir}`,
      `--load-extension=${options.extensionDir}`,
      ...(rules ? [`--host-resolver-rules=${rules}`] : []),
      // ignoreHTTPSErrors covers pages only; keepalive requests sent after a page unloads
      // (sendBeacon) go through the browser process and need the switch.
      ...(options.insecure ? ['--ignore-certificate-errors'] : []),
      ...(options.trustedSpki?.length ? [`--ignore-certificate-errors-spki-list=${options.trustedSpki.join(',')}`] : []),
    ],
  });
  try {
    const extensionOrigin = await serviceWorkerOrigin(context);
    const open = async (url: string) => {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      return wrapPlaywrightPage(page);
    };
    await waitForWorker(() => open(`${extensionOrigin}/popup.html`));
    return {
      name: 'chromium',
      context,
      extensionOrigin,
      visit: open,
      newTab: async () => wrapPlaywrightPage(await context.newPage()),
      openExtensionPage: (file) => open(`${extensionOrigin}/${file}`),
      stopWorker: async () => {
        const cdp = await context.browser()?.newBrowserCDPSession();
        if (!cdp) throw new Error('no CDP session on this Chromium');
        const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
        for (const target of targetInfos) {
          if (target.type === 'service_worker' && target.url.startsWith(extensionOrigin)) {
            await cdp.send('Target.closeTarget', { targetId: target.targetId });
          }
        }
        await cdp.detach();
      },
      close: async () => {
        await context.close();
        await removeProfile();
      },
    };
  } catch (error) {
    await context.close();
    await removeProfile();
    throw error;
  }
}
