/**
 * Reading the report's request log (#/log) as shown, and what it must show from the records
 * on disk. The grid renders only the rows in view, so every row is read by scrolling it.
 */
import type { BrowserPage } from '../../../src/audit/extension-browser.js';
import { tracks } from '../../../src/classify/tracking.js';
import type { RecordedRequest } from '../../../src/store/decode.js';
import type { StoreSnapshot } from '../../../src/audit/read-store.js';

/** One row of the log, as its cells and data attributes show it. */
export interface ShownRow {
  id: number;
  party: string;
  outcome: string;
  tracker: string;
  company: string;
  frame: string;
  url: string;
  type: string;
}

/** Every row of the log, scrolling the grid from top to bottom. */
export async function shownRows(page: BrowserPage): Promise<ShownRow[]> {
  return page.evaluate(async () => {
    const grid = document.querySelector<HTMLElement>('[data-testid="log-grid"]');
    if (!grid) return [];
    const rows = new Map<number, ShownRow>();
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    for (let top = 0; ; top += grid.clientHeight / 2) {
      grid.scrollTop = top;
      grid.dispatchEvent(new Event('scroll'));
      await frame();
      for (const row of grid.querySelectorAll<HTMLElement>('[role="row"][data-id]')) {
        const cell = (column: string) => row.querySelector(`.col-${column}`)!.textContent ?? '';
        rows.set(Number(row.dataset.id), {
          id: Number(row.dataset.id),
          party: row.dataset.party!,
          outcome: row.dataset.outcome!,
          tracker: row.dataset.tracker!,
          company: row.dataset.company!,
          frame: row.dataset.frame!,
          url: cell('url'),
          type: cell('type'),
        });
      }
      if (top >= grid.scrollHeight) break;
    }
    grid.scrollTop = 0;
    return [...rows.values()].sort((a, b) => a.id - b.id);
  });
}

/** The log's outcome of a stored request (report/page/log/log-model.ts says the same from the store's entries). */
function outcomeOf(request: RecordedRequest): string {
  if (request.unverified) return 'unverified';
  if (request.recovered) return 'recovered';
  if (request.outcome !== 'completed') return request.outcome;
  return request.fromCache ? 'cache' : 'completed';
}

/** What the log must show of every stored request, from the records on disk. */
export function expectedRows(snapshot: StoreSnapshot): ShownRow[] {
  const hostByName = new Map(snapshot.hosts.map((host) => [host.name, host]));
  // A frame's document: the sub_frame request of that frame id in the same visit that was not redirected.
  const frames = new Map<string, string>();
  for (const r of [...snapshot.requests].sort((a, b) => a.time - b.time || a.id - b.id)) {
    const key = `${r.visit ?? 0}:${r.frameId}`;
    if (r.type === 'sub_frame' && r.frameId !== 0 && !frames.has(key) && r.outcome !== 'redirected') frames.set(key, new URL(r.url).origin);
  }
  return snapshot.requests
    .map((r) => {
      const host = hostByName.get(r.host);
      return {
        id: r.id,
        party: r.thirdParty ? 'third' : 'first',
        outcome: outcomeOf(r),
        tracker: tracks(host?.tracker) ? 'yes' : 'no',
        company: host?.company ?? '',
        frame: r.frameId === 0 ? 'top' : (frames.get(`${r.visit ?? 0}:${r.frameId}`) ?? ''),
        url: r.url,
        type: r.type,
      };
    })
    .sort((a, b) => a.id - b.id);
}

/** The log's figures: requests read, and shown through the filters. */
export function logCounts(page: BrowserPage): Promise<{ total: number; shown: number; rows: number }> {
  return page.evaluate(() => {
    const status = document.querySelector<HTMLElement>('[data-testid="log-status"]')!;
    const grid = document.querySelector<HTMLElement>('[data-testid="log-grid"]');
    return {
      total: Number(status.dataset.total),
      shown: Number(status.dataset.shown),
      rows: grid ? Number(grid.getAttribute('aria-rowcount')) - 1 : 0,
    };
  });
}
