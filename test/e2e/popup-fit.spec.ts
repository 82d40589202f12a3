/**
 * The popup fits Chrome's 600 px popup at its width in English and French, light and dark,
 * in Chromium, on the fullest page the fixtures make, and passes axe with no violation of
 * any severity. firefox-screens.spec.ts checks the same in Firefox.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { test, expect, withChromiumIn, type ChromiumBrowser } from './harness.js';
import { browseFixtureSites } from './helpers/popup.js';
import { axeViolations } from './helpers/axe.js';
import { SCREENSHOTS } from './helpers/report-screens.js';
import { expectFits, measurePopup, POPUP_MAX_HEIGHT, visitCrowdedPage } from './helpers/popup-layout.js';

/** Opens the popup on `tab` in a window the size of Chrome's largest popup. */
async function openPopup(chromium: ChromiumBrowser, tab: number, scheme: 'light' | 'dark'): Promise<Page> {
  const page = await chromium.context.newPage();
  await page.setViewportSize({ width: 800, height: POPUP_MAX_HEIGHT });
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(`${chromium.extensionOrigin}/popup.html?tab=${tab}`);
  await page.waitForSelector('#app[data-complete="true"]:has([data-visit]):has([data-figure])');
  return page;
}

/** Measures, photographs and checks with axe the popup on the crowded page, in both themes. */
async function checkChromium(chromium: ChromiumBrowser, language: 'en' | 'fr'): Promise<void> {
  const { reader } = await browseFixtureSites(chromium);
  const visit = await visitCrowdedPage(chromium, reader);
  await mkdir(SCREENSHOTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    const popup = await openPopup(chromium, visit.tab, scheme);
    // The crowded page names five organisations and counts the rest.
    await expect(popup.locator('[data-testid="page-company-list"] li')).toHaveCount(6);
    // Photographed first, so that a popup too tall can be seen.
    await popup.screenshot({ path: path.join(SCREENSHOTS, `popup-${language}-${scheme}.png`), fullPage: true });
    const layout = await measurePopup(popup);
    console.log(
      `popup height, Chromium, ${language}, ${scheme}: ${layout.closed} px closed, ${layout.tallestOpen.height} px with ${layout.tallestOpen.tile} open`,
    );
    expectFits(layout, `Chromium, ${language}, ${scheme}`);
    expect(await axeViolations(popup, `${language}, ${scheme}`), 'axe').toEqual([]);
    // Paused, the banner is one more line: still inside.
    await popup.click('[data-testid="pause"]');
    await expect(popup.locator('[data-testid="paused-banner"]')).toBeVisible();
    const paused = await measurePopup(popup);
    console.log(`popup height, Chromium, ${language}, ${scheme}, paused: ${paused.closed} px`);
    expectFits(paused, `Chromium, ${language}, ${scheme}, paused`);
    await popup.click('[data-testid="pause"]');
    await expect(popup.locator('[data-testid="paused-banner"]')).toHaveCount(0);
    // And with an explanation open (what it adds must pass too).
    await popup.click('[data-tile="usReach"] button');
    await popup.screenshot({ path: path.join(SCREENSHOTS, `popup-${language}-${scheme}-explanation.png`), fullPage: true });
    expect(await axeViolations(popup, `${language}, ${scheme}, an explanation open`), 'axe').toEqual([]);
    await popup.close();
  }
  await reader.close();
}

test('Chromium, English: the popup fits 600 px, light and dark, and passes axe', async ({ chromium }) => {
  await checkChromium(chromium, 'en');
});

test('Chromium, French: the popup fits 600 px, light and dark, and passes axe', async ({ server }) => {
  await withChromiumIn('fr', server, (browser) => checkChromium(browser, 'fr'));
});
