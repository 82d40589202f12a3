/**
 * The reader's own country: by default the region of the browser's language, and the one
 * chosen in Settings once chosen. The Countries view names it and counts the page visits
 * whose servers stood there; changing it changes that row, in both browsers.
 */
import { test, expect } from './harness.js';
import type { BrowserPage, ExtensionBrowser } from '../../src/audit/extension-browser.js';
import { flushWorker } from '../../src/audit/read-store.js';
import { placeServersIn } from './helpers/popup.js';
import { command, currentSettings } from './helpers/commands.js';
import { DEFAULT_SETTINGS } from '../../src/store/settings.js';

/** The own country's row of the groups table, once the view shows it: its heading and its server cell. */
function ownRow(page: BrowserPage, named: string): Promise<{ heading: string; servers: string }> {
  return page
    .waitForFunction((named) => document.querySelector('[data-group="own"] th')?.textContent?.includes(named), named, 10_000)
    .then(() =>
      page.evaluate(() => {
        const row = document.querySelector('[data-group="own"]')!;
        return { heading: row.querySelector('th')!.textContent!, servers: row.querySelectorAll('td')[0]!.textContent! };
      }),
    );
}

/** Another view of the open report (the page stays: a hash change, as a click on its navigation makes). */
const route = (page: BrowserPage, hash: string) =>
  page.evaluate((hash) => {
    location.hash = hash;
  }, hash);

async function chooseOwnCountry(page: BrowserPage, code: string): Promise<string> {
  await page.waitForFunction(() => document.querySelector('[data-testid="own-country"]'), undefined, 10_000);
  await page.evaluate((code) => {
    const select = document.querySelector<HTMLSelectElement>('[data-testid="own-country"]')!;
    select.value = code;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }, code);
  await page.waitForFunction(() => document.querySelector('[data-testid="settings-status"]')?.textContent, undefined, 10_000);
  return page.evaluate(() => document.querySelector('[data-testid="settings-status"]')!.textContent!);
}

async function ownCountryChangesTheCountriesView(browser: ExtensionBrowser) {
  const reader = await browser.openExtensionPage('popup.html');
  await command(reader, { type: 'set-settings', settings: DEFAULT_SETTINGS });
  const servers = await placeServersIn(browser, reader, 'DE');
  await browser.visit('https://plain.example/');
  await flushWorker(reader);
  const report = await browser.openExtensionPage('report.html#/countries?period=week');
  // The browsers run in English (United States): that is the country until one is chosen.
  const byLanguage = await ownRow(report, 'United States');
  expect(byLanguage.heading).toBe('Your country (United States)');
  await route(report, '#/settings?period=week');
  expect(await chooseOwnCountry(report, 'DE')).toBe('Your country is now Germany.');
  expect((await currentSettings(reader)).ownCountry).toBe('DE');
  await route(report, '#/countries?period=week');
  const chosen = await ownRow(report, 'Germany');
  expect(chosen.heading).toBe('Your country (Germany)');
  expect(await report.evaluate(() => document.querySelector('[data-testid="own-groups"]')!.textContent)).toBe(
    'Germany belongs to: Fourteen Eyes (Five Eyes and nine European countries) and EU and EEA.',
  );
  // The seeded servers stand in Germany: the row counts them now, and did not before.
  expect(chosen.servers).not.toEqual(byLanguage.servers);
  expect(chosen.servers).not.toMatch(/^0\s?%/);
  // Back to the browser's language.
  await route(report, '#/settings?period=week');
  await chooseOwnCountry(report, '');
  await expect.poll(async () => (await currentSettings(reader)).ownCountry).toBeNull();
  await servers.forgetSeed();
  await report.close();
  await reader.close();
}

test('Chromium: the own country chosen in Settings is the one the Countries view names and counts', async ({ chromium }) => {
  await ownCountryChangesTheCountriesView(chromium);
});

test('Firefox: the own country chosen in Settings is the one the Countries view names and counts', async ({ firefox }) => {
  await ownCountryChangesTheCountriesView(firefox);
});
