/**
 * The popup's size as the browser lays it out: Chrome cuts an extension popup at 600 px
 * high (800 px wide), so everything, controls included, must fit above that line, with
 * each figure's explanation open in turn as well as closed.
 */
import type { BrowserPage, ExtensionBrowser } from '../../../src/audit/extension-browser.js';
import { flushWorker, readRecords } from '../../../src/audit/read-store.js';
import type { RecordedVisit } from '../../../src/store/decode.js';
import { expect, REFUSED_HOST } from '../harness.js';
import { FIGURES } from '../../../src/store/figures.js';

export const POPUP_MAX_HEIGHT = 600;

export interface PopupLayout {
  /** the document's height with every explanation closed */
  closed: number;
  /** the tallest it gets with one explanation open, and which */
  tallestOpen: { tile: string; height: number };
  /** the highest top edge of an open explanation (below 0: cut off above the popup) */
  highestExplanationTop: number;
  /** the bottom edge of the controls (Pause, Forget, the report), closed */
  controlsBottom: number;
  /** content wider than the popup's own width (cut on the right), in px */
  overflowX: number;
  tiles: number;
}

/** Fails unless `layout` fits the popup: every tile, nothing above, below or beside its edges, an explanation open or not. */
export function expectFits(layout: PopupLayout, what: string) {
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

/** Measures the popup in `page` (opened on a tab), opening each tile's explanation in turn. */
export function measurePopup(page: Pick<BrowserPage, 'evaluate'>): Promise<PopupLayout> {
  return page.evaluate(async () => {
    const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
    const height = () => Math.ceil(document.documentElement.getBoundingClientRect().height);
    const closed = height();
    const controls = document.querySelector('nav.controls')!.getBoundingClientRect();
    const overflowX = Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const tiles = [...document.querySelectorAll<HTMLButtonElement>('button.tile')];
    let tallestOpen = { tile: '', height: 0 };
    let highestExplanationTop = Infinity;
    for (const tile of tiles) {
      tile.click();
      await settle();
      if (tile.getAttribute('aria-expanded') !== 'true')
        throw new Error(`tile ${tile.closest('[data-tile]')?.getAttribute('data-tile')} did not open`);
      const panel = document.getElementById(tile.getAttribute('aria-controls')!)!;
      if (panel.hidden || panel.getBoundingClientRect().height === 0) throw new Error(`the explanation ${panel.id} is not shown`);
      highestExplanationTop = Math.min(highestExplanationTop, panel.getBoundingClientRect().top + window.scrollY);
      if (height() > tallestOpen.height) tallestOpen = { tile: tile.closest('[data-tile]')!.getAttribute('data-tile')!, height: height() };
      tile.click();
      await settle();
    }
    return {
      closed,
      tallestOpen,
      highestExplanationTop,
      controlsBottom: Math.ceil(controls.bottom + window.scrollY),
      overflowX,
      tiles: tiles.length,
    };
  });
}

/** Third parties of many kinds and laws, one of them unknown with a long name, one refused, one in clear text. */
const CROWD = [
  'https://securepubads.g.doubleclick.net/tag.js',
  'https://connect.facebook.net/sdk.js',
  'https://static.criteo.net/loader.js',
  'https://bat.bing.com/bat.js',
  'https://static.hotjar.com/c/hotjar.js',
  'https://sb.scorecardresearch.com/beacon.js',
  'https://cdn.taboola.com/loader.js',
  'https://cdn.cookielaw.org/consent.js',
  'https://www.youtube.com/iframe_api',
  'https://an-uncatalogued-third-party-with-a-rather-long-name.example/pixel.gif',
  'http://clear-text-counter.example/hit.gif',
  `https://${REFUSED_HOST}/blocked.gif`,
];

const CROWD_PATHS = new Set(CROWD.map((url) => new URL(url).pathname));

/**
 * The fullest "this page" the fixtures can make: a page in clear text that, once loaded, sends to a dozen
 * organisations. Returns its visit, once every request is stored.
 */
export async function visitCrowdedPage(browser: ExtensionBrowser, reader: BrowserPage): Promise<RecordedVisit> {
  const page = await browser.visit('http://plain.example/');
  await page.evaluate((urls) => Promise.all(urls.map((url) => fetch(url, { mode: 'no-cors' }).catch(() => undefined))), CROWD);
  for (const deadline = Date.now() + 15_000; ; await new Promise((resolve) => setTimeout(resolve, 200))) {
    await flushWorker(reader);
    const { requests, visits } = await readRecords(reader);
    const visit = visits.filter((v) => v.site === 'plain.example').sort((a, b) => b.time - a.time)[0];
    if (visit && requests.filter((r) => r.visit === visit.id && CROWD_PATHS.has(new URL(r.url).pathname)).length >= CROWD.length)
      return visit;
    if (Date.now() > deadline) throw new Error("the crowded page's requests were not all stored within 15 s");
  }
}
