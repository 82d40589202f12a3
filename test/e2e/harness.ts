import { test as base, expect } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFixtureServer, type FixtureServer } from '../../src/audit/fixture-server.js';
import { launchChromium } from '../../src/audit/launch-chromium.js';
import { launchFirefox } from '../../src/audit/launch-firefox.js';
import type { BrowserPage, ExtensionBrowser } from '../../src/audit/extension-browser.js';
import { readRequests } from '../../src/audit/read-store.js';
import type { RequestRow } from '../../src/store/db.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SITES_DIR = path.join(root, 'test/fixtures/sites');
export const distFor = (browser: 'chromium' | 'firefox') => path.join(root, 'dist', browser === 'chromium' ? 'chrome' : 'firefox');

/** Waits until the extension's database holds rows matching `predicate`, and returns all rows. */
export async function waitForRequests(
  page: BrowserPage,
  predicate: (rows: RequestRow[]) => boolean,
  timeoutMs = 10_000,
): Promise<RequestRow[]> {
  const deadline = Date.now() + timeoutMs;
  let rows: RequestRow[] = [];
  while (Date.now() < deadline) {
    rows = await readRequests(page);
    if (predicate(rows)) return rows;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms; the database holds ${rows.length} requests:\n` + rows.map((r) => `  ${r.outcome} ${r.url}`).join('\n'));
}

type WorkerFixtures = {
  server: FixtureServer;
  chromium: ExtensionBrowser;
  firefox: ExtensionBrowser;
};

/**
 * End-to-end fixtures: one fixture server and one browser of each kind per test worker,
 * so that a test reads "visit this fixture page, then read the popup" in a few lines.
 * Every host resolves to the fixture server (`test/fixtures/sites/<host>/…`).
 */
export const test = base.extend<{}, WorkerFixtures>({
  server: [
    async ({}, use) => {
      const server = await startFixtureServer(SITES_DIR);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  chromium: [
    async ({ server }, use) => {
      const browser = await launchChromium({ extensionDir: distFor('chromium'), mapAllHostsToPort: server.port, insecure: true });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  firefox: [
    async ({ server }, use) => {
      const browser = await launchFirefox({ extensionDir: distFor('firefox'), mapAllHostsToPort: server.port, insecure: true });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
});

export { expect };
