/**
 * The popup, opened as a page on a given tab (`popup.html?tab=<id>`), after browsing
 * fixture pages: it must show what the pure aggregation computes from the rows on disk,
 * update while the page keeps loading, pass axe in both themes, and speak French.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { test, expect, REFUSED_HOST, withChromiumIn, type ChromiumBrowser } from './harness.js';
import { axeViolations } from './helpers/axe.js';
import type { ExtensionBrowser } from '../../src/audit/extension-browser.js';
import { readStore } from '../../src/audit/read-store.js';
import type { VisitRow } from '../../src/store/schema.js';
import { decodeVisit } from '../../src/store/decode.js';
import { browseFixtureSites as browse, expectedPopup, readPopup } from './helpers/popup.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-output/screenshots');

async function checkAgainstStore(browser: ExtensionBrowser) {
  const { reader, visit } = await browse(browser);
  const popup = await browser.openExtensionPage(`popup.html?tab=${visit.tab}`);
  const shown = await readPopup(popup);
  expect(shown).toEqual(await expectedPopup(reader, visit.id));
  // And in plain words: the news page's third parties are Google's and Meta's, both US and PRISM.
  expect(shown.page!.list.map(([name]) => name).sort()).toEqual(['Google', 'Meta']);
  expect(shown.page).toMatchObject({ us: 2, prism: 2, countries: [['US', expect.any(Number)]] });
  // Who hosted them: the fixture server's operator (FIXTURE_HOSTING), under US law, named on each.
  expect(shown.page!.hosting.sort()).toEqual([
    ['Google', 'Amazon:US'],
    ['Meta', 'Amazon:US'],
  ]);
  // And once for the page, under the organisations: Amazon, under US law, hosted both.
  expect(shown.page!.hosts).toEqual([['Amazon', 'US', 'Google|Meta']]);
  // The exact period figures are checked against the store above. Servers whose addresses are
  // only registered in the US are not US soil: no CDN said where they answered, so they do not
  // count in upstream reach (unknown, or 0 % when another test's CDN answers placed some visits).
  expect([null, 0]).toContain(shown.period.figures.upstreamReach);
  expect(shown.period.topObserver?.[0]).toBe('Google');
  await popup.close();
  await reader.close();
  return visit;
}

test('Chromium: the popup shows the page and the period exactly as aggregated from the stored records', async ({ chromium }) => {
  const visit = await checkAgainstStore(chromium);
  // Every state "this page" went through on the way, not only the last: it once said
  // "nothing recorded" for a moment (its query for no tab yet answered first) and marked
  // itself complete with it.
  const popup = await chromium.context.newPage();
  await popup.addInitScript(() => {
    const seen: string[] = ((globalThis as unknown as { seenStates: string[] }).seenStates = []);
    new MutationObserver(() => {
      const section = document.querySelector('[data-testid="this-page"]');
      const state = section
        ? `${section.getAttribute('data-state')}:${section.querySelector('[data-empty]')?.getAttribute('data-empty') ?? (section.querySelector('[data-visit]') ? 'page' : '')}`
        : '';
      if (state && state !== seen.at(-1)) seen.push(state);
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await popup.goto(`${chromium.extensionOrigin}/popup.html?tab=${visit.tab}`);
  await popup.waitForSelector('#app[data-complete="true"]');
  const states = await popup.evaluate(() => (globalThis as unknown as { seenStates: string[] }).seenStates);
  expect(
    states.filter((state) => state.startsWith('ready')),
    'states of "this page" once ready',
  ).toEqual(['ready:page']);
  await popup.close();
});

test('Firefox: the popup shows the page and the period exactly as aggregated from the stored records', async ({ firefox }) => {
  await checkAgainstStore(firefox);
});

async function openPopup(chromium: ChromiumBrowser, tab: number): Promise<Page> {
  const page = await chromium.context.newPage();
  await page.setViewportSize({ width: 432, height: 900 });
  await page.goto(`${chromium.extensionOrigin}/popup.html?tab=${tab}`);
  await page.waitForSelector('#app[data-complete="true"]');
  return page;
}

test('Chromium: the popup updates live, passes axe in light and dark themes, and pauses and forgets', async ({ chromium }) => {
  const { reader, visit } = await browse(chromium);
  const popup = await openPopup(chromium, visit.tab);
  const thirdParties = () => popup.getAttribute('[data-testid="page-third-parties"]', 'data-count').then(Number);
  const before = await thirdParties();
  // The page keeps loading: a new third party appears without reopening the popup.
  // The newest news tab is the one the popup speaks about (earlier tests opened others).
  const news = chromium.context
    .pages()
    .filter((p) => p.url() === 'https://news.example/')
    .at(-1)!;
  await news.evaluate(() => fetch('https://late.tracker.example/pixel.gif', { mode: 'no-cors' }));
  await expect.poll(thirdParties, { timeout: 10_000 }).toBe(before + 1);
  // A request whose connection is refused reached nobody: said so, and no new third party.
  await news.evaluate((url) => fetch(url, { mode: 'no-cors' }).catch(() => undefined), `https://${REFUSED_HOST}/blocked.gif`);
  await expect(popup.locator('[data-testid="page-stopped"]')).toHaveAttribute('data-count', '1', { timeout: 10_000 });
  expect(await thirdParties()).toBe(before + 1);

  await mkdir(SCREENSHOTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.screenshot({ path: path.join(SCREENSHOTS, `popup-${scheme}.png`), fullPage: true });
    expect(await axeViolations(popup, `${scheme} theme`), 'axe').toEqual([]);
  }

  // Keyboard: the period choice is reachable and changes the figures' period.
  await popup.focus('input[value="30d"]');
  await popup.keyboard.press('Space');
  await expect(popup.locator('[data-testid="period"]')).toHaveAttribute('data-period', '30d');

  await popup.click('[data-testid="pause"]');
  await expect(popup.locator('[data-testid="paused-banner"]')).toBeVisible();
  await popup.click('[data-testid="pause"]');
  await expect(popup.locator('[data-testid="paused-banner"]')).toHaveCount(0);

  await popup.click('[data-testid="forget"]');
  await popup.click('[data-testid="forget-confirm"]');
  await expect(popup.locator('[data-empty="nothing"]')).toBeVisible();
  const left = (await readStore<VisitRow>(reader, 'visits')).map(decodeVisit).filter((v) => v.site === 'news.example');
  expect(left).toEqual([]);
  await popup.close();
  await reader.close();
});

test('Chromium in French: empty states, then French text, numbers and country names', async ({ server }) => {
  await withChromiumIn('fr', server, async (browser) => {
    const own = await browser.context.newPage();
    await own.goto(`${browser.extensionOrigin}/popup.html`);
    await own.waitForSelector('#app[data-complete="true"]');
    // Opened on itself: an extension page, which Upstream does not see; nothing recorded yet.
    await expect(own.locator('[data-empty="unseen"]')).toContainText('Upstream ne voit pas cette page');
    await expect(own.locator('[data-empty="fresh"]')).toContainText('Rien n’est encore enregistré');
    const { reader, visit } = await browse(browser);
    const popup = await openPopup(browser, visit.tab);
    await expect(popup.locator('#this-page')).toHaveText('Cette page : news.example');
    await expect(popup.locator('[data-testid="page-countries"] .country-name')).toHaveText(['États-Unis']);
    await expect(popup.locator('[data-figure="usReach"] .figure-value')).toHaveText(/^\d+\s%$/);
    // Servers only registered in the US: where they answered is unknown, and said so in French.
    await expect(popup.locator('[data-figure="upstreamReach"] .figure-value')).toHaveText('inconnu');
    // No CDN said where: no line of places answered from; the servers' line names the registry, in French.
    await expect(popup.locator('[data-testid="page-answered"]')).toHaveCount(0);
    await expect(popup.locator('[data-testid="page-servers-label"]')).toHaveText('Adresses enregistrées :');
    await expect(popup.locator('[data-testid="top-observer"]')).toHaveText(/^Google a vu \d+\s% des sites que vous avez visités\.$/);
    await mkdir(SCREENSHOTS, { recursive: true });
    await popup.screenshot({ path: path.join(SCREENSHOTS, 'popup-fr.png'), fullPage: true });
    await reader.close();
  });
});
