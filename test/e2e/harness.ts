import { test as base, expect } from '@playwright/test';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startFixtureServer, type FixtureServer } from '../../src/audit/fixture-server.js';
import { launchChromium } from '../../src/audit/launch-chromium.js';
import { launchFirefox } from '../../src/audit/launch-firefox.js';
import type { BrowserPage } from '../../src/audit/extension-browser.js';
import { readRecords, type StoreSnapshot } from '../../src/audit/read-store.js';
import type { RecordedRequest } from '../../src/store/decode.js';
import { extensionSentToServer, takeExtensionTraffic, watchExtensionTraffic } from './helpers/egress-guard.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SITES_DIR = path.join(root, 'test/fixtures/sites');
export const distFor = (browser: 'chromium' | 'firefox') => path.join(root, 'dist', browser === 'chromium' ? 'chrome' : 'firefox');

/**
 * Waits until the extension's database holds requests matching `predicate` (reading it
 * from an extension page, as it is on disk), and returns everything recorded.
 */
export async function waitForRecords(
  page: BrowserPage,
  predicate: (requests: RecordedRequest[], snapshot: StoreSnapshot) => boolean,
  timeoutMs = 15_000,
): Promise<StoreSnapshot> {
  const deadline = Date.now() + timeoutMs;
  let snapshot = await readRecords(page);
  while (!predicate(snapshot.requests, snapshot)) {
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms; the database holds ${snapshot.requests.length} requests:\n` +
          snapshot.requests.map((r) => `  ${r.outcome} ${r.url} (page ${r.pageUrl})`).join('\n'),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    snapshot = await readRecords(page);
  }
  return snapshot;
}

/** Shorthand: waits until every URL in `urls` was recorded at least once. */
export function waitForUrls(page: BrowserPage, urls: string[], timeoutMs?: number): Promise<StoreSnapshot> {
  return waitForRecords(page, (requests) => urls.every((url) => requests.some((r) => r.url === url)), timeoutMs);
}

/** Host name whose connections are refused (Firefox gets the same from the URL's port). */
export const REFUSED_HOST = 'refused.example';
const REFUSED_PORT = 2;
export const chromiumRules = (port: number) => `MAP ${REFUSED_HOST} 127.0.0.1:${REFUSED_PORT}, MAP * 127.0.0.1:${port}, EXCLUDE localhost`;

/** Chromium with its Playwright context, for what only Playwright does (axe, screenshots, colour scheme). */
export type ChromiumBrowser = Awaited<ReturnType<typeof launchChromium>>;

/** A Chromium of its own whose interface speaks `language`, for `use`, closed after (the shared browser speaks English). */
export async function withChromiumIn<T>(
  language: string,
  server: FixtureServer,
  use: (browser: ChromiumBrowser) => Promise<T>,
): Promise<T> {
  const browser = await launchChromium({
    extensionDir: distFor('chromium'),
    hostResolverRules: chromiumRules(server.port),
    trustedSpki: [server.spkiHash],
    language,
  });
  try {
    return await use(browser);
  } finally {
    await browser.close();
  }
}

/** Firefox with the Puppeteer pages of its extension, for screenshots and the viewport. */
export type FirefoxBrowser = Awaited<ReturnType<typeof launchFirefox>>;

type WorkerFixtures = {
  server: FixtureServer;
  chromium: ChromiumBrowser;
  firefox: FirefoxBrowser;
  /** where the worker's Firefox saves downloads (Puppeteer reports none for Firefox) */
  firefoxDownloads: string;
};

/**
 * End-to-end fixtures: one fixture server and one browser of each kind per test worker,
 * so that a test reads "visit this fixture page, then read the popup" in a few lines.
 * Every host resolves to the fixture server (`test/fixtures/sites/<host>/…`).
 */
export const test = base.extend<{ egressGuard: void }, WorkerFixtures>({
  // No egress: after every test, neither Chromium nor the fixture server may have
  // seen a network request sent by the extension itself (helpers/egress-guard.ts).
  egressGuard: [
    async ({ server }, use) => {
      const from = server.log.length;
      await use();
      const sent = [...takeExtensionTraffic(), ...extensionSentToServer(server.log.slice(from))];
      expect(sent, 'network requests sent by the extension itself').toEqual([]);
    },
    { auto: true },
  ],
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
      const browser = await launchChromium({
        extensionDir: distFor('chromium'),
        hostResolverRules: chromiumRules(server.port),
        trustedSpki: [server.spkiHash],
      });
      watchExtensionTraffic(browser.context, browser.extensionOrigin);
      await use(browser);
      await browser.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  firefoxDownloads: [
    async ({}, use) => {
      const dir = await mkdtemp(path.join(tmpdir(), 'upstream-firefox-downloads-'));
      await use(dir);
      await rm(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  firefox: [
    async ({ server, firefoxDownloads }, use) => {
      const browser = await launchFirefox({
        extensionDir: distFor('firefox'),
        mapAllHostsToPort: server.port,
        insecure: true,
        downloadsDir: firefoxDownloads,
      });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
});

export { expect };
