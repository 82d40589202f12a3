/**
 * The forget-site control does exactly what it says, counted in the database as it is on
 * disk: every row attributed to the site goes, every other row stays as it was, and nothing
 * in any table (the capture state included) names the site afterwards.
 *
 * Every fixture page of a run names the run, the visit and itself in each request path
 * (test/fixtures/sites/_template/index.html, which every ctl-*.example serves), so the fixture server's log tells which
 * requests each page really sent; the store must hold exactly those it should
 * (helpers/recorded-run.ts).
 */
import { test, expect } from './harness.js';
import { command, fixturePage, newRun, quiesce, readTables, settle, TABLES } from './helpers/commands.js';
import { expectRecordedExactly } from './helpers/recorded-run.js';

test('Chromium: forgetting a site deletes every row attributed to it and leaves every other row as it was', async ({
  chromium,
  server,
}) => {
  const run = newRun('forget');
  const popup = await chromium.openExtensionPage('popup.html');
  await command(popup, { type: 'resume' });
  const since = Date.now();
  const keep = await chromium.visit(fixturePage('ctl-keep.example', run, 1));
  const forget = await chromium.visit(fixturePage('ctl-forget.example', run, 1));
  await forget.goto(fixturePage('ctl-forget.example', run, 2));
  const pages = ['ctl-keep.example', 'ctl-forget.example'];
  await expectRecordedExactly(popup, server, run, since, pages, pages);
  // Late arrivals (a favicon, the pages' own reports) are stored before the snapshot.
  await quiesce(popup, server.log);
  const before = await readTables(popup);
  const forgottenVisits = new Set(before.visits.filter((v) => v.s === 'ctl-forget.example').map((v) => v.id));
  expect(forgottenVisits.size).toBe(2);
  const isForgotten = (r: { v: number; ps?: string }) => forgottenVisits.has(r.v) || r.ps === 'ctl-forget.example';
  const forgottenRequests = before.requests.filter(isForgotten);
  expect(forgottenRequests.length).toBeGreaterThanOrEqual(10);
  const hostName = new Map(before.hosts.map((h) => [h.id, h.n]));

  const reply = await command(popup, { type: 'forget-site', site: 'ctl-forget.example' });
  const after = await readTables(popup);

  expect(reply).toEqual({
    visits: 2,
    requests: forgottenRequests.length,
    daily: before.daily.filter((d) => d.site === 'ctl-forget.example').length,
  });
  // Everything of the site is gone.
  expect(after.visits.filter((v) => v.s === 'ctl-forget.example')).toEqual([]);
  expect(after.requests.filter(isForgotten)).toEqual([]);
  expect(after.daily.filter((d) => d.site === 'ctl-forget.example')).toEqual([]);
  expect(after.dailyIps.filter((d) => d.site === 'ctl-forget.example')).toEqual([]);
  // Its hosts go (and any host no row referred to, which forget collects on the way); every
  // host a remaining row refers to stays.
  const removed = before.hosts.filter((h) => !after.hosts.some((a) => a.id === h.id));
  const removedHosts = removed.map((h) => h.n);
  expect(removedHosts).toEqual(expect.arrayContaining(['ctl-forget.example', 'only-ctl-forget.example']));
  const stillUsed = new Set([
    ...after.requests.map((r) => r.h),
    ...after.visits.flatMap((v) => [v.h, ...v.d]),
    ...after.daily.map((d) => d.host),
  ]);
  expect(
    removed.filter((h) => stillUsed.has(h.id!)).map((h) => h.n),
    'no host still in use was removed',
  ).toEqual([]);
  expect(after.hosts.map((h) => h.n)).toContain('shared-tracker.example');
  const records = JSON.stringify([after.requests, after.visits, after.hosts, after.ips, after.daily, after.dailyIps]);
  expect(records).not.toContain('ctl-forget');
  // Every other row is exactly as it was: same rows, same ids, same counts.
  expect(after.requests).toEqual(before.requests.filter((r) => !isForgotten(r)));
  expect(after.visits).toEqual(before.visits.filter((v) => v.s !== 'ctl-forget.example'));
  expect(after.daily).toEqual(before.daily.filter((d) => d.site !== 'ctl-forget.example'));
  expect(after.dailyIps).toEqual(before.dailyIps.filter((d) => d.site !== 'ctl-forget.example'));
  expect(after.hosts).toEqual(before.hosts.filter((h) => !removedHosts.includes(h.n)));
  expect(after.ips).toEqual(before.ips);
  expect(after.requests.every((r) => hostName.has(r.h) && after.hosts.some((h) => h.id === r.h))).toBe(true);
  // The capture state forgot the site's pages: the tab still on the site starts afresh.
  const state = JSON.stringify(after.meta.find((m) => m.key === 'capture')?.value ?? {});
  for (const id of forgottenVisits) expect(state).not.toMatch(new RegExp(`"visitId":${id}[,}]`));
  // The other site's tab goes on being recorded, attributed to its visit.
  const keepVisit = after.visits.find((v) => v.s === 'ctl-keep.example' && v.t >= since)!;
  await keep.evaluate((src) => {
    const img = new Image();
    img.src = src;
    document.body.append(img);
  }, `https://shared-tracker.example/${run}/1/ctl-keep.example/after-forget.gif`);
  await expect.poll(async () => (await settle(popup)).requests.find((r) => r.url.endsWith('/after-forget.gif'))?.visit).toBe(keepVisit.id);
  for (const page of [keep, forget, popup]) await page.close();
});

// Rows are not the only place a site's URLs are kept: the capture state (meta table) holds
// the tabs' pages and the page-witness reconciliation keys ("visit URL"). Once its tab is
// closed and everything it sent is in, forgetting the site must leave its name nowhere.
test('Chromium: after forget-site, nothing in any table (the capture state included) names the site', async ({ chromium, server }) => {
  const run = newRun('forgetall');
  const popup = await chromium.openExtensionPage('popup.html');
  await command(popup, { type: 'resume' });
  const since = Date.now();
  const tab = await chromium.visit(fixturePage('ctl-forget.example', run, 1));
  await expectRecordedExactly(popup, server, run, since, ['ctl-forget.example'], ['ctl-forget.example']);
  await tab.close();
  await quiesce(popup, server.log);
  const before = await readTables(popup);
  // The site's rows were there before (the capture state keeps only hashes and visit ids, not its name).
  expect(JSON.stringify(before.visits)).toContain('ctl-forget');
  await command(popup, { type: 'forget-site', site: 'ctl-forget.example' });
  const tables = await readTables(popup);
  await popup.close();
  for (const name of TABLES) expect(JSON.stringify(tables[name]), `table ${name}`).not.toContain('ctl-forget');
});
