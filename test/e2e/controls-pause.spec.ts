/**
 * The pause control does exactly what it says, counted in the database as it is on disk:
 * requests sent while paused are not recorded, those before and after are, and a page seen
 * while paused leaves no trace.
 *
 * Every fixture page of a run names the run, the visit and itself in each request path
 * (test/fixtures/sites/_template/index.html, which every ctl-*.example serves), so the fixture server's log tells which
 * requests each page really sent; the store must hold exactly those it should
 * (helpers/recorded-run.ts).
 */
import { test, expect } from './harness.js';
import type { ExtensionBrowser } from '../../src/audit/extension-browser.js';
import type { FixtureServer } from '../../src/audit/fixture-server.js';
import { command, currentSettings, fixturePage, logOfRun, newRun, pageOfLogged, settle, sleep, storedForm } from './helpers/commands.js';
import { expectRecordedExactly } from './helpers/recorded-run.js';
import { readRecords } from '../../src/audit/read-store.js';

const HOST_OF = (url: string) => new URL(url).hostname;

async function pauseAndResume(browser: ExtensionBrowser, server: FixtureServer) {
  const run = newRun('pause');
  const popup = await browser.openExtensionPage('popup.html');
  await command(popup, { type: 'resume' });
  const since = Date.now();
  const tabs = [await browser.visit(fixturePage('ctl-one.example', run))];
  await command(popup, { type: 'flush' });
  const paused = await command(popup, { type: 'pause' });
  expect(paused.pausedSince).toBeGreaterThanOrEqual(since);
  expect((await currentSettings(popup)).pausedSince).toBe(paused.pausedSince);
  tabs.push(await browser.visit(fixturePage('ctl-two.example', run)));
  // What the worker saw while paused is handed to the store while still paused (see the
  // race test below for what happens without this).
  await command(popup, { type: 'flush' });
  expect((await command(popup, { type: 'resume' })).pausedSince).toBeNull();
  tabs.push(await browser.visit(fixturePage('ctl-three.example', run)));
  const pages = ['ctl-one.example', 'ctl-two.example', 'ctl-three.example'];
  const { snapshot, logged, missing } = await expectRecordedExactly(
    popup,
    server,
    run,
    since,
    ['ctl-one.example', 'ctl-three.example'],
    pages,
  );
  // The paused page really sent its requests (the server saw them), and exactly those are missing.
  expect(missing).toEqual(
    logged
      .filter((e) => pageOfLogged(e, run) === 'ctl-two.example')
      .map(storedForm)
      .sort(),
  );
  expect(missing.length).toBeGreaterThanOrEqual(5);
  expect(
    snapshot.visits.filter((v) => v.site === 'ctl-two.example'),
    'no visit of the paused page',
  ).toEqual([]);
  expect(
    snapshot.daily.filter((d) => d.site === 'ctl-two.example'),
    'no roll-up of the paused page',
  ).toEqual([]);
  expect(
    snapshot.visits
      .filter((v) => v.time >= since)
      .map((v) => HOST_OF(v.url))
      .sort(),
  ).toEqual(['ctl-one.example', 'ctl-three.example']);
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
          Array.from(
            { length: n },
            (_, i) =>
              new Promise((done) => {
                const img = new Image();
                img.onload = img.onerror = done;
                img.src = `https://tick-sink.example/${prefix}/${i}.gif`;
              }),
          ),
        ),
      { prefix, n },
    );
  // Three tries (a loaded machine may stretch the moment): one leak in any of them shows the bug.
  const leaks: string[] = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    const { pausedSince } = await command(popup, { type: 'pause' });
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
  const { hosts, visits } = await readRecords(popup);
  for (const page of [hidden, pausedPage, popup]) await page.close();
  expect(logOfRun(server.log, run).length, 'both pages sent their requests (5 and 1)').toBeGreaterThanOrEqual(6);
  expect(visits.filter((v) => v.site === 'ctl-hidden.example' || v.site === 'paused-trace.example')).toEqual([]);
  expect(hosts.map((h) => h.name).filter((n) => /ctl-hidden|paused-trace/.test(n))).toEqual([]);
});
