/**
 * The wipe control does exactly what it says, counted in the database as it is on disk:
 * every table is emptied, the settings are back to their defaults, and recording goes on
 * from a clean slate.
 *
 * Every fixture page of a run names the run, the visit and itself in each request path
 * (test/fixtures/sites/_template/index.html, which every ctl-*.example serves), so the fixture server's log tells which
 * requests each page really sent; the store must hold exactly those it should
 * (helpers/recorded-run.ts).
 */
import { test, expect } from './harness.js';
import type { ExtensionBrowser } from '../../src/audit/extension-browser.js';
import type { FixtureServer } from '../../src/audit/fixture-server.js';
import { DEFAULT_SETTINGS } from '../../src/store/settings.js';
import { command, currentSettings, fixturePage, newRun, quiesce, rowCounts, sendCommand, storageArea, TABLES } from './helpers/commands.js';
import { expectRecordedExactly } from './helpers/recorded-run.js';

async function wipeEverything(browser: ExtensionBrowser, server: FixtureServer) {
  const run = newRun('wipe');
  const popup = await browser.openExtensionPage('popup.html');
  await command(popup, { type: 'resume' });
  let since = Date.now();
  const tab = await browser.visit(fixturePage('ctl-one.example', run, 1));
  await expectRecordedExactly(popup, server, run, since, ['ctl-one.example'], ['ctl-one.example']);
  // Settings far from the defaults.
  await command(popup, {
    type: 'set-settings',
    settings: { ...DEFAULT_SETTINGS, storeQueryStrings: true, rawRetentionDays: 7, rollupRetentionMonths: 2, excludedSites: ['a.example'] },
  });
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
  expect(snapshot.visits.map((v) => v.url)).toEqual(['https://ctl-three.example/']);
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
