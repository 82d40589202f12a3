/**
 * The report's compare view, in both browsers: this week against the 7 days before (a week
 * of browsing added to the record through the import), and the record against an export file
 * opened only to be compared (nothing of it reaches the store, a row capture could not have
 * stored is left out). Each side's figures and companies are what the pure aggregation makes
 * of the rows on disk and of the file. Then, in Chromium, the view from the keyboard alone,
 * its choices kept in the address through a reload, an address's hostile values refused in
 * words, and axe on it, light and dark, at 360 and 1280 px.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { test, expect } from './harness.js';
import { axeViolations } from './helpers/axe.js';
import type { BrowserPage, ExtensionBrowser } from '../../src/audit/extension-browser.js';
import { wrapPlaywrightPage } from '../../src/audit/launch-chromium.js';
import { flushWorker, readRecords, readStore } from '../../src/audit/read-store.js';
import { compareExposures } from '../../src/report/aggregate/compare.js';
import { splitAtMark } from '../../src/report/aggregate/compare-mark.js';
import { exposureIn, type Exposure } from '../../src/report/aggregate/exposure.js';
import { slicesOver } from '../../src/report/aggregate/period.js';
import { reportFromExport } from '../../src/report/export/export-report.js';
import { exportToCompare } from '../../src/report/export/export-to-compare.js';
import { spanPeriod, type Span } from '../../src/report/page/compare-spans.js';
import { rangeOf } from '../../src/report/page/report-period.js';
import { parseExport } from '../../src/store/export-file/parse-export.js';
import { placeServersIn } from './helpers/popup.js';
import { choose, click, DAY, expectShown, handMade, HOUR } from './helpers/compare-view.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-output/screenshots');
/** A span's figures from the rows on disk, as the overview computes them. */
async function recordSide(reader: BrowserPage, span: Span): Promise<Exposure> {
  const { visits, hosts, ips } = await readRecords(reader);
  const range = rangeOf(spanPeriod(span, Date.now(), { kind: 'week' }), Date.now());
  return exposureIn(range, slicesOver(range), visits, new Map(hosts.map((h) => [h.id, h])), new Map(ips.map((i) => [i.id, i])));
}

async function checkCompare(browser: ExtensionBrowser): Promise<{ reader: BrowserPage; onlyThisWeek: string[] }> {
  const reader = await browser.openExtensionPage('popup.html');
  const servers = await placeServersIn(browser, reader, 'US');
  for (const site of ['shop', 'news']) await browser.visit(`https://${site}.example/`);
  await flushWorker(reader);
  await servers.forgetSeed();
  // The 7 days before: news.example, reaching Google and a domain seen on no other side, added through the import.
  const lastWeek = handMade(
    [0, 1].map((i) => ({ time: Date.now() - (9 + i) * DAY, hosts: ['www.google-analytics.com', 'pixel.onlyhere.example'] })),
  );
  const report = await browser.openExtensionPage('report.html#/export?period=week');
  await report.waitForFunction(() => document.querySelector('[data-testid="import-export"]:not([disabled])'));
  await choose(report, 'import-export', JSON.stringify(lastWeek), 'last-week.json');
  await report.waitForFunction(() => document.querySelector('[data-testid="import-confirm"]'));
  await click(report, '[data-testid="import-confirm"]');
  await report.waitForFunction(() =>
    document.querySelector('[data-testid="export-status"]')?.textContent?.startsWith('Added 2 page visits'),
  );
  await flushWorker(reader);

  // Two periods: by default the last 7 days (B) against the 7 days before (A).
  await report.evaluate(() => void (location.hash = '#/compare?period=week'));
  await report.waitForFunction(() =>
    document.querySelector('[data-testid="compare-periods"][data-state="ready"] [data-testid="compare-result"]'),
  );
  const periods = await expectShown(report, async () =>
    compareExposures(await recordSide(reader, 'previousWeek'), await recordSide(reader, 'week')),
  );
  expect(periods.onlyA).toContain('d:onlyhere.example');
  expect(periods.onlyB.length).toBeGreaterThan(0);
  // A figure's difference, in words: US reach went from all of A's visits to B's share.
  const us = periods.figures.usReach!;
  expect(us[0]).toBe('1');
  expect(us[2]).not.toBe('');
  const usChange = await report.evaluate(() => document.querySelector('[data-figure="usReach"] [data-column="change"]')!.textContent);
  expect(usChange).toMatch(Number(us[2]) === 0 ? /^no change$/ : /^[+−][\d.]+ percentage points? \((up|down)\)$/);

  // This record against an export file: this week's news.example, one page of it a javascript: address the import would refuse.
  const stored = (await readStore(reader, 'visits')).length;
  const file = handMade([
    { time: Date.now() - HOUR, hosts: ['connect.facebook.net', 'pixel.onlyhere.example'] },
    { time: Date.now() - 2 * HOUR, hosts: ['www.google-analytics.com'], url: 'javascript:alert(1)' },
  ]);
  await click(report, '[data-testid="compare-mode"] input[value="export"]');
  await report.waitForFunction(() => document.querySelector('[data-testid="compare-file"]'));
  await choose(report, 'compare-file', '{"format":"upstream-export","version":1}', 'broken.json');
  await report.waitForFunction(() =>
    document.querySelector('[data-testid="compare-file-status"][role="alert"]')?.textContent?.includes('does not hold'),
  );
  await choose(report, 'compare-file', JSON.stringify(file), 'other-browser.json');
  await report.waitForFunction(() => document.querySelector('[data-testid="compare-export"] [data-testid="compare-result"]'));
  expect(await report.evaluate(() => document.querySelector('[data-testid="compare-file-status"]')!.textContent)).toMatch(
    /^1 row of the file was left out/,
  );
  const fromFile = reportFromExport(
    exportToCompare(parseExport(JSON.stringify(file)), Date.now()).tables,
    rangeOf({ kind: 'week' }, Date.now()),
  );
  const record = await expectShown(report, async () => compareExposures(await recordSide(reader, 'week'), fromFile.exposure));
  expect(record.onlyB).toEqual(['d:onlyhere.example']);
  expect(record.figures.observersPerPage![2]).not.toBe('');
  // Opened to compare, never written: the record holds what it held.
  expect(await readStore(reader, 'visits')).toHaveLength(stored);
  await report.close();
  return { reader, onlyThisWeek: periods.onlyB };
}

test('Firefox: two periods and the record against an export file, as the rows and the file give them; the file is never stored', async ({
  firefox,
}) => {
  test.setTimeout(120_000);
  const { reader } = await checkCompare(firefox);
  await reader.close();
});

/** What has the focus: a radio's group and value, or a test id. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const e = document.activeElement as HTMLInputElement | null;
    if (e?.type === 'radio') return `${e.name}:${e.value}`;
    return e?.getAttribute('data-testid') ?? e?.tagName ?? '';
  });

async function tabTo(page: Page, target: string, back = false): Promise<void> {
  for (let i = 0; i < 60 && (await focused(page)) !== target; i++) await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  expect(await focused(page), `reached by Tab`).toBe(target);
}

test('Chromium: both comparisons, then the view from the keyboard alone; axe finds nothing, light and dark, at 360 and 1280 px', async ({
  chromium,
}) => {
  test.setTimeout(180_000);
  const { reader, onlyThisWeek } = await checkCompare(chromium);
  const page = await chromium.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${chromium.extensionOrigin}/report.html#/compare?period=week`);
  await page.waitForSelector('[data-testid="compare-periods"][data-state="ready"] [data-testid="compare-result"]');
  const view = wrapPlaywrightPage(page);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: path.join(SCREENSHOTS, `report-compare-periods-${scheme}.png`), fullPage: true });
    expect(await axeViolations(page, `two periods, ${scheme}`, '[data-testid="compare"]'), 'axe').toEqual([]);
  }
  // The sides swapped with the arrow keys: A the last 7 days, B the 7 days before.
  await tabTo(page, 'compare-mode:periods');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('compare-a:previousWeek');
  await page.keyboard.press('ArrowLeft');
  expect(await focused(page)).toBe('compare-a:week');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('compare-b:week');
  await page.keyboard.press('ArrowRight');
  expect(await focused(page)).toBe('compare-b:previousWeek');
  const swapped = await expectShown(view, async () =>
    compareExposures(await recordSide(reader, 'week'), await recordSide(reader, 'previousWeek')),
  );
  expect(swapped.onlyA).toEqual(onlyThisWeek);
  expect(new URL(page.url()).hash).toBe('#/compare?period=week&a=week&b=previousWeek');
  // On to the result: the figures' box takes the focus, and reads as the figures.
  await tabTo(page, 'compare-figures-box');
  expect(await page.evaluate(() => document.activeElement!.textContent)).toContain('US reach');
  // A site before and after one of its page visits, chosen with the arrow keys.
  await tabTo(page, 'compare-mode:periods', true);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await focused(page)).toBe('compare-mode:site');
  await page.waitForSelector('[data-testid="compare-site"][data-state="ready"] [data-testid="compare-site-choice"]');
  await tabTo(page, 'compare-site-choice');
  await page.keyboard.press('ArrowDown');
  await page.waitForSelector('[data-testid="compare-mark-choice"]:not([disabled])');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('compare-mark-choice');
  await page.keyboard.press('ArrowDown');
  await page.waitForSelector('[data-testid="compare-site"] [data-testid="compare-result"]');
  // The latest moment: side B is that one page visit, side A every earlier one of the site in the period.
  expect(await page.getAttribute('[data-testid="compare-side-b"]', 'data-visits')).toBe('1');
  const site = await page.inputValue('[data-testid="compare-site-choice"]');
  const mark = Number(await page.inputValue('[data-testid="compare-mark-choice"]'));
  await expectShown(view, async () => {
    const { visits, hosts, ips } = await readRecords(reader);
    const week = rangeOf({ kind: 'week' }, Date.now());
    const ofSite = visits.filter((v) => v.site === site && v.time >= week.from && v.time < week.to);
    const { before, after } = splitAtMark(ofSite, mark, new Map(hosts.map((h) => [h.id, h])), new Map(ips.map((i) => [i.id, i])));
    return compareExposures(before, after);
  });
  // The choices are in the address: a reload shows the same comparison.
  expect(new URL(page.url()).hash).toBe(`#/compare?period=week&mode=site&a=week&b=previousWeek&site=${site}&mark=${mark}`);
  const before = await page.evaluate(() => document.querySelector('[data-testid="compare-result"]')!.textContent);
  await page.reload();
  await page.waitForSelector('[data-testid="compare-site"][data-state="ready"] [data-testid="compare-result"]');
  expect(await page.inputValue('[data-testid="compare-site-choice"]')).toBe(site);
  expect(await page.inputValue('[data-testid="compare-mark-choice"]')).toBe(String(mark));
  expect(await page.evaluate(() => document.querySelector('[data-testid="compare-result"]')!.textContent)).toBe(before);
  // An address nobody's view wrote: its values refused by name, in words, and the defaults shown.
  await page.goto(`${chromium.extensionOrigin}/report.html#/compare?period=week&mode=%3Cscript%3E&a=__proto__&b=day`);
  await page.waitForSelector('[data-testid="compare-periods"][data-state="ready"] [data-testid="compare-result"]');
  expect(await page.getAttribute('[data-testid="compare-refused"]', 'data-refused')).toBe('mode a');
  expect(await page.textContent('[data-testid="compare-refused"]')).toMatch(/not ones this view offers \(mode, a\)/);
  expect(await page.getAttribute('[data-testid="compare-a"]', 'data-value')).toBe('previousWeek');
  expect(await page.getAttribute('[data-testid="compare-b"]', 'data-value')).toBe('day');
  await page.goto(`${chromium.extensionOrigin}/report.html#/compare?period=week&mode=site&site=${site}&mark=${mark}`);
  await page.waitForSelector('[data-testid="compare-site"] [data-testid="compare-result"]');

  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: path.join(SCREENSHOTS, `report-compare-${width}-${scheme}.png`), fullPage: true });
      expect(await axeViolations(page, `${width} px, ${scheme}`, '[data-testid="compare"]'), 'axe').toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `page width at ${width} px`).toBeLessThanOrEqual(width);
    }
  }
  await page.close();
  await reader.close();
});
