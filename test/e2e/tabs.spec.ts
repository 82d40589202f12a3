/**
 * Tabs and windows: requests follow their page when a tab navigates away, a closed tab's
 * state is dropped, and private windows are never recorded (Chromium incognito profiles and
 * Firefox private windows, both real: see the private-window tests for how they are opened).
 */
import { test, expect } from './harness.js';
import type { BrowserContext } from 'playwright-core';
import puppeteer, { type Browser as PuppeteerBrowser } from 'puppeteer-core';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { distFor } from './harness.js';
import { findBrowser } from '../../src/audit/find-browser.js';
import type { ExtensionBrowser, BrowserPage } from '../../src/audit/extension-browser.js';
import type { FixtureServer } from '../../src/audit/fixture-server.js';
import type { StoreSnapshot } from '../../src/audit/read-store.js';
import type { CaptureState } from '../../src/capture/capture-state.js';
import type { RecordedRequest } from '../../src/store/decode.js';
import { command, fixturePage, logOfRun, newRun, readTables, settle, sleep, storedForm } from './helpers/commands.js';

/** The run's requests in the store: those whose path names the run, and its page requests (found by host and time). */
function ofRun(requests: RecordedRequest[], run: string, pageHosts: string[], since: number) {
  return requests.filter((r) => r.url.includes(`/${run}/`) || (r.type === 'main_frame' && r.time >= since && pageHosts.includes(r.host)));
}

/** Waits until every request the server got for this run is in the store, once. */
async function waitForRun(popup: BrowserPage, server: FixtureServer, run: string, pageHosts: string[], since: number): Promise<StoreSnapshot> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const snapshot = await settle(popup);
    const expected = logOfRun(server.log, run).map(storedForm).sort();
    const recorded = ofRun(snapshot.requests, run, pageHosts, since).map((r) => r.url).sort();
    if (JSON.stringify(recorded) === JSON.stringify(expected) || Date.now() > deadline) {
      expect(recorded, 'every request the pages sent is recorded once').toEqual(expected);
      return snapshot;
    }
    await sleep(200);
  }
}

/** The fixture visit number a request path names (/run/V/host/…), or null for a page request. */
function visitNumber(r: RecordedRequest, run: string): number | null {
  const match = new RegExp(`/${run}/(\\d+)/`).exec(r.url);
  return match ? Number(match[1]) : null;
}

async function captureState(popup: BrowserPage): Promise<CaptureState> {
  const { meta } = await readTables(popup);
  return meta.find((row) => row.key === 'capture')!.value as CaptureState;
}

// ---------------------------------------------------------------------------------------
// Navigation away
// ---------------------------------------------------------------------------------------

async function navigateAway(browser: ExtensionBrowser, server: FixtureServer) {
  const run = newRun('nav');
  const popup = await browser.openExtensionPage('popup.html');
  await command(popup, { type: 'resume' });
  const since = Date.now();
  // One tab: first site, second site, the first site again (a visit of its own).
  const tab = await browser.visit(fixturePage('tab-first.example', run, 1));
  await tab.goto(fixturePage('tab-second.example', run, 2));
  await tab.goto(fixturePage('tab-first.example', run, 3));
  const pages = ['tab-first.example', 'tab-second.example'];
  // The unload beacons of visits 1 and 2 are part of what must arrive.
  await expect.poll(() => logOfRun(server.log, run).filter((e) => e.path.endsWith('/unload')).length).toBe(2);
  const { requests, visits } = await waitForRun(popup, server, run, pages, since);

  const runVisits = visits.filter((v) => v.t >= since && pages.includes(new URL(v.u).hostname)).sort((a, b) => a.t - b.t);
  expect(runVisits.map((v) => v.u)).toEqual(['https://tab-first.example/', 'https://tab-second.example/', 'https://tab-first.example/']);
  expect(new Set(runVisits.map((v) => v.tab)).size, 'all in one tab').toBe(1);
  const mine = ofRun(requests, run, pages, since);
  // Each page's requests belong to it, its unload beacon included, whatever the tab did next.
  for (const r of mine) {
    const n = visitNumber(r, run);
    if (n === null) continue;
    expect(r.visit, `${r.url} belongs to visit ${n}`).toBe(runVisits[n - 1]!.id);
  }
  // Page requests: each page's own request opens its visit.
  const pageRequests = mine.filter((r) => r.type === 'main_frame').sort((a, b) => a.time - b.time);
  expect(pageRequests.map((r) => r.visit)).toEqual(runVisits.map((v) => v.id));
  // Each visit's counters are its own: the request count and the hosts it contacted.
  // (Both browsers may also fetch the page's /favicon.ico; it belongs to the page too.)
  for (const [i, visit] of runVisits.entries()) {
    const own = requests.filter((r) => r.visit === visit.id);
    expect(own.length, `visit ${i + 1}: requests`).toBe(visit.n);
    const favicons = own.filter((r) => r.url === `${new URL(visit.u).origin}/favicon.ico`);
    expect(favicons.length).toBeLessThanOrEqual(1);
    expect(own.length - favicons.length, `visit ${i + 1}: its page, four sub-resources${i < 2 ? ' and its unload beacon' : ''}`).toBe(i < 2 ? 6 : 5);
    const { hosts } = await readTables(popup);
    const names = visit.d.map((id) => hosts.find((h) => h.id === id)!.n).sort();
    expect(names).toEqual([...new Set(own.map((r) => r.host))].sort());
  }
  await tab.close();
  await popup.close();
}

test('Chromium: after a navigation away, the new page gets its own requests and the old page keeps its own', async ({ chromium, server }) => {
  await navigateAway(chromium, server);
});

test('Firefox: after a navigation away, the new page gets its own requests and the old page keeps its own', async ({ firefox, server }) => {
  await navigateAway(firefox, server);
});

// ---------------------------------------------------------------------------------------
// Closed tab
// ---------------------------------------------------------------------------------------

/** Opens a page, waits until it is recorded, closes its tab; returns what the test needs. */
async function openAndClose(browser: ExtensionBrowser, server: FixtureServer, popup: BrowserPage, run: string, beacon: boolean) {
  const since = Date.now();
  const closing = await browser.visit(`${fixturePage('tab-third.example', run, 1)}${beacon ? '' : '&beacon=0'}`);
  const first = await waitForRun(popup, server, run, ['tab-third.example'], since);
  const closedVisit = first.visits.find((v) => v.t >= since && v.u === 'https://tab-third.example/')!;
  expect((await captureState(popup)).pages.tabs[String(closedVisit.tab)]?.current?.visitId).toBe(closedVisit.id);
  await closing.close();
  return { since, closedVisit };
}

async function closeATab(browser: ExtensionBrowser, server: FixtureServer) {
  const run = newRun('close');
  const popup = await browser.openExtensionPage('popup.html');
  await command(popup, { type: 'resume' });
  const { since, closedVisit } = await openAndClose(browser, server, popup, run, false);
  // The tab-closed event is stored: the capture state drops the tab.
  await expect.poll(async () => {
    await command(popup, { type: 'flush' });
    return Object.keys((await captureState(popup)).pages.tabs);
  }, { message: 'the closed tab is forgotten' }).not.toContain(String(closedVisit.tab));
  // A new tab, after the close: it reuses nothing of the closed one.
  const next = await browser.visit(fixturePage('tab-second.example', run, 2));
  const { requests, visits } = await waitForRun(popup, server, run, ['tab-third.example', 'tab-second.example'], since);
  const nextVisit = visits.find((v) => v.t >= since && v.u === 'https://tab-second.example/')!;
  expect(nextVisit.tab).not.toBe(closedVisit.tab);
  const mine = ofRun(requests, run, ['tab-third.example', 'tab-second.example'], since);
  expect(mine.filter((r) => visitNumber(r, run) === 2 || r.host === 'tab-second.example').map((r) => r.visit)).toEqual(Array(5).fill(nextVisit.id));
  expect(mine.filter((r) => visitNumber(r, run) === 1 || r.host === 'tab-third.example').map((r) => r.visit)).toEqual(Array(5).fill(closedVisit.id));
  expect(visits.filter((v) => v.t >= since).map((v) => v.u).sort()).toEqual(['https://tab-second.example/', 'https://tab-third.example/']);
  const state = await captureState(popup);
  expect(Object.keys(state.pages.tabs)).not.toContain(String(closedVisit.tab));
  expect(state.pages.tabs[String(nextVisit.tab)]?.current?.visitId).toBe(nextVisit.id);
  await next.close();
  await popup.close();
}

test('Chromium: a closed tab is dropped from the capture state; a new tab gets its own attribution', async ({ chromium, server }) => {
  await closeATab(chromium, server);
});

test('Firefox: a closed tab is dropped from the capture state; a new tab gets its own attribution', async ({ firefox, server }) => {
  await closeATab(firefox, server);
});

/** A page that sends a beacon as its tab closes: what becomes of the beacon and of the tab's state. */
async function beaconAfterClose(browser: ExtensionBrowser, server: FixtureServer) {
  const run = newRun('lateclose');
  const popup = await browser.openExtensionPage('popup.html');
  await command(popup, { type: 'resume' });
  const { since, closedVisit } = await openAndClose(browser, server, popup, run, true);
  await expect.poll(() => logOfRun(server.log, run).filter((e) => e.path.endsWith('/unload')).length).toBe(1);
  const { requests, visits } = await waitForRun(popup, server, run, ['tab-third.example'], since);
  const beacon = requests.find((r) => r.url.endsWith(`/${run}/1/tab-third.example/unload`))!;
  await command(popup, { type: 'flush' });
  const tabs = Object.keys((await captureState(popup)).pages.tabs);
  await popup.close();
  return { beacon, closedVisit, visits: visits.filter((v) => v.t >= since), tabs };
}

// A request that ends after its tab was closed (the unload beacon a closing page sends;
// Chromium reports it with the closed tab's id) comes after the tab-closed event, which
// deleted the tab's state (page-context.ts closeTab). attributeRequest then re-creates the
// tab (`tab()` uses ??=) with no current page, and pageOfFrame's "tab open before Upstream
// started" branch makes up an inferred visit from the request's initiator
// ("https://tab-third.example", inf: 1): a visit the user never made, holding the beacon that
// belongs to the closed page, and a tab entry in the capture state that no later event will
// ever remove. Suggested fix: keep closed tabs as short-lived tombstones (tab id → last
// pages, close time) and attribute their late requests to those pages without re-creating
// the tab; never infer a visit for a tab known to be closed.
test('Chromium: the unload beacon of a closing tab belongs to its page; no visit is made up and the tab stays forgotten', async ({ chromium, server }) => {
  const { beacon, closedVisit, visits, tabs } = await beaconAfterClose(chromium, server);
  expect(visits.map((v) => [v.u, v.inf])).toEqual([['https://tab-third.example/', 0]]);
  expect(beacon.visit, 'the beacon belongs to the page that sent it').toBe(closedVisit.id);
  expect(tabs, 'the closed tab is not brought back').not.toContain(String(closedVisit.tab));
});

test('Firefox: the unload beacon of a closing tab makes up no visit, keeps its site, and the tab stays forgotten', async ({ firefox, server }) => {
  const { beacon, closedVisit, visits, tabs } = await beaconAfterClose(firefox, server);
  expect(visits.map((v) => [v.u, v.inf])).toEqual([['https://tab-third.example/', 0]]);
  // Firefox reports it with no tab: it belongs to no visit, but its page's site is kept.
  expect([beacon.visit, beacon.pageSite]).toEqual([null, 'tab-third.example']);
  expect(tabs).not.toContain(String(closedVisit.tab));
});

// ---------------------------------------------------------------------------------------
// Private windows
// ---------------------------------------------------------------------------------------

test('the built manifests keep the extension out of private windows', async () => {
  for (const browser of ['chromium', 'firefox'] as const) {
    const manifest = JSON.parse(await readFile(path.join(distFor(browser), 'manifest.json'), 'utf8'));
    expect(manifest.incognito, browser).toBe('not_allowed');
  }
});

/**
 * Chromium: a second browser context of the same browser (Playwright `browser.newContext()`,
 * CDP `Target.createBrowserContext`) is an off-the-record profile, the kind incognito windows
 * use; the extension, `incognito: not_allowed`, must see nothing of it.
 */
test('Chromium: pages in an incognito (off-the-record) context are not recorded; the normal profile is', async ({ chromium, server }) => {
  const run = newRun('incog');
  const context = (chromium as unknown as { context: BrowserContext }).context;
  const offTheRecord = await context.browser()!.newContext({ ignoreHTTPSErrors: true });
  const popup = await chromium.openExtensionPage('popup.html');
  await command(popup, { type: 'resume' });
  const since = Date.now();
  const secret = await offTheRecord.newPage();
  await secret.goto(fixturePage('private-secret.example', run, 1), { waitUntil: 'load' });
  const normal = await chromium.visit(fixturePage('private-normal.example', run, 2));
  await secret.close(); // its unload beacon goes out too
  await expect.poll(() => logOfRun(server.log, run).filter((e) => e.path.includes('/private-secret.example/')).length).toBe(5);
  await sleep(500);
  const { requests, visits, hosts } = await settle(popup);
  const mine = ofRun(requests, run, ['private-secret.example', 'private-normal.example'], since);
  expect(mine.map((r) => r.url).sort(), 'only the normal page').toEqual(
    logOfRun(server.log, run).filter((e) => !e.path.includes('private-secret') && e.host !== 'private-secret.example').map(storedForm).sort(),
  );
  expect(mine.length).toBe(5);
  expect(visits.filter((v) => v.s === 'private-secret.example')).toEqual([]);
  expect(hosts.map((h) => h.n).filter((n) => n.includes('private-secret'))).toEqual([]);
  await normal.close();
  await popup.close();
  await offTheRecord.close();
});

const CHROME_SCOPE = { 'moz:scope': 'chrome' };

/**
 * Firefox ESR over WebDriver BiDi: puppeteer's contexts (`browser.createUserContext`) are
 * containers, not private. A real private window is opened the way the browser's own "New
 * private window" does, from privileged script in the browser window (BiDi's chrome scope,
 * allowed by --remote-allow-system-access), and checked with PrivateBrowsingUtils.
 */
async function openPrivateWindow(browser: PuppeteerBrowser, url: string): Promise<boolean> {
  type Connection = { send(method: string, params: object): Promise<{ result: unknown }> };
  const connection = (browser as unknown as { connection: Connection }).connection;
  const tree = (await connection.send('browsingContext.getTree', CHROME_SCOPE)).result as { contexts: { context: string; url: string }[] };
  const chromeWindow = tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
  if (!chromeWindow) throw new Error('no browser window in the chrome scope');
  const run = async (expression: string) => {
    const reply = (await connection.send('script.evaluate', { expression, target: { context: chromeWindow.context }, awaitPromise: true })).result as {
      type: string; result?: { value?: unknown }; exceptionDetails?: { text?: string };
    };
    if (reply.type !== 'success') throw new Error(`chrome script failed: ${reply.exceptionDetails?.text}`);
    return reply.result?.value;
  };
  await run(`window.openTrustedLinkIn(${JSON.stringify(url)}, 'window', { private: true, triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() }), true`);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = await run(
      `Array.from(Services.wm.getEnumerator('navigator:browser')).some((w) => PrivateBrowsingUtils.isWindowPrivate(w) && w.gBrowser.currentURI.spec === ${JSON.stringify(url)})`,
    );
    if (found === true) return true;
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
}

test('Firefox: pages in a private window are not recorded; the normal window is', async ({ server }) => {
  test.setTimeout(120_000);
  const run = newRun('private');
  const extensionDir = distFor('firefox');
  const manifest = JSON.parse(await readFile(path.join(extensionDir, 'manifest.json'), 'utf8'));
  const uuid = randomUUID();
  const origin = `moz-extension://${uuid}`;
  // A Firefox of its own: the shared one must not be left with a private window.
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findBrowser('firefox'),
    headless: true,
    acceptInsecureCerts: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [manifest.browser_specific_settings.gecko.id]: uuid }),
      'network.dns.forceResolve': '127.0.0.1',
      'network.socket.forcePort': `443=${server.port};80=${server.port}`,
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  });
  try {
    await browser.installExtension(path.resolve(extensionDir));
    // The extension's page and the normal tab first: new tabs open in the latest window.
    const popup = await browser.newPage();
    void popup.goto(`${origin}/popup.html`).catch(() => undefined);
    await popup.waitForFunction((o: string) => location.origin === o && document.readyState === 'complete', { timeout: 15_000, polling: 100 }, origin);
    const ask = (message: unknown) =>
      popup.evaluate(async (m) => (await (globalThis as unknown as { browser: { runtime: { sendMessage(x: unknown): Promise<{ ok: boolean }> } } }).browser.runtime.sendMessage(m)), message);
    await expect.poll(async () => (await ask({ type: 'status' }).catch(() => null))?.ok).toBe(true);
    const normal = await browser.newPage();
    await normal.goto('about:blank');

    const since = Date.now();
    const isPrivate = await openPrivateWindow(browser, fixturePage('private-secret.example', run, 1));
    expect(isPrivate, 'a private window shows the page').toBe(true);
    await expect.poll(() => logOfRun(server.log, run).filter((e) => e.path.includes('/private-secret.example/')).length).toBe(4);
    await normal.goto(fixturePage('private-normal.example', run, 2), { waitUntil: 'load' });
    await sleep(1000);
    expect((await ask({ type: 'flush' })).ok).toBe(true);
    const stored = await popup.evaluate(
      () =>
        new Promise<{ requests: { t: number; h: number; p: string }[]; hosts: { id: number; n: string }[]; visits: { s: string }[] }>((resolve, reject) => {
          const open = indexedDB.open('upstream');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction(['requests', 'hosts', 'visits']);
            const all = (name: string) => new Promise<unknown[]>((done) => {
              const request = tx.objectStore(name).getAll();
              request.onsuccess = () => done(request.result);
            });
            void Promise.all([all('requests'), all('hosts'), all('visits')]).then(([requests, hosts, visits]) =>
              resolve({ requests, hosts, visits } as never));
          };
        }),
    );
    const hostName = new Map(stored.hosts.map((h) => [h.id, h.n]));
    const recorded = stored.requests.filter((r) => r.t >= since).map((r) => `https://${hostName.get(r.h)}${r.p}`).sort();
    expect(recorded.filter((url) => url.includes('private-secret')), 'nothing of the private window').toEqual([]);
    expect(recorded.filter((url) => url.includes(`/${run}/2/private-normal.example/`) || url === 'https://private-normal.example/')).toHaveLength(5);
    expect(stored.hosts.map((h) => h.n).filter((n) => n.includes('private-secret'))).toEqual([]);
    expect(stored.visits.filter((v) => v.s === 'private-secret.example')).toEqual([]);
  } finally {
    await browser.close();
  }
});
