/**
 * The start-up acceptance in full (capture-startup.spec.ts runs a few of each): 20 fresh
 * profiles per browser, a page opened the moment the extension's background exists, and
 * three session restores per browser. One browser at a time (`--workers=1`); every run is
 * reported, passed or not, in the reliability summary.
 */
import { test, expect } from './harness.js';
import { startupRuns } from './helpers/startup-runs.js';
import { chromiumRestore, firefoxRestore } from './helpers/startup-restore.js';
import { expectRestoredWhole } from './helpers/startup-report.js';

const RUNS = 20;
const RESTORES = 3;

test('Start-up ×20, Chromium: a page opened as soon as the worker target exists is stored whole, every time', async ({ server }) => {
  test.setTimeout(RUNS * 120_000);
  expect(
    await startupRuns('chromium', server, RUNS),
    'every run stores the visit and every request the server answered for the page',
  ).toEqual([]);
});

test('Start-up ×20, Firefox ESR: a page opened as soon as installExtension resolves is stored whole, every time', async ({ server }) => {
  test.setTimeout(RUNS * 120_000);
  expect(
    await startupRuns('firefox', server, RUNS),
    'every run stores the visit and every request the server answered for the page',
  ).toEqual([]);
});

for (const [kind, restore] of [
  ['chromium', chromiumRestore],
  ['firefox', firefoxRestore],
] as const) {
  for (let round = 1; round <= RESTORES; round++) {
    test(`Session restore ${round}/${RESTORES}, ${kind}: six tabs reopened at start-up are stored, each page and its requests`, async ({
      server,
    }) => {
      test.setTimeout(300_000);
      expectRestoredWhole(kind, await restore(server), ` ${round}/${RESTORES}`);
    });
  }
}
