import { test, expect, waitForRecords, REFUSED_HOST } from './harness.js';
import type { ExtensionBrowser } from '../../src/audit/extension-browser.js';
import type { RecordedHost, RecordedRequest, RecordedVisit } from '../../src/store/decode.js';
import { flushWorker } from '../../src/audit/read-store.js';
import type { LoggedRequest } from '../../src/audit/fixture-server.js';

const SHOP = 'https://shop.example/';
const CHECKOUT = 'https://shop.example/checkout.html';

/** What each request of the shop fixture must look like once recorded, in either browser. */
// A beacon sent on unload comes from a document being replaced: Chrome gives it that
// document's own frame id, so only its page is checked; and Chrome sometimes cancels the
// response once the document is gone (net::ERR_ABORTED) after the request went out, so its
// outcome is checked against what the server received ('sent').
const EXPECTED: {
  url: string;
  page: string;
  outcome: string;
  third: boolean;
  frame: 'top' | 'sub' | 'any';
  extra?: Partial<RecordedRequest>;
}[] = [
  { url: SHOP, page: SHOP, outcome: 'completed', third: false, frame: 'top', extra: { type: 'main_frame', status: 200 } },
  { url: 'https://shop.example/style.css', page: SHOP, outcome: 'completed', third: false, frame: 'top' },
  { url: 'https://shop.example/app.js', page: SHOP, outcome: 'completed', third: false, frame: 'top' },
  { url: 'https://shop.example/__setcookie.gif', page: SHOP, outcome: 'completed', third: false, frame: 'top' },
  { url: 'https://shop.example/logo.png', page: SHOP, outcome: 'completed', third: false, frame: 'top' },
  {
    url: 'https://www.googletagmanager.com/gtm.js',
    page: SHOP,
    outcome: 'completed',
    third: true,
    frame: 'top',
    extra: { referrer: true },
  },
  { url: 'https://connect.facebook.net/en_US/fbevents.js', page: SHOP, outcome: 'completed', third: true, frame: 'top' },
  {
    url: 'https://cdn.example/__cacheable/lib.js',
    page: SHOP,
    outcome: 'completed',
    third: true,
    frame: 'top',
    extra: { fromCache: false },
  },
  {
    url: 'https://track.example/__redirect',
    page: SHOP,
    outcome: 'redirected',
    third: true,
    frame: 'top',
    extra: { status: 302, detail: 'pixel.example' },
  },
  { url: 'https://pixel.example/final.gif', page: SHOP, outcome: 'completed', third: true, frame: 'top' },
  { url: 'https://refused.example/x.js', page: SHOP, outcome: 'failed', third: true, frame: 'top', extra: { status: null } },
  { url: 'https://noref.example/p.gif', page: SHOP, outcome: 'completed', third: true, frame: 'top', extra: { referrer: false } },
  { url: 'https://widget.example/frame.html', page: SHOP, outcome: 'completed', third: true, frame: 'sub', extra: { type: 'sub_frame' } },
  { url: 'https://ads.example/ad.gif', page: SHOP, outcome: 'completed', third: true, frame: 'sub' },
  { url: 'https://www.google-analytics.com/collect.gif', page: SHOP, outcome: 'completed', third: true, frame: 'sub' },
  { url: 'https://beacon.example/unload', page: SHOP, outcome: 'sent', third: true, frame: 'any', extra: { method: 'POST' } },
  { url: CHECKOUT, page: CHECKOUT, outcome: 'completed', third: false, frame: 'top', extra: { type: 'main_frame', cookies: true } },
  {
    url: 'https://cdn.example/__cacheable/lib.js',
    page: CHECKOUT,
    outcome: 'completed',
    third: true,
    frame: 'top',
    extra: { fromCache: true },
  },
  {
    url: 'https://shop.example/cart.png',
    page: CHECKOUT,
    outcome: 'completed',
    third: false,
    frame: 'top',
    extra: { cookies: true, referrer: true },
  },
];

function describe(r: RecordedRequest) {
  return `${r.outcome} ${r.url} page=${r.pageUrl} frame=${r.frameId} third=${r.thirdParty} ${r.detail ?? ''}`;
}

/**
 * Shop, then checkout in a new tab (a new renderer: Chrome's per-process memory cache does
 * not hide the cached script, the HTTP cache answers and says so), then the shop tab moves
 * to another site, which fires the unload beacon.
 */
async function browseShop(browser: ExtensionBrowser, log: LoggedRequest[]) {
  const logStart = log.length;
  const tab = await browser.visit(SHOP);
  // Give the HTTP cache a moment to finish writing the cacheable script.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const checkout = await browser.visit(CHECKOUT);
  await tab.goto('https://news.example/');
  await checkout.close();
  const popup = await browser.openExtensionPage('popup.html');
  await flushWorker(popup);
  const snapshot = await waitForRecords(popup, (requests) =>
    EXPECTED.every((e) => requests.some((r) => r.url === e.url && r.pageUrl === e.page)),
  );
  await tab.close();
  await popup.close();
  return { ...snapshot, log: log.slice(logStart) };
}

function checkShopRecords(requests: RecordedRequest[], log: LoggedRequest[]) {
  const ofFixture = requests.filter((r) => r.pageSite === 'shop.example');
  for (const expected of EXPECTED) {
    const matches = ofFixture.filter((r) => r.url === expected.url && r.pageUrl === expected.page);
    expect(matches.map(describe), `${expected.url} on ${expected.page} is recorded exactly once`).toHaveLength(1);
    const record = matches[0]!;
    if (expected.outcome === 'sent') {
      const { host, pathname } = new URL(expected.url);
      expect(
        log.some((l) => l.host === host && l.path === pathname),
        `${expected.url} reached the server`,
      ).toBe(true);
      expect(['completed', 'failed'], describe(record)).toContain(record.outcome);
    } else {
      expect(record.outcome, describe(record)).toBe(expected.outcome);
    }
    expect(record.thirdParty, `${expected.url} third party`).toBe(expected.third);
    if (expected.frame !== 'any') expect(record.frameId === 0, `${expected.url} in the top frame`).toBe(expected.frame === 'top');
    expect(record.pageSite).toBe('shop.example');
    if (expected.extra) expect(record, expected.url).toMatchObject(expected.extra);
  }
  // Nothing recorded twice: the same URL on the same page appears once (the fixture loads each once per page).
  const keys = ofFixture.map((r) => `${r.pageUrl} ${r.url} ${r.outcome}`);
  expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  // The script served from cache really did not reach the server the second time.
  expect(log.filter((l) => l.host === 'cdn.example' && l.path === '/__cacheable/lib.js')).toHaveLength(1);
  // No query string is stored by default.
  expect(requests.filter((r) => r.url.includes('?'))).toEqual([]);
}

/** The shop's visits, and what each reached: the refused script is recorded but reached nobody. */
function checkShopVisits(visits: RecordedVisit[], hosts: RecordedHost[]) {
  const shopVisits = visits.filter((v) => v.site === 'shop.example' && v.shown);
  expect(shopVisits.map((v) => v.url).sort()).toEqual([SHOP, CHECKOUT]);
  const nameOf = new Map(hosts.map((h) => [h.id, h.name]));
  const reached = shopVisits.find((v) => v.url === SHOP)!.hosts.map((id) => nameOf.get(id));
  expect(reached).toContain('www.googletagmanager.com');
  expect(reached, 'a refused connection reached nobody').not.toContain(REFUSED_HOST);
}

test('Chromium records every request of a page once, with its page, frame, outcome and flags', async ({ chromium, server }) => {
  const { requests, visits, hosts, log } = await browseShop(chromium, server.log);
  checkShopRecords(requests, log);
  checkShopVisits(visits, hosts);
});

test('Firefox records the same page the same way', async ({ firefox, server }) => {
  const { requests, visits, hosts, log } = await browseShop(firefox, server.log);
  checkShopRecords(requests, log);
  checkShopVisits(visits, hosts);
});
