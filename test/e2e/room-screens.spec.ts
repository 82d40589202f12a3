/**
 * How the workshop room looks and reads: screenshots in English and French, light and dark,
 * on a 360 px phone and a 1280 px screen (test-output/screenshots/room-*.png), axe on each,
 * the facilitator's guide in both languages, and the room printed on A4 in both languages
 * without the file chooser or the buttons.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { test, expect, withChromiumIn, type ChromiumBrowser } from './harness.js';
import { wrapPlaywrightPage } from '../../src/audit/launch-chromium.js';
import { flushWorker } from '../../src/audit/read-store.js';
import { chooseFiles, waitForRoom } from './helpers/room.js';
import { axeViolations } from './helpers/axe.js';
import { SCREENSHOTS } from './helpers/report-screens.js';
import { ROOM, summariesFromBrowsing } from '../unit/helpers/workshop-summaries.js';

const LABELS = ['K7QM2X', 'ABCDEF', '234567', 'PQRSTU', 'HJKMN3', 'WXYZ89'];

/** Six participants' summaries, one handed in twice and one that is a full export. */
const FILES = [
  ...[...ROOM, ...summariesFromBrowsing()].map((s, i) => ({
    name: `upstream-summary-2026-11-28-${LABELS[i]}.json`,
    text: JSON.stringify({ ...s, label: LABELS[i] }),
  })),
  { name: 'copy.json', text: JSON.stringify({ ...ROOM[0], label: LABELS[0] }) },
  { name: 'upstream-export-2026-11-28.json', text: '{"format": "upstream-export", "version": 1}' },
];

async function noAxeViolation(page: Page, what: string): Promise<void> {
  expect(await axeViolations(page, what), `axe, ${what}`).toEqual([]);
}

async function shoot(browser: ChromiumBrowser, language: 'en' | 'fr'): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto(`${browser.extensionOrigin}/report.html#/room?period=week`);
  await page.waitForSelector('[data-testid="room"]');
  await chooseFiles(wrapPlaywrightPage(page), FILES);
  await waitForRoom(wrapPlaywrightPage(page), FILES.length, 6);
  expect(await page.evaluate(() => document.documentElement.lang)).toMatch(new RegExp(`^${language}`));
  await expect(page.locator('#room-heading')).toHaveText(language === 'en' ? 'Workshop room' : 'Salle d’atelier');
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: path.join(SCREENSHOTS, `room-${language}-${width}-${scheme}.png`), fullPage: true });
      await noAxeViolation(page, `room ${language} ${width} px ${scheme}`);
    }
    // Nothing but the tables' own boxes scrolls sideways: the page fits the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  }
  // On paper: the room's figures, in the page's language, without the chooser, the file list or the buttons.
  await page.emulateMedia({ media: 'print', colorScheme: 'light' });
  for (const hidden of ['[data-testid="room-drop"]', '[data-testid="room-file-list"]', '[data-testid="room-json"]', 'nav'])
    await expect(page.locator(hidden)).toBeHidden();
  await expect(page.locator('[data-testid="room-figures"]')).toBeVisible();
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  await writeFile(path.join(SCREENSHOTS, `room-print-${language}.pdf`), pdf);
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages.length).toBeGreaterThan(0);
  expect(pdf.toString('latin1')).toMatch(/\/MediaBox\s*\[0 0 595\.\d+ 842\.\d+\]/);
  await page.emulateMedia({ media: 'screen' });

  await page.click('[data-testid="room-guide-link"]');
  await page.waitForSelector('[data-testid="guide"]');
  await page.setViewportSize({ width: 1280, height: 900 });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: path.join(SCREENSHOTS, `room-guide-${language}-${scheme}.png`), fullPage: true });
    await noAxeViolation(page, `guide ${language} ${scheme}`);
  }
  await page.close();
}

test('Chromium: the room view and its guide in English and French, light and dark, 360 and 1280 px: screenshots, axe, A4 print', async ({
  chromium,
  server,
}) => {
  test.setTimeout(300_000);
  await mkdir(SCREENSHOTS, { recursive: true });
  // The English facilitator has a record of their own; the French one has none (the other message).
  const reader = await chromium.openExtensionPage('popup.html');
  await chromium.visit('https://news.example/');
  await chromium.visit('https://shop.example/');
  await flushWorker(reader);
  await shoot(chromium, 'en');
  await withChromiumIn('fr', server, (french) => shoot(french, 'fr'));
  await reader.close();
});
