import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { findBrowser } from './find-browser.js';
import { STARTUP_TIMEOUT_MS, type BrowserPage, type ExtensionBrowser, type LaunchOptions } from './extension-browser.js';
import { waitForWorker } from './extension-ready.js';
import { firefoxHostMapping } from './run/host-rules.js';
import { languagePrefs, makeLanguagePack } from './firefox-langpack.js';

/** A Puppeteer page as the audit and the tests drive it. */
export function wrapPuppeteerPage(page: Page): BrowserPage {
  return {
    url: () => page.url(),
    goto: async (url, timeoutMs) => {
      const response = await page.goto(url, { waitUntil: 'load', ...(timeoutMs ? { timeout: timeoutMs } : {}) });
      return { status: response?.status() ?? null };
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    waitForFunction: async (fn, arg, timeoutMs = 10_000) => {
      await page.waitForFunction(fn as never, { timeout: timeoutMs, polling: 100 }, arg);
    },
    close: () => page.close(),
  };
}

/**
 * Firefox's answer to `prefers-color-scheme` in every page, or the system's again (null).
 * WebDriver BiDi has no media emulation, so this sets the preference behind it from the
 * browser's own (chrome) window, which `--remote-allow-system-access` lets a client script.
 */
async function setContentColorScheme(browser: Browser, scheme: 'light' | 'dark' | null): Promise<void> {
  // Puppeteer types its BiDi connection as internal; it is the one the browser was launched with.
  const { connection } = browser as unknown as { connection: BidiConnection };
  const { result } = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
  const window = result.contexts[0]?.context;
  if (!window) throw new Error('Firefox shows no window of its own to set the colour scheme from');
  const pref = 'layout.css.prefers-color-scheme.content-override';
  const expression =
    scheme === null ? `Services.prefs.clearUserPref('${pref}')` : `Services.prefs.setIntPref('${pref}', ${scheme === 'dark' ? 0 : 1})`;
  const { result: outcome } = await connection.send('script.evaluate', { expression, target: { context: window }, awaitPromise: false });
  if (outcome.type !== 'success') throw new Error(`Firefox did not take the colour scheme: ${JSON.stringify(outcome)}`);
}

interface BidiConnection {
  send(method: 'browsingContext.getTree', params: object): Promise<{ result: { contexts: { context: string }[] } }>;
  send(method: 'script.evaluate', params: object): Promise<{ result: { type: string } }>;
}

async function geckoId(extensionDir: string): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(extensionDir, 'manifest.json'), 'utf8'));
  const id = manifest?.browser_specific_settings?.gecko?.id;
  if (typeof id !== 'string') throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);
  return id;
}

/**
 * Launches Firefox headless over WebDriver BiDi (puppeteer-core) and installs the extension
 * as a temporary add-on. Installing after launch, not through launch options, because the
 * latter raced and lost the first events on Firefox ESR.
 */
export async function launchFirefox(
  options: LaunchOptions,
): Promise<
  ExtensionBrowser & { openPuppeteerPage(file: string): Promise<Page>; setColorScheme(scheme: 'light' | 'dark' | null): Promise<void> }
> {
  const executablePath = findBrowser('firefox', options.executablePath);
  const uuid = randomUUID();
  const prefs: Record<string, unknown> = {
    // A fixed moz-extension:// origin, so that the extension's pages can be opened by URL.
    'extensions.webextensions.uuids': JSON.stringify({ [await geckoId(options.extensionDir)]: uuid }),
    // Keep Firefox from calling home on a closed network.
    'app.update.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
  };
  if (options.downloadsDir) {
    // Save downloads there without asking (Puppeteer has no download event for Firefox).
    Object.assign(prefs, {
      'browser.download.folderList': 2,
      'browser.download.dir': path.resolve(options.downloadsDir),
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'browser.helperApps.neverAsk.saveToDisk': 'application/json,text/csv,text/plain',
    });
  }
  const mapping = options.hostResolverRules
    ? firefoxHostMapping(options.hostResolverRules)
    : options.mapAllHostsToPort
      ? { address: '127.0.0.1', port: options.mapAllHostsToPort }
      : null;
  if (mapping) {
    prefs['network.dns.forceResolve'] = mapping.address;
    if (mapping.port) prefs['network.socket.forcePort'] = `443=${mapping.port};80=${mapping.port}`;
  }
  if (options.language) Object.assign(prefs, languagePrefs(options.language));
  Object.assign(prefs, options.firefoxPrefs);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: options.headless ?? true,
    acceptInsecureCerts: options.insecure ?? false,
    // Needed to navigate a tab to a moz-extension:// page over BiDi.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: prefs,
  });
  let languagePack: Awaited<ReturnType<typeof makeLanguagePack>> | null = null;
  try {
    // The language first: the extension picks its locale when it starts.
    if (options.language) {
      languagePack = await makeLanguagePack(options.language, await browser.version());
      await browser.installExtension(languagePack.dir);
    }
    await browser.installExtension(path.resolve(options.extensionDir));
    const extensionOrigin = `moz-extension://${uuid}`;
    const openPuppeteerPage = async (file: string) => {
      const page = await browser.newPage();
      // This navigation never resolves over BiDi on Firefox ESR: start it, then wait for the document.
      void page.goto(`${extensionOrigin}/${file}`).catch(() => undefined);
      // Polled by hand: an evaluation that meets the switch from about:blank fails inside
      // Firefox's remote agent ("right-hand side of 'in' should be an object"); just ask again.
      const deadline = Date.now() + STARTUP_TIMEOUT_MS;
      for (;;) {
        const ready = await page
          .evaluate((origin: string) => location.origin === origin && document.readyState === 'complete', extensionOrigin)
          .catch(() => false);
        if (ready) return page;
        if (Date.now() > deadline) throw new Error(`Firefox did not open ${extensionOrigin}/${file} within ${STARTUP_TIMEOUT_MS / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const openExtensionPage = async (file: string) => wrapPuppeteerPage(await openPuppeteerPage(file));
    await waitForWorker(() => openExtensionPage('popup.html'));
    return {
      name: 'firefox',
      extensionOrigin,
      visit: async (url) => {
        const page = await browser.newPage();
        await page.goto(url, { waitUntil: 'load' });
        return wrapPuppeteerPage(page);
      },
      newTab: async () => wrapPuppeteerPage(await browser.newPage()),
      openExtensionPage,
      // For what only Puppeteer does (screenshots, the viewport), on one of the extension's pages.
      openPuppeteerPage,
      setColorScheme: (scheme) => setContentColorScheme(browser, scheme),
      close: async () => {
        await browser.close();
        await languagePack?.remove();
      },
    };
  } catch (error) {
    await browser.close();
    await languagePack?.remove();
    throw error;
  }
}
