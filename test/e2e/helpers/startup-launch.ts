/**
 * Browsers started the way a user's browser starts, for the start-up tests
 * (capture-startup.spec.ts): nothing here waits for Upstream's worker before a page loads.
 * The launchers in src/audit open an extension page and wait for the worker to answer before
 * they return, which is exactly what hides the start-up losses (once popup.html had been
 * opened first, no request was lost: docs/measurements.md).
 */
import { chromium, type BrowserContext } from 'playwright-core';
import puppeteer, { type Browser } from 'puppeteer-core';
import { cp, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { findBrowser } from '../../../src/audit/find-browser.js';
import { QUIET_ARGS, wrapPlaywrightPage } from '../../../src/audit/launch-chromium.js';
import { wrapPuppeteerPage } from '../../../src/audit/launch-firefox.js';
import { STARTUP_TIMEOUT_MS, type BrowserPage } from '../../../src/audit/extension-browser.js';
import type { FixtureServer } from '../../../src/audit/fixture-server.js';
import { chromiumRules, distFor } from '../harness.js';
import { watchExtensionTraffic } from './egress-guard.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- Chromium

/**
 * Chromium with Upstream on `profile`. `restoreSession` relaunches a profile as a browser set
 * to "continue where you left off" does: `--restore-last-session`, and without the
 * about:blank start page Playwright adds (that tab would be one more page at start-up, and
 * Chromium would open it beside the restored ones).
 */
export async function launchChromiumNow(server: FixtureServer, profile: string, restoreSession = false): Promise<BrowserContext> {
  const extension = distFor('chromium');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findBrowser('chromium'),
    headless: true,
    ...(restoreSession ? { ignoreDefaultArgs: ['about:blank'] } : {}),
    args: [
      ...QUIET_ARGS,
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      `--host-resolver-rules=${chromiumRules(server.port)}`,
      `--ignore-certificate-errors-spki-list=${server.spkiHash}`,
      ...(restoreSession ? ['--restore-last-session'] : []),
    ],
  });
  return context;
}

/** The extension's origin, as soon as its service worker target exists (not once it runs). */
export async function chromiumWorkerOrigin(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: STARTUP_TIMEOUT_MS }));
  const url = new URL(worker.url());
  const origin = `${url.protocol}//${url.host}`;
  // The egress guard of the harness checks this context too (the extension sends nothing itself).
  watchExtensionTraffic(context, origin);
  return origin;
}

export async function openChromiumExtensionPage(context: BrowserContext, origin: string, file = 'popup.html'): Promise<BrowserPage> {
  const page = await context.newPage();
  await page.goto(`${origin}/${file}`, { waitUntil: 'load' });
  return wrapPlaywrightPage(page);
}

// ---------------------------------------------------------------- Firefox

const GECKO_ID_CACHE = new Map<string, string>();

async function geckoId(extensionDir = distFor('firefox')): Promise<string> {
  const known = GECKO_ID_CACHE.get(extensionDir);
  if (known) return known;
  const manifest = JSON.parse(await readFile(path.join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${extensionDir}/manifest.json has no gecko id`);
  GECKO_ID_CACHE.set(extensionDir, id);
  return id;
}

/** The preferences of src/audit/launch-firefox.ts (quiet, every host on the fixture server), and a fixed extension UUID. */
async function firefoxPrefs(server: FixtureServer, uuid: string): Promise<Record<string, unknown>> {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [await geckoId()]: uuid }),
    'app.update.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'network.dns.forceResolve': '127.0.0.1',
    'network.socket.forcePort': `443=${server.port};80=${server.port}`,
  };
}

/**
 * What a profile needs to keep Upstream installed across restarts and to reopen its tabs:
 * `installExtension` over WebDriver BiDi installs a temporary add-on, gone at the next start,
 * so the extension is placed in the profile's extensions folder (an unpacked copy named after
 * its gecko id, which Firefox loads like a packed .xpi; the copy, not dist/, so a rebuild of
 * dist/ by someone else between the two starts is not an update at start-up). Unsigned
 * add-ons load on ESR with `xpinstall.signatures.required` off; `autoDisableScopes` 0 keeps
 * Firefox from disabling an add-on it did not install itself, and `enabledScopes` 15 has it
 * look in every install location (the profile's among them). `browser.startup.page` 3 is
 * "open previous windows and tabs"; the other two make every restored tab load at once, as
 * the test waits for all of them (Firefox's default loads a background tab when it is shown).
 */
const RESTORING_PROFILE_PREFS = {
  'xpinstall.signatures.required': false,
  'extensions.autoDisableScopes': 0,
  'extensions.enabledScopes': 15,
  'browser.startup.page': 3,
  'browser.sessionstore.restore_on_demand': false,
  'browser.sessionstore.restore_tabs_lazily': false,
};

export async function installInProfile(profile: string): Promise<void> {
  await mkdir(path.join(profile, 'extensions'), { recursive: true });
  await cp(distFor('firefox'), path.join(profile, 'extensions', await geckoId()), { recursive: true });
}

/**
 * Firefox ESR over WebDriver BiDi. Without `profile`: a fresh profile, and the caller installs
 * the extension (temporary) with `browser.installExtension`. With `profile`: a profile made
 * by installInProfile, started without Puppeteer's about:blank start page so that Firefox
 * opens what the session holds.
 */
export async function launchFirefoxNow(server: FixtureServer, uuid: string, profile?: string): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: findBrowser('firefox'),
    headless: true,
    acceptInsecureCerts: true,
    // Navigating a tab to a moz-extension:// page needs it; so does quitFirefox.
    args: ['--remote-allow-system-access'],
    ...(profile ? { userDataDir: profile, ignoreDefaultArgs: ['about:blank'] } : {}),
    extraPrefsFirefox: { ...(await firefoxPrefs(server, uuid)), ...(profile ? RESTORING_PROFILE_PREFS : {}) },
  });
}

/** Opens one of the extension's pages in a new tab (that navigation never resolves over BiDi: poll the document). */
export async function openFirefoxExtensionPage(browser: Browser, uuid: string, file = 'popup.html'): Promise<BrowserPage> {
  const origin = `moz-extension://${uuid}`;
  const page = await browser.newPage();
  void page.goto(`${origin}/${file}`).catch(() => undefined);
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (!(await page.evaluate((o: string) => location.origin === o && document.readyState === 'complete', origin).catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Firefox did not open ${origin}/${file}`);
    await sleep(100);
  }
  return wrapPuppeteerPage(page);
}

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: { contexts: { context: string }[] } }>;
}

/**
 * Quits Firefox as a user does (File > Quit), so that it writes the session with its windows
 * and tabs. Not `browser.close()`: over BiDi that closes every tab one by one first, and
 * the session Firefox then saves marks the window as one whose tabs are not to be restored
 * (`_maybeDontRestoreTabs`: nothing came back at the next start). Not SIGTERM either: Firefox
 * ESR then writes no final session. So: `Services.startup.quit()` in the browser window,
 * through the BiDi connection (chrome scope, allowed by --remote-allow-system-access).
 * Puppeteer does not publish that connection: a change of its internals fails here, loudly.
 */
export async function quitFirefox(browser: Browser): Promise<void> {
  const connection = (browser as unknown as { connection?: BidiConnection }).connection;
  if (typeof connection?.send !== 'function')
    throw new Error('puppeteer-core no longer exposes its BiDi connection: quitFirefox needs another way to quit');
  const child = browser.process();
  if (!child) throw new Error('quitFirefox needs a browser this test launched');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const { result } = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const window = result.contexts[0]?.context;
  if (!window) throw new Error('Firefox has no browser window to quit from');
  await connection
    .send('script.evaluate', {
      expression: 'Services.startup.quit(Ci.nsIAppStartup.eAttemptQuit)',
      target: { context: window },
      awaitPromise: false,
    })
    .catch(() => undefined);
  await exited;
  await browser.disconnect().catch(() => undefined);
}
