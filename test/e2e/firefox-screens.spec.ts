/**
 * The popup and every view of the report as a person sees them in Firefox: English and
 * French, light and dark; the report on a 360 px phone and a 1280 px screen. Each screen is
 * photographed (test-output/screenshots/, the Chromium file names with "-firefox" added),
 * checked with axe for violations of any severity, and must fit its width; the popup must fit
 * Chrome's 600 px popup, closed, paused and with each explanation open. The screens are the
 * ones report-screens.spec.ts and popup-fit.spec.ts look at in Chromium (helpers/report-screens.ts).
 *
 * Debian's Firefox ESR ships only English, so French is a browser of its own with a language
 * pack (src/audit/firefox-langpack.ts); the colour scheme is switched in the running browser.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { test, expect, distFor, type FirefoxBrowser } from './harness.js';
import { launchFirefox, wrapPuppeteerPage } from '../../src/audit/launch-firefox.js';
import { browseFixtureSites } from './helpers/popup.js';
import { axeViolations } from './helpers/axe.js';
import { expectFits, measurePopup, POPUP_MAX_HEIGHT, visitCrowdedPage } from './helpers/popup-layout.js';
import { overflowAt, screenHash, SCREENS, SCREENSHOTS, WIDTHS } from './helpers/report-screens.js';

type Language = 'en' | 'fr';
const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];

/** Switches the browser to `scheme` and waits until `page` has taken it. */
async function showIn(firefox: FirefoxBrowser, page: Page, scheme: Scheme): Promise<void> {
  await firefox.setColorScheme(scheme);
  await page.waitForFunction(
    (dark) => matchMedia('(prefers-color-scheme: dark)').matches === dark,
    { timeout: 5_000, polling: 50 },
    scheme === 'dark',
  );
}

async function expectLanguage(page: Page, language: Language): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.lang), 'the language asked for').toMatch(new RegExp(`^${language}`));
}

/** The popup on the crowded page: photographed, measured closed, paused and with each explanation open, and checked with axe. */
async function checkPopup(firefox: FirefoxBrowser, tab: number, language: Language, scheme: Scheme): Promise<void> {
  const what = `Firefox, ${language}, ${scheme}`;
  const page = await firefox.openPuppeteerPage(`popup.html?tab=${tab}`);
  await page.setViewport({ width: 800, height: POPUP_MAX_HEIGHT });
  await showIn(firefox, page, scheme);
  await page.waitForFunction(() => document.querySelector('#app[data-complete="true"]:has([data-visit]):has([data-figure])'), {
    timeout: 15_000,
    polling: 100,
  });
  await expectLanguage(page, language);
  // Photographed first, so that a popup too tall can be seen.
  await page.screenshot({ path: path.join(SCREENSHOTS, `popup-${language}-${scheme}-firefox.png`), fullPage: true });
  const layout = await measurePopup(wrapPuppeteerPage(page));
  console.log(`popup height, ${what}: ${layout.closed} px closed, ${layout.tallestOpen.height} px with ${layout.tallestOpen.tile} open`);
  expectFits(layout, what);
  expect(await axeViolations(page, what), 'axe').toEqual([]);
  // Paused, the banner is one more line: still inside.
  await page.click('[data-testid="pause"]');
  await page.waitForSelector('[data-testid="paused-banner"]');
  const paused = await measurePopup(wrapPuppeteerPage(page));
  console.log(`popup height, ${what}, paused: ${paused.closed} px`);
  expectFits(paused, `${what}, paused`);
  await page.click('[data-testid="pause"]');
  await page.waitForFunction(() => !document.querySelector('[data-testid="paused-banner"]'), { timeout: 10_000, polling: 100 });
  // And with an explanation open (what it adds must pass too).
  await page.click('[data-tile="usReach"] button');
  await page.screenshot({ path: path.join(SCREENSHOTS, `popup-${language}-${scheme}-explanation-firefox.png`), fullPage: true });
  expect(await axeViolations(page, `${what}, an explanation open`), 'axe').toEqual([]);
  await page.close();
}

/** Every screen of the report at each width and in each scheme: photographed, checked with axe, and no wider than the screen. */
async function checkReport(firefox: FirefoxBrowser, language: Language): Promise<string[]> {
  const page = await firefox.openPuppeteerPage(`report.html${screenHash(SCREENS[0]!)}`);
  const problems: string[] = [];
  for (const screen of SCREENS) {
    const hash = screenHash(screen);
    // A new address in the same document: the report follows the hash, as it does for a click on a tab.
    await page.evaluate((to) => void (location.hash = to), hash);
    await page.waitForFunction(
      (to, view) => location.hash === to && document.querySelector(`[data-testid="report"][data-view="${view}"][data-state="ready"]`),
      { timeout: 15_000, polling: 100 },
      hash,
      screen.view,
    );
    await expectLanguage(page, language);
    for (const width of WIDTHS) {
      await page.setViewport({ width, height: 900 });
      for (const scheme of SCHEMES) {
        const what = `Firefox ${language} ${screen.name} ${width} px ${scheme}`;
        await showIn(firefox, page, scheme);
        await page.screenshot({
          path: path.join(SCREENSHOTS, `report-${language}-${screen.name}-${width}-${scheme}-firefox.png`),
          fullPage: true,
        });
        problems.push(...(await axeViolations(page, what)));
      }
      const overflow = await overflowAt(page, width, `Firefox ${language} ${screen.name} ${width} px`);
      if (overflow) problems.push(overflow);
    }
  }
  await page.close();
  return problems;
}

async function checkEverything(firefox: FirefoxBrowser, language: Language): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const { reader } = await browseFixtureSites(firefox);
  const visit = await visitCrowdedPage(firefox, reader);
  try {
    for (const scheme of SCHEMES) await checkPopup(firefox, visit.tab, language, scheme);
    // Every screen is looked at before failing, so one run lists every problem.
    expect(await checkReport(firefox, language)).toEqual([]);
  } finally {
    // The system's scheme again, for the next test in this browser.
    await firefox.setColorScheme(null);
  }
  await reader.close();
}

test('Firefox, English: the popup fits 600 px; every report view at 360 and 1280 px, light and dark; screenshots, axe', async ({
  firefox,
}) => {
  test.setTimeout(300_000);
  await checkEverything(firefox, 'en');
});

test('Firefox, French: the popup fits 600 px; every report view at 360 and 1280 px, light and dark; screenshots, axe', async ({
  server,
}) => {
  test.setTimeout(300_000);
  const french = await launchFirefox({ extensionDir: distFor('firefox'), mapAllHostsToPort: server.port, insecure: true, language: 'fr' });
  try {
    await checkEverything(french, 'fr');
  } finally {
    await french.close();
  }
});
