/**
 * The controls do exactly what they say, counted in the database as it is on disk:
 * pause, exclude a site, forget a site, wipe, and settings that refuse bad input.
 *
 * Every fixture page of a run names the run, the visit and itself in each request path
 * (test/fixtures/sites/ctl-one.example/index.html), so the fixture server's log tells which
 * requests each page really sent; the store must hold exactly those it should.
 */
import { test, expect } from './harness.js';
import type { ExtensionBrowser, BrowserPage } from '../../src/audit/extension-browser.js';
import type { FixtureServer } from '../../src/audit/fixture-server.js';
import type { RecordedRequest } from '../../src/store/decode.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/store/settings.js';
import {
  command, currentSettings, fixturePage, logOfRun, newRun, pageOfLogged, quiesce, readTables, rowCounts, sendCommand, settle, sleep,
  storageArea, storedForm, TABLES,
} from './helpers/commands.js';

const HOST_OF = (url: string) => new URL(url).hostname;

/**
 * The requests of a run as the store holds them: those whose path names the run, and the
 * run's page requests (stored without their query string, so found by host and time).
 */
function recordedOfRun(requests: RecordedRequest[], run: string, pageHosts: string[], since: number): RecordedRequest[] {
  return requests.filter((r) => r.url.includes(`/${run}/`) || (r.type === 'main_frame' && r.time >= since && pageHosts.includes(r.host)));
}

/**
 * Waits until the store holds, for this run, exactly the logged requests of `recordedPages`
 * (each once) and nothing of the other pages; returns the last comparison for the asserts.
 */
async function expectRecordedExactly(popup: BrowserPage, server: FixtureServer, run: string, since: number, recordedPages: string[], allPages: string[]) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const snapshot = await settle(popup);
    const logged = logOfRun(server.log, run);
    const expected = logged.filter((e) => recordedPages.includes(pageOfLogged(e, run))).map(storedForm).sort();
    const missing = logged.filter((e) => !recordedPages.includes(pageOfLogged(e, run))).map(storedForm).sort();
    const recorded = recordedOfRun(snapshot.requests, run, allPages, since).map((r) => r.url).sort();
    if (JSON.stringify(recorded) === JSON.stringify(expected) || Date.now() > deadline) {
      expect(recorded, 'recorded: exactly the requests the recorded pages sent, each once').toEqual(expected);
      return { snapshot, logged, expected, missing, recorded };
    }
    await sleep(200);
  }
}

// ---------------------------------------------------------------------------------------
// Pause
// ---------------------------------------------------------------------------------------

async function pauseAndResume(browser: ExtensionBrowser, server: FixtureServer) {
  const run = newRun('pause');
  const popup = await browser.openExtensionPage('popup.html');
  await command(popup, { type: 'resume' });
  const since = Date.now();
  const tabs = [await browser.visit(fixturePage('ctl-one.example', run))];
  await command(popup, { type: 'flush' });
  const paused = await command<Settings>(popup, { type: 'pause' });
  expect(paused.pausedSince).toBeGreaterThanOrEqual(since);
  expect((await currentSettings(popup)).pausedSince).toBe(paused.pausedSince);
  tabs.push(await browser.visit(fixturePage('ctl-two.example', run)));
  // What the worker saw while paused is handed to the store while still paused (see the
  // race test below for what happens without this).
  await command(popup, { type: 'flush' });
  expect((await command<Settings>(popup, { type: 'resume' })).pausedSince).toBeNull();
  tabs.push(await browser.visit(fixturePage('ctl-three.example', run)));
  const pages = ['ctl-one.example', 'ctl-two.example', 'ctl-three.example'];
  const { snapshot, logged, missing } = await expectRecordedExactly(popup, server, run, since, ['ctl-one.example', 'ctl-three.example'], pages);
  // The paused page really sent its requests (the server saw them), and exactly those are missing.
  expect(missing).toEqual(logged.filter((e) => pageOfLogged(e, run) === 'ctl-two.example').map(storedForm).sort());
  expect(missing.length).toBeGreaterThanOrEqual(5);
  expect(snapshot.visits.filter((v) => v.s === 'ctl-two.example'), 'no visit of the paused page').toEqual([]);
  expect(snapshot.daily.filter((d) => d.site === 'ctl-two.example'), 'no roll-up of the paused page').toEqual([]);
  expect(snapshot.visits.filter((v) => v.t >= since).map((v) => HOST_OF(v.u)).sort()).toEqual(['ctl-one.example', 'ctl-three.example']);
  for (const tab of tabs) await tab.close();
  await popup.close();
}

test('Chromium: requests sent while paused are not recorded; those before and after are, each once', async ({ chromium, server }) => {
  await pauseAndResume(chromium, server);
});

test('Firefox: requests sent while paused are not recorded; those before and after are, each once', async ({ firefox, server }) => {
  await pauseAndResume(firefox, server);
});

// The pause is applied when a batch is stored, with the settings of that moment
// (src/capture/ingest.ts BatchWriter.paused reads settings.pausedSince), not when the request
// was seen. `resume` (src/capture/commands.ts) sets pausedSince to null at once, so whatever
// was seen during the pause and is still waiting in the journal (up to FLUSH_DELAY_MS = 100
// ms of events, or everything if the worker was stopped or the knowledge was still loading)
// is stored after the resume, as if recording had been on. Suggested fix: make `resume` (and
// `include-site`) flush the pipeline before changing the settings, as `forget-site` does, or
// keep the paused intervals and test each request's time against them.
test('Chromium: requests seen during a pause are not recorded when the user resumes within a moment', async ({ chromium, server }) => {
  const run = newRun('race');
  const popup = await chromium.openExtensionPage('popup.html');
  await command(popup, { type: 'resume' });
  const page = await chromium.visit(`${fixturePage('ctl-one.example', run)}&beacon=0`);
  /** Loads n images at once in the page; resolves when every one has been answered. */
  const burst = (prefix: string, n: number) =>
    page.evaluate(
      ({ prefix, n }) =>
        Promise.all(
          Array.from({ length: n }, (_, i) => new Promise((done) => {
            const img = new Image();
            img.onload = img.onerror = done;
            img.src = `https://tick-sink.example/${prefix}/${i}.gif`;
          })),
        ),
      { prefix, n },
    );
  // Three tries (a loaded machine may stretch the moment): one leak in any of them shows the bug.
  const leaks: string[] = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    const { pausedSince } = await command<Settings>(popup, { type: 'pause' });
    await sleep(400);
    // Twenty requests sent and answered during the pause, then the user resumes at once.
    await burst(`${run}/${attempt}`, 20);
    const resumeSentAt = Date.now();
    await command(popup, { type: 'resume' });
    const sent = server.log.filter((e) => e.path.startsWith(`/${run}/${attempt}/`) && e.time >= pausedSince! && e.time < resumeSentAt);
    expect(sent, 'the burst went out during the pause').toHaveLength(20);
    const { requests } = await settle(popup);
    leaks.push(
      ...requests
        .filter((r) => r.url.includes(`/${run}/${attempt}/`) && r.time >= pausedSince! && r.time < resumeSentAt)
        .map((r) => `try ${attempt}: ${r.url} ended ${Math.round(resumeSentAt - r.time)} ms before the resume`),
    );
  }
  await page.close();
  await popup.close();
  expect(leaks, 'recorded although sent and answered during the pause').toEqual([]);
});

// ingest.ts BatchWriter.commit calls interner.prepare for every pending request before it
// checks pause and exclusion (and applyVisitChanges interns each new visit's host before its
// checks): the hosts of pages visited while paused, or of excluded sites, get a row in the
// hosts table (with their classification), a lasting trace of the visit the user asked not
// to record. Suggested fix: decide paused / excluded / no-host first, and intern only the
// hosts of the rows and visits that will be written (the exclusion check needs only
// classifier.host(name).d, not an interned row).
test('Chromium: a page visited while paused, or on an excluded site, leaves no host row', async ({ chromium, server }) => {
  const run = newRun('trace');
  const popup = await chromium.openExtensionPage('popup.html');
  await command(popup, { type: 'resume' });
  await command(popup, { type: 'exclude-site', site: 'ctl-hidden.example' });
  const hidden = await chromium.visit(`${fixturePage('ctl-hidden.example', run)}&beacon=0`);
  await command(popup, { type: 'pause' });
  const pausedPage = await chromium.visit(`https://paused-trace.example/?run=${run}`);
  await command(popup, { type: 'flush' });
  await command(popup, { type: 'resume' });
  await command(popup, { type: 'include-site', site: 'ctl-hidden.example' });
  const { hosts, visits } = await readTables(popup);
  for (const page of [hidden, pausedPage, popup]) await page.close();
  expect(logOfRun(server.log, run).length, 'both pages sent their requests (5 and 1)').toBeGreaterThanOrEqual(6);
  expect(visits.filter((v) => v.s === 'ctl-hidden.example' || v.s === 'paused-trace.example')).toEqual([]);
  expect(hosts.map((h) => h.n).filter((n) => /ctl-hidden|paused-trace/.test(n))).toEqual([]);
});

// ---------------------------------------------------------------------------------------
// Exclude
// ---------------------------------------------------------------------------------------

test('Chromium: an excluded site leaves no visit, no request and no roll-up; other sites of the same run are recorded', async ({ chromium, server }) => {
  const run = newRun('excl');
  const popup = await chromium.openExtensionPage('popup.html');
  await command(popup, { type: 'resume' });
  const excluded = await command<Settings>(popup, { type: 'exclude-site', site: 'CTL-Excluded.example' });
  expect(excluded.excludedSites).toContain('ctl-excluded.example');
  const since = Date.now();
  // Two tabs, each moving between the excluded site and another one, both ways.
  const first = await chromium.visit(fixturePage('ctl-one.example', run, 1));
  const second = await chromium.visit(fixturePage('ctl-excluded.example', run, 1));
  await first.goto(fixturePage('ctl-excluded.example', run, 2));
  await second.goto(fixturePage('ctl-one.example', run, 2));
  const pages = ['ctl-one.example', 'ctl-excluded.example'];
  const { snapshot, logged, missing } = await expectRecordedExactly(popup, server, run, since, ['ctl-one.example'], pages);
  expect(logged.filter((e) => pageOfLogged(e, run) === 'ctl-excluded.example').length, 'the excluded pages did send requests').toBeGreaterThanOrEqual(10);
  expect(missing.every((url) => url.includes('ctl-excluded.example'))).toBe(true);
  // Shared third parties are recorded for the other site only.
  const shared = snapshot.requests.filter((r) => r.host === 'shared-tracker.example' && r.url.includes(`/${run}/`));
  expect(shared.map((r) => r.pageSite)).toEqual(['ctl-one.example', 'ctl-one.example']);
  expect(snapshot.visits.filter((v) => v.s === 'ctl-excluded.example'), 'no visit').toEqual([]);
  expect(snapshot.requests.filter((r) => r.pageSite === 'ctl-excluded.example' || r.url.includes('ctl-excluded')), 'no request').toEqual([]);
  const tables = await readTables(popup);
  expect(tables.daily.filter((d) => d.site === 'ctl-excluded.example'), 'no roll-up').toEqual([]);
  expect(tables.dailyIps.filter((d) => d.site === 'ctl-excluded.example'), 'no IP roll-up').toEqual([]);
  expect(snapshot.visits.filter((v) => v.t >= since && v.s === 'ctl-one.example')).toHaveLength(2);

  // Including the site again records it again, from then on.
  const included = await command<Settings>(popup, { type: 'include-site', site: 'ctl-excluded.example' });
  expect(included.excludedSites).not.toContain('ctl-excluded.example');
  const again = await chromium.visit(fixturePage('ctl-excluded.example', run, 3));
  const third = `/${run}/3/ctl-excluded.example/`;
  await expect.poll(async () => (await settle(popup)).requests.filter((r) => r.url.includes(third)).length).toBe(4);
  const { requests, visits } = await settle(popup);
  expect(requests.filter((r) => r.url.includes(third)).map((r) => r.pageSite)).toEqual(Array(4).fill('ctl-excluded.example'));
  expect(visits.filter((v) => v.s === 'ctl-excluded.example')).toHaveLength(1);
  // What was sent while it was excluded stays unrecorded.
  expect(requests.filter((r) => r.url.includes(`/${run}/1/ctl-excluded.example/`) || r.url.includes(`/${run}/2/ctl-excluded.example/`))).toEqual([]);
  for (const page of [first, second, again, popup]) await page.close();
});

// The exclude command keeps the host name the user gave (settings.ts normaliseSite reduces
// "https://www.example.com/x" to "www.example.com", by design), but ingest.ts compares the
// exclusion list with the page's *site*, its registrable domain (visit.s, "example.com"),
// in sites.ts isExcluded: `site === excluded || site.endsWith('.' + excluded)`. A host below
// the registrable domain never matches, so pasting the address of the page one is on (the
// natural way to exclude it) excludes nothing, and the page is recorded. The same holds for
// forget-site ("www.example.com" forgets nothing). Suggested fix: reduce the given host to
// its registrable domain in commands.ts (the classifier knows it), or compare the page's
// host as well as its site in isExcluded.
test('Chromium: excluding a site by the address of one of its pages (www.…) stops recording it', async ({ chromium, server }) => {
  const run = newRun('www');
  const popup = await chromium.openExtensionPage('popup.html');
  await command(popup, { type: 'resume' });
  const settings = await command<Settings>(popup, { type: 'exclude-site', site: 'https://www.ctl-www.example/some/page?x=1' });
  // Stored as the registrable domain, which is what pages are filed under.
  expect(settings.excludedSites).toContain('ctl-www.example');
  const since = Date.now();
  const tab = await chromium.visit(`${fixturePage('www.ctl-www.example', run)}&beacon=0`);
  await sleep(500);
  const { requests, visits } = await settle(popup);
  await command(popup, { type: 'include-site', site: 'www.ctl-www.example' });
  await tab.close();
  await popup.close();
  expect(logOfRun(server.log, run).length, 'the page sent its requests').toBeGreaterThanOrEqual(5);
  expect(visits.filter((v) => v.t >= since).map((v) => v.u), 'no visit of the excluded page').toEqual([]);
  expect(recordedOfRun(requests, run, ['www.ctl-www.example'], since).map((r) => r.url), 'no request of the excluded page').toEqual([]);
});

// ---------------------------------------------------------------------------------------
// Forget
// ---------------------------------------------------------------------------------------

test('Chromium: forgetting a site deletes every row attributed to it and leaves every other row as it was', async ({ chromium, server }) => {
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

  const reply = await command<{ visits: number; requests: number; daily: number }>(popup, { type: 'forget-site', site: 'ctl-forget.example' });
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
    ...after.requests.map((r) => r.h), ...after.visits.flatMap((v) => [v.h, ...v.d]), ...after.daily.map((d) => d.host),
  ]);
  expect(removed.filter((h) => stillUsed.has(h.id!)).map((h) => h.n), 'no host still in use was removed').toEqual([]);
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

// ---------------------------------------------------------------------------------------
// Wipe
// ---------------------------------------------------------------------------------------

async function wipeEverything(browser: ExtensionBrowser, server: FixtureServer) {
  const run = newRun('wipe');
  const popup = await browser.openExtensionPage('popup.html');
  await command(popup, { type: 'resume' });
  let since = Date.now();
  const tab = await browser.visit(fixturePage('ctl-one.example', run, 1));
  await expectRecordedExactly(popup, server, run, since, ['ctl-one.example'], ['ctl-one.example']);
  // Settings far from the defaults.
  await command(popup, { type: 'set-settings', settings: { ...DEFAULT_SETTINGS, storeQueryStrings: true, rawRetentionDays: 7, rollupRetentionMonths: 2, excludedSites: ['a.example'] } });
  await command(popup, { type: 'exclude-site', site: 'ctl-excluded.example' });
  await command(popup, { type: 'pause' });
  const counts = await rowCounts(popup);
  for (const table of ['requests', 'visits', 'hosts', 'daily', 'meta'] as const) expect(counts[table], table).toBeGreaterThan(0);
  // Nothing in flight: what an event arriving during the wipe does is the next test's subject.
  await quiesce(popup, server.log);

  expect(await sendCommand(popup, { type: 'wipe' })).toEqual({ ok: true, value: true });

  expect(await rowCounts(popup)).toEqual(Object.fromEntries(TABLES.map((t) => [t, 0])));
  expect(await currentSettings(popup)).toEqual(DEFAULT_SETTINGS);
  expect(await storageArea(popup, 'local')).toEqual({});
  expect(Object.keys(await storageArea(popup, 'session')).filter((k) => k.startsWith('j:'))).toEqual([]);

  // Recording goes on, from a clean slate: the tab's next page is a visit of its own.
  since = Date.now();
  const run2 = newRun('afterwipe');
  await tab.goto(fixturePage('ctl-three.example', run2, 1));
  const { snapshot } = await expectRecordedExactly(popup, server, run2, since, ['ctl-three.example'], ['ctl-three.example']);
  expect(snapshot.visits.map((v) => v.u)).toEqual(['https://ctl-three.example/']);
  expect(snapshot.requests.every((r) => r.pageUrl === 'https://ctl-three.example/' || r.url.includes('/unload'))).toBe(true);
  await tab.close();
  await popup.close();
}

test('Chromium: wipe empties every table and puts the settings back to their defaults', async ({ chromium, server }) => {
  await wipeEverything(chromium, server);
});

test('Firefox: wipe empties every table and puts the settings back to their defaults', async ({ firefox, server }) => {
  await wipeEverything(firefox, server);
});

// ---------------------------------------------------------------------------------------
// Settings refuse bad input
// ---------------------------------------------------------------------------------------

test('Chromium: bad settings and bad sites are refused with a clear error, and nothing changes', async ({ chromium }) => {
  const popup = await chromium.openExtensionPage('popup.html');
  const good: Settings = { ...DEFAULT_SETTINGS, excludedSites: ['a.example'], rawRetentionDays: 20 };
  expect(await command(popup, { type: 'set-settings', settings: good })).toEqual(good);
  const local = await storageArea(popup, 'local');
  const counts = await rowCounts(popup);
  const refused: [unknown, RegExp][] = [
    [{ ...good, rawRetentionDays: -1 }, /^rawRetentionDays must be a whole number from 1 to 3650$/],
    [{ ...good, rawRetentionDays: 0 }, /^rawRetentionDays must be/],
    [{ ...good, rawRetentionDays: 1.5 }, /^rawRetentionDays must be/],
    [{ ...good, rawRetentionDays: 4000 }, /^rawRetentionDays must be/],
    [{ ...good, rawRetentionDays: '30' }, /^rawRetentionDays must be/],
    [{ ...good, rollupRetentionMonths: 0 }, /^rollupRetentionMonths must be a whole number from 1 to 120$/],
    [{ ...good, rollupRetentionMonths: null }, /^rollupRetentionMonths must be/],
    [{ ...good, excludedSites: ['not a site!'] }, /^not a site: not a site!$/],
    [{ ...good, excludedSites: ['b.example', 'https://'] }, /^not a site: https:\/\/$/],
    [{ ...good, excludedSites: [42] }, /^not a site: 42$/],
    [{ ...good, excludedSites: 'b.example' }, /^excludedSites must be a list/],
    [{ ...good, storeQueryStrings: 'yes' }, /^storeQueryStrings must be true or false$/],
    [{ ...good, pausedSince: 'now' }, /^pausedSince must be null or a time$/],
    [{ ...good, pausedSince: -5 }, /^pausedSince must be null or a time$/],
    [null, /^settings must be an object$/],
    [42, /^settings must be an object$/],
    [undefined, /^settings must be an object$/],
  ];
  for (const [settings, error] of refused) {
    const reply = await sendCommand(popup, { type: 'set-settings', settings });
    expect(reply.ok, JSON.stringify(settings)).toBe(false);
    expect(!reply.ok && reply.error, JSON.stringify(settings)).toMatch(error);
    expect(await currentSettings(popup), `unchanged after ${JSON.stringify(settings)}`).toEqual(good);
  }
  for (const type of ['exclude-site', 'include-site', 'forget-site']) {
    for (const site of ['not a site', '', '../..', 'https://', '-bad-.example', 'a'.repeat(64) + '.example']) {
      const reply = await sendCommand(popup, { type, site });
      expect(reply, `${type} ${site}`).toEqual({ ok: false, error: `not a site: ${site.slice(0, 80)}` });
    }
    expect(await sendCommand(popup, { type, site: 7 })).toEqual({ ok: false, error: 'unknown command' });
  }
  expect(await sendCommand(popup, { type: 'drop-everything' })).toEqual({ ok: false, error: 'unknown command' });
  expect(await sendCommand(popup, 'wipe')).toEqual({ ok: false, error: 'unknown command' });
  // Nothing changed anywhere.
  expect(await currentSettings(popup)).toEqual(good);
  expect(await storageArea(popup, 'local')).toEqual(local);
  expect(await rowCounts(popup)).toEqual(counts);
  await command(popup, { type: 'set-settings', settings: DEFAULT_SETTINGS });
  await popup.close();
});

