/**
 * The report's request log (#/log) after browsing fixture pages: one row per stored request,
 * each as the records on disk say (address without query, party, company, tracker, outcome,
 * the frame shown by its document's origin); the filters narrow it; it grows live; it works
 * from the keyboard alone; axe finds no violation in it, light and dark, at 360 and 1280 px.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { test, expect } from './harness.js';
import { axeViolations } from './helpers/axe.js';
import type { BrowserPage, ExtensionBrowser } from '../../src/audit/extension-browser.js';
import { flushWorker, readRecords } from '../../src/audit/read-store.js';
import { wrapPlaywrightPage } from '../../src/audit/launch-chromium.js';
import { expectedRows, logCounts, shownRows, type ShownRow } from './helpers/log-grid.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-output/screenshots');

async function browse(browser: ExtensionBrowser): Promise<BrowserPage> {
  const reader = await browser.openExtensionPage('popup.html');
  // Twice: the second load answers cdn.example's script from the cache.
  for (const site of ['shop', 'shop', 'news']) await (await browser.visit(`https://${site}.example/`)).close();
  await flushWorker(reader);
  return reader;
}

async function openLog(page: BrowserPage, hash = '#/log?period=week'): Promise<void> {
  await page.evaluate((h) => void (location.hash = h), hash);
  await page.waitForFunction(() => document.querySelector('[data-testid="log"][data-state="ready"]'));
}

/** Checks the log against the records on disk; returns the rows expected. */
async function checkRows(reader: BrowserPage, report: BrowserPage): Promise<ShownRow[]> {
  // Read again until the log and the disk agree: the worker may still be storing the last page's requests.
  let want: ShownRow[] = [];
  let total = -1;
  for (const deadline = Date.now() + 15_000; total !== want.length && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    want = expectedRows(await readRecords(reader));
    total = (await logCounts(report)).total;
  }
  expect(total, 'requests in the log, against requests on disk').toBe(want.length);
  expect(await shownRows(report)).toEqual(want);
  // What the fixtures are there to show: the ad frame's requests under its origin, each outcome, trackers.
  const framed = want.filter((r) => r.frame === 'https://widget.example');
  expect(framed.map((r) => new URL(r.url).host).sort()).toEqual(expect.arrayContaining(['ads.example', 'www.google-analytics.com']));
  // At least these: the shared browser's record can hold more (a row recovered after another test stopped the worker).
  expect([...new Set(want.map((r) => r.outcome))]).toEqual(expect.arrayContaining(['completed', 'failed', 'redirected', 'cache']));
  expect(want.some((r) => r.tracker === 'yes')).toBe(true);
  expect(want.every((r) => !r.url.includes('?'))).toBe(true);
  return want;
}

test('Chromium: the log shows every stored request as recorded, filters it, and grows live', async ({ chromium }) => {
  const reader = await browse(chromium);
  const page = await chromium.context.newPage();
  await page.goto(`${chromium.extensionOrigin}/report.html#/overview?period=week`);
  const report = wrapPlaywrightPage(page);
  await openLog(report);
  const want = await checkRows(reader, report);
  const filtered = async (control: string, value: string, keep: (row: ShownRow) => boolean) => {
    await page.selectOption(`#log-filter-${control}`, value);
    const wanted = want.filter(keep);
    await expect.poll(() => logCounts(report)).toEqual({ total: want.length, shown: wanted.length, rows: wanted.length });
    expect((await shownRows(report)).map((r) => r.id)).toEqual(wanted.map((r) => r.id));
    await page.selectOption(`#log-filter-${control}`, control === 'company' ? '' : 'all');
    expect(wanted.length).toBeGreaterThan(0);
  };
  await filtered('party', 'third', (r) => r.party === 'third');
  await filtered('company', 'Google', (r) => r.company === 'Google');
  await filtered('tracker', 'yes', (r) => r.tracker === 'yes');
  await filtered('outcome', 'failed', (r) => r.outcome === 'failed');
  await filtered('outcome', 'redirected', (r) => r.outcome === 'redirected');
  await page.fill('#log-filter-text', 'GOOGLE');
  await expect.poll(async () => (await logCounts(report)).shown).toBe(want.filter((r) => new URL(r.url).host.includes('google')).length);
  await page.fill('#log-filter-text', '');
  // A site's own log, reached from its page: only the requests of its visits.
  await report.evaluate(() => void (location.hash = '#/sites?period=week&item=news.example'));
  await page.click('[data-testid="site-log"]');
  await report.waitForFunction(
    () => location.hash.startsWith('#/log') && document.querySelector('[data-testid="log"][data-state="ready"]'),
  );
  const records = await readRecords(reader);
  const news = records.requests.filter((r) => r.pageSite === 'news.example' && r.visit !== null).map((r) => r.id);
  expect((await shownRows(report)).map((r) => r.id)).toEqual(news.sort((a, b) => a - b));
  // Live: a page browsed while the log is open appears in it.
  await openLog(report);
  await chromium.visit('https://plain.example/');
  await flushWorker(reader);
  await checkRows(reader, report);
  await report.close();
  await reader.close();
});

test('Firefox: the log shows every stored request as recorded, frames by their origin', async ({ firefox }) => {
  const reader = await browse(firefox);
  const report = await firefox.openExtensionPage('report.html#/log?period=week');
  await openLog(report);
  await checkRows(reader, report);
  await report.close();
  await reader.close();
});

/** The element focused: its id, role and row index. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return { id: element?.id ?? '', role: element?.getAttribute('role') ?? '', row: Number(element?.getAttribute('aria-rowindex') ?? 0) };
  });

async function tabTo(page: Page, wanted: (f: Awaited<ReturnType<typeof focused>>) => boolean): Promise<void> {
  for (let i = 0; i < 80 && !wanted(await focused(page)); i++) await page.keyboard.press('Tab');
  expect(wanted(await focused(page)), `reached by Tab: now on ${JSON.stringify(await focused(page))}`).toBe(true);
}

test('Chromium: keyboard-only walk through the log; axe finds nothing, light and dark, at 360 and 1280 px', async ({ chromium }) => {
  test.setTimeout(120_000);
  const reader = await browse(chromium);
  const want = expectedRows(await readRecords(reader));
  const page = await chromium.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${chromium.extensionOrigin}/report.html#/log?period=week`);
  await page.waitForSelector('[data-testid="log"][data-state="ready"]');
  const report = wrapPlaywrightPage(page);
  // Tab to the host filter, type into it, then to the party filter and choose by typing its first letter.
  await tabTo(page, (f) => f.id === 'log-filter-text');
  await page.keyboard.type('example');
  await expect.poll(async () => (await logCounts(report)).shown).toBe(want.filter((r) => new URL(r.url).host.includes('example')).length);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Tab');
  expect((await focused(page)).id).toBe('log-filter-party');
  await page.keyboard.type('T');
  const third = want.filter((r) => r.party === 'third').length;
  await expect.poll(async () => (await logCounts(report)).shown).toBe(third);
  // On to the rows: arrows move one row, End and Home to the ends, PageDown a screenful.
  await tabTo(page, (f) => f.role === 'row');
  expect((await focused(page)).row).toBe(2);
  await page.keyboard.press('ArrowDown');
  expect((await focused(page)).row).toBe(3);
  await page.keyboard.press('End');
  expect((await focused(page)).row).toBe(third + 1);
  await page.keyboard.press('ArrowUp');
  expect((await focused(page)).row).toBe(third);
  await page.keyboard.press('Home');
  expect((await focused(page)).row).toBe(2);
  await page.keyboard.press('PageDown');
  expect((await focused(page)).row).toBeGreaterThan(3);
  // The rows' elements stay in their slots as the grid scrolls; aria-owns reads them out in their order on screen.
  await page.evaluate(async () => {
    document.querySelector('[data-testid="log-grid"]')!.scrollTop = 200;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
  const order = await page.evaluate(() => {
    const body = document.querySelector('[data-testid="log-grid"] .vgrid-body')!;
    const owned = (body.getAttribute('aria-owns') ?? '')
      .split(' ')
      .map((id) => Number(document.getElementById(id)?.getAttribute('aria-rowindex')));
    const all = [...body.querySelectorAll('[role="row"]')].map((row) => Number(row.getAttribute('aria-rowindex')));
    return { owned, sorted: [...all].sort((a, b) => a - b) };
  });
  expect(order.owned, 'aria-owns: every row, in order on screen').toEqual(order.sorted);
  expect(await page.evaluate(() => document.querySelector('[role="grid"]')!.getAttribute('aria-rowcount'))).toBe(String(third + 1));

  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: path.join(SCREENSHOTS, `report-log-${width}-${scheme}.png`) });
      expect(await axeViolations(page, `${width} px, ${scheme}`, '[data-testid="log"]'), 'axe').toEqual([]);
      // The page never scrolls sideways: the grid scrolls in its own box.
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `page width at ${width} px`).toBeLessThanOrEqual(width);
    }
  }
  await page.close();
  await reader.close();
});
