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
import { recordsOfTables } from '../../src/audit/read-store.js';
import { decodeRequest, lookups, type RecordedRequest } from '../../src/store/decode.js';

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
  const was = recordsOfTables(before);
  const forgottenVisits = new Set(was.visits.filter((v) => v.site === 'ctl-forget.example').map((v) => v.id));
  expect(forgottenVisits.size).toBe(2);
  // A request sent with no tab has no visit, only the site of its page.
  const isForgotten = (r: RecordedRequest) => (r.visit !== null && forgottenVisits.has(r.visit)) || r.pageSite === 'ctl-forget.example';
  const forgottenRequests = was.requests.filter(isForgotten);
  expect(forgottenRequests.length).toBeGreaterThanOrEqual(10);
  const forgottenRequestIds = new Set(forgottenRequests.map((r) => r.id));
  const hostName = new Map(was.hosts.map((h) => [h.id, h.name]));

  const reply = await command(popup, { type: 'forget-site', site: 'ctl-forget.example' });
  const after = await readTables(popup);
  const now = recordsOfTables(after);

  expect(reply).toEqual({
    visits: 2,
    requests: forgottenRequests.length,
    daily: before.daily.filter((d) => d.site === 'ctl-forget.example').length,
  });
  // Everything of the site is gone.
  expect(now.visits.filter((v) => v.site === 'ctl-forget.example')).toEqual([]);
  expect(now.requests.filter(isForgotten)).toEqual([]);
  expect(after.daily.filter((d) => d.site === 'ctl-forget.example')).toEqual([]);
  expect(after.dailyIps.filter((d) => d.site === 'ctl-forget.example')).toEqual([]);
  // Its hosts go (and any host no row referred to, which forget collects on the way); every
  // host a remaining row refers to stays.
  const removed = was.hosts.filter((h) => !now.hosts.some((a) => a.id === h.id));
  const removedIds = new Set(removed.map((h) => h.id));
  expect(removed.map((h) => h.name)).toEqual(expect.arrayContaining(['ctl-forget.example', 'only-ctl-forget.example']));
  // A request names its host: looked up in the hosts as they were, a removed one still has its name.
  const asBefore = lookups(before.hosts, before.ips, before.visits);
  const stillUsed = new Set([
    ...after.requests.map((row) => decodeRequest(row, asBefore).host),
    ...[...now.visits.flatMap((v) => [v.host, ...v.hosts]), ...after.daily.map((d) => d.host)].map((id) => hostName.get(id)),
  ]);
  expect(
    removed.filter((h) => stillUsed.has(h.name)).map((h) => h.name),
    'no host still in use was removed',
  ).toEqual([]);
  expect(now.hosts.map((h) => h.name)).toContain('shared-tracker.example');
  const records = JSON.stringify([after.requests, after.visits, after.hosts, after.ips, after.daily, after.dailyIps]);
  expect(records).not.toContain('ctl-forget');
  // Every other row is exactly as it was: same rows, same ids, same counts.
  expect(after.requests).toEqual(before.requests.filter((r) => !forgottenRequestIds.has(r.id!)));
  expect(after.visits).toEqual(before.visits.filter((v) => !forgottenVisits.has(v.id)));
  expect(after.daily).toEqual(before.daily.filter((d) => d.site !== 'ctl-forget.example'));
  expect(after.dailyIps).toEqual(before.dailyIps.filter((d) => d.site !== 'ctl-forget.example'));
  expect(after.hosts).toEqual(before.hosts.filter((h) => !removedIds.has(h.id!)));
  expect(after.ips).toEqual(before.ips);
  // Every remaining request's host was there before and is still there (a missing one decodes to no name).
  const namesAfter = new Set(now.hosts.map((h) => h.name));
  const namesBefore = new Set(hostName.values());
  expect(now.requests.every((r) => namesBefore.has(r.host) && namesAfter.has(r.host))).toBe(true);
  // The capture state forgot the site's pages: the tab still on the site starts afresh.
  const state = JSON.stringify(after.meta.find((m) => m.key === 'capture')?.value ?? {});
  for (const id of forgottenVisits) expect(state).not.toMatch(new RegExp(`"visitId":${id}[,}]`));
  // The other site's tab goes on being recorded, attributed to its visit.
  const keepVisit = now.visits.find((v) => v.site === 'ctl-keep.example' && v.time >= since)!;
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
