/**
 * Every view of the report as a person sees it in Chromium: English and French, light and
 * dark, on a 360 px phone and a 1280 px screen. Each is photographed (test-output/screenshots/
 * report-<language>-<view>-<width>-<scheme>.png), checked with axe for violations of any
 * severity, and must fit its width (only a table's own box may scroll sideways). The list of
 * screens is helpers/report-screens.ts; firefox-screens.spec.ts does the same in Firefox.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { test, expect, withChromiumIn, type ChromiumBrowser } from './harness.js';
import { browseFixtureSites } from './helpers/popup.js';
import { axeViolations } from './helpers/axe.js';
import { overflowAt, screenHash, SCREENS, SCREENSHOTS, WIDTHS } from './helpers/report-screens.js';
import { localeFormat } from '../../src/report/components/locale-format.js';

/** The week's charts: a bar and a value per day, and the timeline's legend on today, in the reader's words. */
async function chartsCarryTheirNumbers(page: Page, language: 'en' | 'fr'): Promise<void> {
  const f = localeFormat(language);
  const today = new Date().setHours(0, 0, 0, 0);
  await expect(page.locator('[data-testid="trend"] .trend-slice')).toHaveCount(7);
  await expect(page.locator('[data-testid="trend"] .trend-tick').last()).toHaveText(f.slice(today, 'day'));
  await expect(page.locator('[data-testid="trend"] .trend-slice').last()).toHaveAttribute('title', /\d/);
  await expect(page.locator('[data-testid="timeline-chart"] .u-legend .u-series').first().locator('.u-value')).toHaveText(f.day(today));
}

async function shootEveryView(browser: ChromiumBrowser, language: 'en' | 'fr'): Promise<void> {
  const { reader } = await browseFixtureSites(browser);
  const page = await browser.context.newPage();
  await mkdir(SCREENSHOTS, { recursive: true });
  const problems: string[] = [];
  for (const screen of SCREENS) {
    const { name, view } = screen;
    await page.goto(`${browser.extensionOrigin}/report.html${screenHash(screen)}`);
    await page.waitForSelector(`[data-testid="report"][data-view="${view}"][data-state="ready"]`);
    expect(await page.evaluate(() => document.documentElement.lang)).toMatch(new RegExp(`^${language}`));
    if (name === 'overview') await chartsCarryTheirNumbers(page, language);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: path.join(SCREENSHOTS, `report-${language}-${name}-${width}-${scheme}.png`), fullPage: true });
        problems.push(...(await axeViolations(page, `${language} ${name} ${width} px ${scheme}`)));
      }
      const overflow = await overflowAt(page, width, `${language} ${name} ${width} px`);
      if (overflow) problems.push(overflow);
    }
  }
  // Every screen is looked at before failing, so one run lists every problem.
  expect(problems).toEqual([]);
  await page.close();
  await reader.close();
}

test('Chromium: every report view in English, light and dark, 360 and 1280 px: screenshots, axe, fits its width', async ({ chromium }) => {
  test.setTimeout(420_000);
  await shootEveryView(chromium, 'en');
});

test('Chromium: every report view in French, light and dark, 360 and 1280 px: screenshots, axe, fits its width', async ({ server }) => {
  test.setTimeout(420_000);
  await withChromiumIn('fr', server, (french) => shootEveryView(french, 'fr'));
});
