/**
 * The order of a tab's pages when their starts are told late (page-context.ts,
 * startNavigation): pages follow each other in a tab, so each one's start, and the end of its
 * main-frame request, fall before the next page's start (a navigation cancels the main-frame
 * request of the page it leaves). Those two moments place a page in the tab's sequence; the
 * end of a sub-resource does not (a slow one can end after the tab moved on).
 */
import type { NavigationStart } from '../shared/types.js';
import type { PageRef, PageState, TabPages } from './page-state.js';
import { originOf, pageKey } from './page-url.js';

const MAX_ENDED = 4;

/** Where a page stands in its tab's sequence: its start, or its main-frame request's end; undefined if neither is known. */
function placeOf(page: PageRef): number | undefined {
  return page.start ?? (page.requestId !== undefined ? page.by : undefined);
}

/** Whether a page placed at `place` is not behind the page the tab shows (unknown places are not). */
export function newerThanShown(pages: TabPages, place: number | undefined): boolean {
  const shown = pages.current ? placeOf(pages.current) : undefined;
  return shown === undefined || place === undefined || place >= shown;
}

/** The tab's pages whose start is not told yet. */
export function untold(pages: TabPages): PageRef[] {
  return [...(pages.ended ?? []), pages.current, pages.previous, ...(pages.older ?? [])].filter((p): p is PageRef => p?.by !== undefined);
}

/**
 * The page a start told late is the start of: the one its main-frame request told of, or one
 * its requests told of with its address (Chrome's inferred pages: its origin), that it started
 * before. A start after such a page's first request is another page (the same one reloaded).
 */
export function lateStart(pages: TabPages, nav: NavigationStart): PageRef | undefined {
  const waiting = untold(pages).filter((p) => nav.time <= p.by!);
  return waiting.find((p) => p.requestId === nav.requestId) ?? waiting.find((p) => mayBe(p, nav.url));
}

/** Whether `page` may be the page at `url`: its address, or its origin when its requests told only that (Chrome). */
export function mayBe(page: PageRef, url: string): boolean {
  return page.url === pageKey(url) || (page.url === page.origin && page.origin === originOf(url));
}

export function rememberEnded(pages: TabPages, page: PageRef): void {
  pages.ended = [...(pages.ended ?? []), page].slice(-MAX_ENDED);
}

/**
 * The page of this address that was shown when a beacon was sent: Firefox names a request's
 * top document by its address only, so when a tab went A → B → A, the first A's unload beacon
 * told after the second A started would be taken for the second one's.
 */
export function sentFrom(pages: TabPages, url: string, sent: number): PageRef | undefined {
  const wanted = pageKey(url);
  let best: PageRef | undefined;
  for (const page of [pages.current, pages.previous, ...(pages.older ?? [])]) {
    if (page?.url === wanted && page.start !== undefined && page.start <= sent && (!best || page.start > best.start!)) best = page;
  }
  return best;
}

/** The page of this address the tab shows, showed just before, or prerenders. */
export function byUrl(pages: TabPages, url: string): PageRef | undefined {
  const wanted = pageKey(url);
  return [pages.current, pages.previous, ...pages.prerenders].find((p): p is PageRef => !!p && p.url === wanted);
}

/**
 * The visit of a page the tab shows, showed just before, or prerenders, by its URL (null: none).
 * A page known by its origin only learns its address.
 */
export function knownPage(state: PageState, tabId: number, url: string): { visitId: number; byOrigin: boolean } | null {
  const pages = state.tabs[String(tabId)];
  if (!pages) return null;
  const page = byUrl(pages, url);
  if (page) return { visitId: page.visitId, byOrigin: false };
  // Chrome tells an inferred page by its origin only (unseenPage): now its address is known.
  const origin = originOf(url);
  const inferred = [pages.current, pages.previous].find((p) => p && p.url === p.origin && p.origin === origin);
  if (inferred) inferred.url = pageKey(url);
  return inferred ? { visitId: inferred.visitId, byOrigin: true } : null;
}
