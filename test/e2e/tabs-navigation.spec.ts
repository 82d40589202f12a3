/**
 * Tabs: requests follow their page when a tab navigates away. One tab goes from one site to
 * another and back; each visit keeps its own requests (its unload beacon included) and its
 * own counters. (Closed tabs: tabs-closed.spec.ts; private windows: tabs-private.spec.ts.)
 */
import { test, expect } from './harness.js';
import type { ExtensionBrowser } from '../../src/audit/extension-browser.js';
import type { FixtureServer } from '../../src/audit/fixture-server.js';
import { command, fixturePage, logOfRun, newRun } from './helpers/commands.js';
import { readRecords } from '../../src/audit/read-store.js';
import { recordedOfRun, visitNumber, waitForRun } from './helpers/recorded-run.js';

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

  const runVisits = visits.filter((v) => v.time >= since && pages.includes(new URL(v.url).hostname)).sort((a, b) => a.time - b.time);
  expect(runVisits.map((v) => v.url)).toEqual(['https://tab-first.example/', 'https://tab-second.example/', 'https://tab-first.example/']);
  expect(new Set(runVisits.map((v) => v.tab)).size, 'all in one tab').toBe(1);
  const mine = recordedOfRun(requests, run, pages, since);
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
    expect(own.length, `visit ${i + 1}: requests`).toBe(visit.requests);
    const favicons = own.filter((r) => r.url === `${new URL(visit.url).origin}/favicon.ico`);
    expect(favicons.length).toBeLessThanOrEqual(1);
    expect(own.length - favicons.length, `visit ${i + 1}: its page, four sub-resources${i < 2 ? ' and its unload beacon' : ''}`).toBe(
      i < 2 ? 6 : 5,
    );
    const { hosts } = await readRecords(popup);
    const names = visit.hosts.map((id) => hosts.find((h) => h.id === id)!.name).sort();
    expect(names).toEqual([...new Set(own.map((r) => r.host))].sort());
  }
  await tab.close();
  await popup.close();
}

test('Chromium: after a navigation away, the new page gets its own requests and the old page keeps its own', async ({
  chromium,
  server,
}) => {
  await navigateAway(chromium, server);
});

test('Firefox: after a navigation away, the new page gets its own requests and the old page keeps its own', async ({ firefox, server }) => {
  await navigateAway(firefox, server);
});
