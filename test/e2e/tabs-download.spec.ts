/**
 * A link to a file the browser saves rather than shows (application/octet-stream, no
 * Content-Disposition): the download starts no page visit, and the tab's page goes on
 * owning what it sends (test/fixtures/sites/download.example).
 */
import { test, expect } from './harness.js';
import type { ExtensionBrowser } from '../../src/audit/extension-browser.js';
import type { FixtureServer } from '../../src/audit/fixture-server.js';
import { recordOfSite } from './helpers/site-record.js';

async function downloadFromPage(browser: ExtensionBrowser, server: FixtureServer) {
  const since = Date.now();
  const reader = await browser.openExtensionPage('popup.html');
  const page = await browser.visit('https://download.example/');
  await page.evaluate(() => (document.getElementById('file') as HTMLAnchorElement).click());
  await expect
    .poll(() => server.log.some((e) => e.host === 'download.example' && e.path === '/file.bin' && e.time >= since), {
      message: 'the file was asked for',
    })
    .toBe(true);
  await page.evaluate(() => (document.getElementById('more') as HTMLButtonElement).click());
  const stored = () => recordOfSite(reader, 'download.example', since);
  await expect.poll(async () => (await stored()).requests.some((r) => r.url === 'cdn-after.example/after-download.gif')).toBe(true);
  const { visits, requests } = await stored();
  const shown = visits.filter((v) => v.shown);
  expect(
    shown.map((v) => v.url),
    'page visits: the page, not the file',
  ).toEqual(['https://download.example/']);
  expect(requests.find((r) => r.url === 'cdn-after.example/after-download.gif')?.visit, 'the page still owns what it sends').toBe(
    shown[0]!.id,
  );
  await page.close();
  await reader.close();
}

test('Chromium: a file the browser saves makes no page visit; the page keeps its requests', async ({ chromium, server }) => {
  await downloadFromPage(chromium, server);
});

test('Firefox: a file the browser saves makes no page visit; the page keeps its requests', async ({ firefox, server }) => {
  await downloadFromPage(firefox, server);
});
