/** The compare view in the e2e specs: hand-made export files, a file handed to an input, what the view shows against what it should. */
import type { BrowserPage } from '../../../src/audit/extension-browser.js';
import type { Comparison } from '../../../src/report/aggregate/compare.js';
import type { ExportFile } from '../../../src/store/export-file/export-format.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** Hosts of the hand-made files: a page, two companies the knowledge names, and a domain seen nowhere else. */
const HOSTS: Record<string, { company: string | null; jurisdiction: string | null; prism: boolean }> = {
  'news.example': { company: null, jurisdiction: null, prism: false },
  'www.google-analytics.com': { company: 'Google', jurisdiction: 'US', prism: true },
  'connect.facebook.net': { company: 'Meta', jurisdiction: 'US', prism: true },
  'pixel.onlyhere.example': { company: null, jurisdiction: null, prism: false },
};

/** An export as a browser writes it, with page visits to news.example at these times, each reaching these hosts. */
export function handMade(visits: { time: number; hosts: string[]; url?: string }[]): ExportFile {
  const names = Object.keys(HOSTS);
  return {
    format: 'upstream-export',
    version: 1,
    exportedAt: new Date().toISOString(),
    extension: { name: 'Upstream', version: '0.1.0' },
    contains: 'browsing history',
    includesQueryStrings: false,
    knowledge: [],
    hosts: names.map((name, id) => ({
      id,
      name,
      domain: name.split('.').slice(-2).join('.'),
      parent: null,
      tracker: null,
      ...HOSTS[name]!,
    })),
    ips: [],
    visits: visits.map((v, id) => ({
      id,
      time: v.time,
      url: v.url ?? `https://news.example/page-${id}`,
      site: 'news.example',
      answered: [],
      unlocated: 0,
      host: 0,
      shown: true,
      prerender: false,
      inferred: false,
      hosts: [0, ...v.hosts.map((h) => names.indexOf(h))],
      ips: [],
      requests: 3,
      clearText: 1,
    })),
    requests: [],
    daily: [],
  };
}

/** Hands a file to a file input as the chooser would, in either browser. */
export function choose(page: BrowserPage, testId: string, content: string, name: string) {
  return page.evaluate(
    ({ testId, content, name }) => {
      const input = document.querySelector(`[data-testid="${testId}"]`) as HTMLInputElement;
      const files = new DataTransfer();
      files.items.add(new File([content], name, { type: 'application/json' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    { testId, content, name },
  );
}

export const click = (page: BrowserPage, selector: string) =>
  page.evaluate((selector) => (document.querySelector(selector) as HTMLElement).click(), selector);

/** What the compare view shows: each figure's sides and change, and the companies of each list. */
function shown(page: BrowserPage) {
  return page.evaluate(() => {
    const result = document.querySelector('[data-testid="compare-result"]');
    if (!result) return null;
    const keys = (list: string) =>
      [...result.querySelectorAll(`[data-testid="${list}"] [data-company]`)].map((e) => e.getAttribute('data-company'));
    return {
      figures: Object.fromEntries(
        [...result.querySelectorAll('[data-figure]')].map((tr) => [
          tr.getAttribute('data-figure'),
          [tr.getAttribute('data-a'), tr.getAttribute('data-b'), tr.getAttribute('data-change')],
        ]),
      ),
      onlyA: keys('compare-only-A').sort(),
      onlyB: keys('compare-only-B').sort(),
      both: keys('compare-both').sort(),
    };
  });
}

/** The same, as the pure comparison says it should be. */
function wanted(c: Comparison) {
  const text = (n: number | null) => (n === null ? '' : String(n));
  return {
    figures: Object.fromEntries(c.figures.map((f) => [f.key, [text(f.a), text(f.b), text(f.change)]])),
    onlyA: c.onlyA.map((o) => o.key).sort(),
    onlyB: c.onlyB.map((o) => o.key).sort(),
    both: c.both.map((o) => o.key).sort(),
  };
}

/** Polls until the view shows what the rows on disk give (Firefox may re-classify hosts while the test reads). */
export async function expectShown(page: BrowserPage, want: () => Promise<Comparison>) {
  let last: unknown;
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 200))) {
    const [now, expected] = [await shown(page), wanted(await want())];
    last = { now, expected };
    if (JSON.stringify(now) === JSON.stringify(expected)) return expected;
  }
  throw new Error(`the compare view never showed what the rows give: ${JSON.stringify(last, null, 1)}`);
}
