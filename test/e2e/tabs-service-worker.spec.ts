import { test, expect, waitForRecords } from './harness.js';
import type { ExtensionBrowser } from '../../src/audit/extension-browser.js';
import { flushWorker } from '../../src/audit/read-store.js';
import { isShownVisit } from '../../src/store/visit-facts.js';

const APP = 'https://app.example/';
const SHELL_PIXEL = 'https://pixel.example/app-shell.gif';

/**
 * A site whose service worker handles its navigations, opened, left for two other sites in
 * the same tab, and opened again: the second time the worker handles the page, and `pixel`
 * is one of that page's own requests. Only this test's visits are returned (the browser is
 * shared with other tests).
 */
async function openAgainAfterTwoSites(browser: ExtensionBrowser, url: string, pixel: string) {
  const since = Date.now();
  const tab = await browser.visit(url);
  await tab.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await tab.goto('https://plain.example/');
  await tab.goto('https://news.example/');
  await tab.goto(url);
  expect(await tab.evaluate(() => !!navigator.serviceWorker.controller), 'the service worker handled the second visit').toBe(true);
  const popup = await browser.openExtensionPage('popup.html');
  await flushWorker(popup);
  const snapshot = await waitForRecords(popup, (requests) => requests.some((r) => r.url === pixel));
  await tab.close();
  await popup.close();
  return { ...snapshot, visits: snapshot.visits.filter((v) => v.time >= since) };
}

/**
 * An app whose service worker answers its navigations from its cache (an "app shell").
 * Chrome reports no request for that page and Firefox only hands the request to the worker,
 * so no response tells that the tab moved on: the page's own requests must still go to a
 * new visit of the app, not to the site before.
 */
for (const name of ['chromium', 'firefox'] as const) {
  test(`${name === 'chromium' ? 'Chromium' : 'Firefox'}: a page a service worker answers is a visit of its own site, not of the page before`, async ({
    chromium,
    firefox,
  }) => {
    const { requests, visits } = await openAgainAfterTwoSites(name === 'chromium' ? chromium : firefox, APP, SHELL_PIXEL);
    const pixel = requests.filter((r) => r.url === SHELL_PIXEL);
    expect(
      pixel.map((r) => r.pageSite),
      'the pixel of the page the worker answered',
    ).toEqual(['app.example']);
    const appVisits = visits.filter((v) => v.site === 'app.example' && isShownVisit(v));
    expect(appVisits, 'two shown visits of the app').toHaveLength(2);
    const [first, second] = appVisits.sort((a, b) => a.time - b.time);
    expect(pixel[0]!.visit, 'the pixel belongs to the second visit').toBe(second!.id);
    expect(requests.filter((r) => r.visit === first!.id).map((r) => r.url)).not.toContain(SHELL_PIXEL);
    expect(visits.filter((v) => v.site === 'news.example' && v.shown)).toHaveLength(1);
  });
}

const RELAY = 'https://relay.example/';
const RELAYED_PIXEL = 'https://pixel.example/relay-relayed.gif';

/**
 * A worker that sends the navigation on to the network itself (network-first). Firefox then
 * hands the request to the worker and reports the worker's answer as the same request:
 * told twice, still one visit. Chrome sees only the worker's own request (no tab).
 */

for (const name of ['chromium', 'firefox'] as const) {
  test(`${name === 'chromium' ? 'Chromium' : 'Firefox'}: a navigation a service worker sends on to the network is one visit`, async ({
    chromium,
    firefox,
  }) => {
    const { requests, visits } = await openAgainAfterTwoSites(name === 'chromium' ? chromium : firefox, RELAY, RELAYED_PIXEL);
    const relayVisits = visits.filter((v) => v.site === 'relay.example' && isShownVisit(v)).sort((a, b) => a.time - b.time);
    expect(
      relayVisits.map((v) => v.url),
      'two shown visits of the site, one per time it was opened',
    ).toHaveLength(2);
    const pixel = requests.filter((r) => r.url === RELAYED_PIXEL);
    expect(pixel.map((r) => r.visit)).toEqual([relayVisits[1]!.id]);
    // No visit the person never saw: every visit of the site after the first has requests of its own.
    expect(visits.filter((v) => v.site === 'relay.example').length, 'no empty extra visit').toBe(2);
  });
}
