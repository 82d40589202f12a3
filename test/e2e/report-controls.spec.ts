/**
 * The report page's controls after browsing fixture pages: tables sort by any column, settings
 * change through the worker and refuse bad values, wipe asks first, and the overview prints
 * on one A4 page. What each view shows: report.spec.ts.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from './harness.js';
import { currentSettings } from './helpers/commands.js';
import { browseReportSites as browse } from './helpers/report-browse.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-output/screenshots');

test('Chromium: report tables sort by any column', async ({ chromium }) => {
  // Every view's screenshots and axe are in report-screens.spec.ts.
  const reader = await browse(chromium);
  const page = await chromium.context.newPage();
  await page.goto(`${chromium.extensionOrigin}/report.html#/sites?period=week`);
  await page.waitForSelector('[data-testid="sites-table"]');
  await page.click('[data-sort="site"]');
  const names = await page.$$eval('[data-testid="sites-table"] tbody tr', (rows) => rows.map((r) => r.getAttribute('data-row')!));
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  await expect(page.locator('th:has([data-sort="site"])')).toHaveAttribute('aria-sort', 'ascending');
  await page.close();
  await reader.close();
});

test('Chromium: settings change through the worker, refuse bad values with a clear message, and wipe asks first', async ({ chromium }) => {
  const reader = await browse(chromium);
  const page = await chromium.context.newPage();
  await page.goto(`${chromium.extensionOrigin}/report.html#/settings?period=week`);
  await page.waitForSelector('[data-testid="settings"]');
  const stored = () => currentSettings(reader);
  const before = await stored();
  // Raw requests may not outlive their page visits: 400 days against 13 months is refused, nothing changes.
  await page.fill('input[name="raw-days"]', '400');
  await page.click('[data-testid="settings-save"]');
  await expect(page.locator('[data-testid="settings-status"][role="alert"]')).toContainText('rawRetentionDays');
  expect(await stored()).toEqual(before);
  await page.fill('input[name="raw-days"]', '60');
  await page.click('[data-testid="settings-save"]');
  await expect(page.locator('[data-testid="settings-status"]')).toHaveText('Settings saved.');
  expect(await stored()).toMatchObject({ rawRetentionDays: 60 });
  await page.fill('input[name="exclude-site"]', 'https://www.Shop.example/cart');
  await page.click('[data-testid="exclude-add"]');
  await expect(page.locator('[data-testid="excluded-sites"] li')).toHaveAttribute('data-site', 'shop.example');
  await page.click('[data-testid="wipe"]');
  expect(await reader.evaluate(async () => (await indexedDB.databases()).length)).toBeGreaterThan(0);
  await page.click('[data-testid="wipe-confirm"]');
  await expect(page.locator('[data-testid="settings-status"]')).toHaveText('Everything was deleted.');
  const counts = await reader.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        const open = indexedDB.open('upstream');
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names);
          void Promise.all(
            names.map(
              (n) =>
                new Promise<number>((r) => {
                  const q = tx.objectStore(n).count();
                  q.onsuccess = () => r(q.result);
                }),
            ),
          ).then((c) => {
            db.close();
            resolve(c);
          });
        };
      }),
  );
  expect(counts.every((c) => c === 0)).toBe(true);
  await expect(page.locator('[data-testid="excluded-sites"] li')).toHaveCount(0);
  await page.close();
  await reader.close();
});

test('Chromium: the overview prints on one A4 page, without the controls', async ({ chromium }) => {
  const reader = await browse(chromium);
  const page = await chromium.context.newPage();
  await page.goto(`${chromium.extensionOrigin}/report.html#/overview?period=week`);
  await page.waitForSelector('[data-testid="report"][data-state="ready"] [data-figure]');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('nav')).toBeHidden();
  await expect(page.locator('.period-picker')).toBeHidden();
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  await mkdir(SCREENSHOTS, { recursive: true });
  await writeFile(path.join(SCREENSHOTS, 'report-overview-print.pdf'), pdf);
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages).toHaveLength(1);
  await page.close();
  await reader.close();
});
