import { test, expect, waitForUrls } from './harness.js';
import type { ExtensionBrowser } from '../../src/audit/extension-browser.js';

const PAGE = 'https://news.example/';
const EXPECTED = [
  'https://news.example/',
  'https://fonts.googleapis.com/css2.css',
  'https://www.googletagmanager.com/gtag/js.js',
  'https://news.example/logo.png',
  'https://www.facebook.com/tr.gif',
];

async function visitAndRead(browser: ExtensionBrowser) {
  const tab = await browser.visit(PAGE);
  const popup = await browser.openExtensionPage('popup.html');
  const { requests: rows } = await waitForUrls(popup, EXPECTED);
  return { tab, popup, rows };
}

async function recordsAndCounts(browser: ExtensionBrowser, log: { host: string; path: string }[]) {
  const { tab, popup, rows } = await visitAndRead(browser);
  // The fixture server really answered those requests: they went through the network stack.
  for (const url of EXPECTED) {
    const { host, pathname } = new URL(url);
    expect(log.some((r) => r.host === host && r.path === pathname)).toBe(true);
  }
  const topLevel = rows.find((r) => r.url === PAGE)!;
  expect(topLevel.type).toBe('main_frame');
  expect(topLevel.outcome).toBe('completed');
  expect(topLevel.status).toBe(200);
  // The extension's own pages and files are never recorded.
  expect(rows.filter((r) => r.url.startsWith(browser.extensionOrigin))).toEqual([]);
  const report = await browser.openExtensionPage('report.html');
  // The report's overview counts the page visit (its figures come from the roll-ups the worker keeps).
  await report.waitForFunction(() => Number(document.querySelector('[data-testid="period-visits"]')?.getAttribute('data-count')) >= 1);
  await tab.close();
  await popup.close();
  await report.close();
}

test('Chromium: the worker records the requests of a fixture page, and the report page counts the visit', async ({ chromium, server }) => {
  await recordsAndCounts(chromium, server.log);
});

test('Firefox: the worker records the requests of a fixture page, and the report page counts the visit', async ({ firefox, server }) => {
  await recordsAndCounts(firefox, server.log);
});
