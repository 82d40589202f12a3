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
  reporter: process.env.CI ? [['list']] : [['list']],
  projects: [
    { name: 'unit', testDir: 'test/unit', testMatch: /.*\.spec\.ts$/ },
    { name: 'e2e', testDir: 'test/e2e', testMatch: /.*\.spec\.ts$/, timeout: 120_000 },
    // Long fault-injection runs (worker stopped mid-burst…): `npm run test:reliability`.
    { name: 'reliability', testDir: 'test/e2e', testMatch: /.*\.reliability\.ts$/, timeout: 300_000 },
  ],
});
