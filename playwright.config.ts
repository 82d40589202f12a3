import { defineConfig } from '@playwright/test';

// Calendar days depend on the time zone: the tests (and the browsers they start) run in UTC
// wherever they run; tests about clock changes set their own zone.
process.env.TZ = 'UTC';

// One runner for everything: unit tests of the pure parts run in Node, end-to-end tests
// drive real Chromium (Playwright) and Firefox ESR (puppeteer-core over WebDriver BiDi).
export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  // The second reporter closes every run with its counts and the figures tests report (test/test-summary.ts).
  reporter: [['list'], ['./test/test-summary.ts']],
  projects: [
    { name: 'unit', testDir: 'test/unit', testMatch: /.*\.spec\.ts$/ },
    { name: 'e2e', testDir: 'test/e2e', testMatch: /.*\.spec\.ts$/, timeout: 120_000 },
    // Long fault-injection runs (worker stopped mid-burst…): `npm run test:reliability`, one at a
    // time: the browser-kill test times a 250 ms promise, which the worker-restart burst beside it starves.
    // With the faults and bad input the unit suite shows, so that one command prints every figure.
    {
      name: 'reliability',
      testDir: 'test',
      testMatch:
        /(e2e\/.*\.reliability\.ts|unit\/(request-fuzz|ip-fuzz|capture-fuzz-(boundary|ingest|pipeline)|store-rollup-repair|store-upgrade|store-maintenance-(retention|reclassify|quota|wipe-journal))\.spec\.ts)$/,
      timeout: 300_000,
    },
    // `npm run store:screenshots`: rewrites the store listings' images in store/screenshots/.
    { name: 'store', testDir: 'test/e2e', testMatch: /store-screenshots\.store\.ts$/, timeout: 300_000 },
  ],
});
