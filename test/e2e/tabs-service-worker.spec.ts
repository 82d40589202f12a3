import { test, expect, waitForRecords } from './harness.js';
import type { ExtensionBrowser } from '../../src/audit/extension-browser.js';
import { flushWorker } from '../../src/audit/read-store.js';

const APP = 'https://app.example/';
const SHELL_PIXEL = 'https://pixel.example/app-shell.gif';

/**
 * An app whose service worker answers its navigations from its cache (an "app shell"), met
 * again after two other sites in the same tab. Chrome reports no request for that page and
 * Firefox only hands the request to the worker, so no response tells that the tab moved on:
 * the page's own requests must still go to a new visit of the app, not to the site before.
 */
async function appAgain(browser: ExtensionBrowser) {
  const since = Date.now();
  const tab = await browser.visit(APP);
  await tab.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await tab.goto('https://plain.example/');
  await tab.goto('https://news.example/');
  await tab.goto(APP);
  expect(await tab.evaluate(() => !!navigator.serviceWorker.controller), 'the service worker answered the second visit').toBe(true);
  const popup = await browser.openExtensionPage('popup.html');
  await flushWorker(popup);
  const snapshot = await waitForRecords(popup, (requests) => requests.some((r) => r.url === SHELL_PIXEL));
  await tab.close();
  await popup.close();
  // The browser is shared with other tests: only this test's visits.
  return { ...snapshot, visits: snapshot.visits.filter((v) => v.t >= since) };
}

for (const name of ['chromium', 'firefox'] as const) {
  test(`${name === 'chromium' ? 'Chromium' : 'Firefox'}: a page a service worker answers is a visit of its own site, not of the page before`, async ({ chromium, firefox }) => {
    const { requests, visits } = await appAgain(name === 'chromium' ? chromium : firefox);
    const pixel = requests.filter((r) => r.url === SHELL_PIXEL);
    expect(pixel.map((r) => r.pageSite), 'the pixel of the page the worker answered').toEqual(['app.example']);
    const appVisits = visits.filter((v) => v.s === 'app.example' && (v.c === 1 || v.inf === 1) && v.pr === 0);
    expect(appVisits, 'two shown visits of the app').toHaveLength(2);
    const [first, second] = appVisits.sort((a, b) => a.t - b.t);
    expect(pixel[0]!.visit, 'the pixel belongs to the second visit').toBe(second!.id);
    expect(requests.filter((r) => r.visit === first!.id).map((r) => r.url)).not.toContain(SHELL_PIXEL);
    expect(visits.filter((v) => v.s === 'news.example' && v.c === 1)).toHaveLength(1);
  });
}

/**
 * A worker that sends the navigation on to the network itself (network-first). Firefox then
 * hands the request to the worker and reports the worker's answer as the same request:
 * told twice, still one visit. Chrome sees only the worker's own request (no tab).
 */
async function relayAgain(browser: ExtensionBrowser) {
  const since = Date.now();
  const tab = await browser.visit(RELAY);
  await tab.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await tab.goto('https://plain.example/');
  await tab.goto('https://news.example/');
  await tab.goto(RELAY);
  expect(await tab.evaluate(() => !!navigator.serviceWorker.controller), 'the service worker handled the second visit').toBe(true);
  const popup = await browser.openExtensionPage('popup.html');
  await flushWorker(popup);
  const snapshot = await waitForRecords(popup, (requests) => requests.some((r) => r.url === RELAYED_PIXEL));
  await tab.close();
  await popup.close();
  return { ...snapshot, visits: snapshot.visits.filter((v) => v.t >= since) };
}

const RELAY = 'https://relay.example/';
const RELAYED_PIXEL = 'https://pixel.example/relay-relayed.gif';

for (const name of ['chromium', 'firefox'] as const) {
  test(`${name === 'chromium' ? 'Chromium' : 'Firefox'}: a navigation a service worker sends on to the network is one visit`, async ({ chromium, firefox }) => {
    const { requests, visits } = await relayAgain(name === 'chromium' ? chromium : firefox);
    const relayVisits = visits.filter((v) => v.s === 'relay.example' && (v.c === 1 || v.inf === 1) && v.pr === 0).sort((a, b) => a.t - b.t);
    expect(relayVisits.map((v) => v.u), 'two shown visits of the site, one per time it was opened').toHaveLength(2);
    const pixel = requests.filter((r) => r.url === RELAYED_PIXEL);
    expect(pixel.map((r) => r.visit)).toEqual([relayVisits[1]!.id]);
    // No visit the person never saw: every visit of the site after the first has requests of its own.
    expect(visits.filter((v) => v.s === 'relay.example').length, 'no empty extra visit').toBe(2);
  });
}
