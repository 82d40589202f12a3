/** The graph view as the e2e tests read it: what the records on disk say it must show, and what it shows. */
import type { Page } from 'playwright-core';
import type { BrowserPage, ExtensionBrowser } from '../../../src/audit/extension-browser.js';
import { flushWorker, readRecords } from '../../../src/audit/read-store.js';
import { exposureOf } from '../../../src/report/aggregate/exposure.js';
import { graphOf, graphPairs } from '../../../src/report/aggregate/graph.js';
import { periodRange } from '../../../src/report/aggregate/period.js';
import { requestFigures } from '../../../src/report/aggregate/requests.js';
import { sitesOf } from '../../../src/report/aggregate/sites.js';
import { neighbourSets } from '../../../src/report/page/graph/graph-neighbours.js';
import { buildRollups } from '../../../src/store/visit-rollup-build.js';

const ALL = { bloc: 'all', category: 'all' } as const;

export async function browse(browser: ExtensionBrowser): Promise<BrowserPage> {
  const reader = await browser.openExtensionPage('popup.html');
  for (const site of ['shop', 'widget', 'news', 'plain']) await (await browser.visit(`https://${site}.example/`)).close();
  await flushWorker(reader);
  return reader;
}

/** The week's graph, list rows, and who saw the reader on each site, from the rows on disk. */
export async function expected(reader: BrowserPage) {
  const { visits, hosts: hostList, ips: ipList, daily } = await readRecords(reader);
  const hosts = new Map(hostList.map((h) => [h.id, h]));
  const ips = new Map(ipList.map((i) => [i.id, i]));
  const now = Date.now();
  const observers = exposureOf('7d', now, visits, hosts, ips).observers;
  const sites = sitesOf(buildRollups(visits, hosts, ips).values(), periodRange('7d', now, null), requestFigures(daily, hosts));
  const graph = graphOf(sites, observers, ALL);
  return {
    graph,
    neighbours: neighbourSets(graph.links),
    pairs: graphPairs(sites, observers, ALL),
    /** what a node's panel lists: a site's organisations, an organisation's sites */
    items: (id: string) =>
      id.startsWith('s:')
        ? sites.find((s) => `s:${s.site}` === id)!.observers.map((o) => o.key)
        : sites.filter((s) => s.observers.some((o) => o.key === id)).map((s) => s.site),
  };
}
export type Want = Awaited<ReturnType<typeof expected>>;

/** The graph's state as the page shows it: the active node, the lit ones, the panel, the focus, the zoom. */
export const shown = (page: BrowserPage) =>
  page.evaluate(() => {
    const nodes = document.querySelector('[data-testid="graph-nodes"]');
    const lit = (kind: string) =>
      [...document.querySelectorAll(`[data-testid="graph-nodes"] [data-highlight="${kind}"]`)]
        .map((o) => o.getAttribute('data-node')!)
        .sort();
    const panel = document.querySelector('[data-testid="graph-panel"]');
    const focused = document.activeElement as HTMLElement | null;
    return {
      active: nodes?.getAttribute('data-active') ?? '',
      self: lit('self'),
      neighbours: lit('neighbour'),
      panel: panel?.getAttribute('data-node') ?? null,
      items: [...(panel?.querySelectorAll('[data-testid="graph-panel-items"] li') ?? [])].map((li) => li.getAttribute('data-item')!).sort(),
      focus: focused?.getAttribute('data-testid') ?? focused?.id ?? '',
      zoom: Number(document.querySelector('[data-testid="graph-stage"]')?.getAttribute('data-zoom')),
    };
  });

/** Where a node is drawn, in page coordinates. */
export const nodeAt = (page: BrowserPage, id: string) =>
  page.evaluate((node) => {
    const box = document.querySelector('[data-testid="graph-nodes"]')!.getBoundingClientRect();
    const option = [...document.querySelectorAll('[data-testid="graph-nodes"] [role="option"]')].find(
      (o) => o.getAttribute('data-node') === node,
    )!;
    return { x: box.left + Number(option.getAttribute('data-x')), y: box.top + Number(option.getAttribute('data-y')) };
  }, id);

/** A node drawn inside the graph and inside the window, and where, in page coordinates. */
export const nodeInView = (page: BrowserPage) =>
  page.evaluate(() => {
    const box = document.querySelector('[data-testid="graph-nodes"]')!.getBoundingClientRect();
    const [top, bottom] = [Math.max(box.top, 0) + 10, Math.min(box.bottom, innerHeight) - 10];
    return [...document.querySelectorAll('[data-testid="graph-nodes"] [role="option"]')]
      .map((o) => ({
        node: o.getAttribute('data-node')!,
        at: { x: box.left + Number(o.getAttribute('data-x')), y: box.top + Number(o.getAttribute('data-y')) },
      }))
      .find(({ at }) => at.x > box.left + 10 && at.x < box.right - 10 && at.y > top && at.y < bottom)!;
  });

export async function openGraph(page: BrowserPage): Promise<void> {
  await page.evaluate(() => void (location.hash = '#/graph?period=week'));
  await page.waitForFunction(() => document.querySelector('[data-testid="graph"][data-settled="true"]'), undefined, 30_000);
}

/** A Playwright page as the Firefox tests' pages are driven (evaluate, wait). */
export const wrap = (page: Page): BrowserPage => ({
  url: () => page.url(),
  goto: async () => ({ status: null }),
  evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
  waitForFunction: async (fn, arg, timeout) => void (await page.waitForFunction(fn as never, arg, { timeout: timeout ?? 30_000 })),
  close: () => page.close(),
});
