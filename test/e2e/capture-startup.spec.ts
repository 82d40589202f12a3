/**
 * Start-up: the pages a browser loads as it starts (the tabs it restores, a link opened from
 * another program) load while Upstream's worker is still starting. Before these tests, a page
 * opened as soon as Chromium's worker existed lost some or all of its requests, and opening
 * popup.html first hid the loss (docs/measurements.md).
 *
 * Here: a few runs per browser on fresh profiles (the full 20 per browser are in
 * capture-startup.reliability.ts, `npm run test:reliability`), and one session restore
 * per browser with six tabs. Per run figures are printed and reported as annotations.
 */
import { test, expect } from './harness.js';
import { startupRuns } from './helpers/startup-runs.js';
import { chromiumRestore, firefoxRestore } from './helpers/startup-restore.js';
import { expectRestoredWhole } from './helpers/startup-report.js';

/** Enough to catch a start-up that loses pages most of the time, in the suite's budget. */
const RUNS = 2;

test('Start-up, Chromium: a page opened as soon as the worker target exists is stored whole (fresh profiles)', async ({ server }) => {
  test.setTimeout(RUNS * 120_000);
  expect(
    await startupRuns('chromium', server, RUNS),
    'every run stores the visit and every request the server answered for the page',
  ).toEqual([]);
});

test('Start-up, Firefox ESR: a page opened as soon as installExtension resolves is stored whole (fresh profiles)', async ({ server }) => {
  test.setTimeout(RUNS * 120_000);
  expect(
    await startupRuns('firefox', server, RUNS),
    'every run stores the visit and every request the server answered for the page',
  ).toEqual([]);
});

test('Session restore, Chromium: six tabs reopened at start-up (--restore-last-session) are stored, each page and its requests', async ({
  server,
}) => {
  test.setTimeout(300_000);
  expectRestoredWhole('chromium', await chromiumRestore(server));
});

test('Session restore, Firefox ESR: six tabs reopened at start-up (browser.startup.page 3, add-on installed in the profile) are stored, each page and its requests', async ({
  server,
}) => {
  test.setTimeout(300_000);
  expectRestoredWhole('firefox', await firefoxRestore(server));
});
