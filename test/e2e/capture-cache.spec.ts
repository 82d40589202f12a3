import { test, expect, waitForRecords } from './harness.js';
import type { ExtensionBrowser } from '../../src/audit/extension-browser.js';
import type { LoggedRequest } from '../../src/audit/fixture-server.js';
import { flushWorker } from '../../src/audit/read-store.js';

const PAGE = 'https://cache.example/';
const AGAIN = 'https://cache.example/again.html';
const KEPT = 'https://cdn.example/__cacheable/kept.js';
const CHECKED = ['https://cdn.example/__revalidate/checked.js', 'https://pixel.example/__revalidate/checked.gif'];

/**
 * The same resources twice, the second time in a new tab (a new renderer, so the HTTP cache
 * answers, not the page's memory cache): one kept for an hour, two checked with the server
 * before each use (304). Both browsers say fromCache for all three the second time, so none
 * of them places a server; Chrome alone still reports the address the copy came from.
 */
async function openTwice(browser: ExtensionBrowser, log: LoggedRequest[]) {
  const from = log.length;
  const first = await browser.visit(PAGE);
  // Give the HTTP cache a moment to finish writing.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const second = await browser.visit(AGAIN);
  const popup = await browser.openExtensionPage('popup.html');
  await flushWorker(popup);
  const snapshot = await waitForRecords(popup, (requests) =>
    [KEPT, ...CHECKED].every((url) => requests.filter((r) => r.url === url).length === 2),
  );
  await Promise.all([first.close(), second.close(), popup.close()]);
  return { ...snapshot, log: log.slice(from) };
}

for (const name of ['chromium', 'firefox'] as const) {
  test(`${name === 'chromium' ? 'Chromium' : 'Firefox'}: an answer from the cache is recorded as such and places no server`, async ({
    chromium,
    firefox,
    server,
  }) => {
    const { requests, visits, log } = await openTwice(name === 'chromium' ? chromium : firefox, server.log);
    const onPage = (page: string) => requests.filter((r) => r.pageUrl === page);
    const fetched = onPage(PAGE).filter((r) => [KEPT, ...CHECKED].includes(r.url));
    const cached = onPage(AGAIN).filter((r) => [KEPT, ...CHECKED].includes(r.url));
    expect(fetched.map((r) => [r.url, r.fromCache, r.ip]).sort()).toEqual(
      [KEPT, ...CHECKED].map((url) => [url, false, '127.0.0.1']).sort(),
    );
    expect(cached.map((r) => [r.url, r.fromCache, r.ip]).sort()).toEqual([KEPT, ...CHECKED].map((url) => [url, true, null]).sort());
    // What the server saw: the kept copy was not asked for again, the checked ones were (304).
    const asked = (url: string) => log.filter((l) => `https://${l.host}${l.path}` === url).length;
    expect([KEPT, ...CHECKED].map(asked)).toEqual([1, 2, 2]);
    // The receivers still count for the second visit: the checked copies did reach them, and
    // no browser says which copies did.
    const hostsOf = (url: string) => [...visits.find((v) => v.url === url)!.hosts].sort();
    expect(hostsOf(AGAIN)).toEqual(hostsOf(PAGE));
  });
}
