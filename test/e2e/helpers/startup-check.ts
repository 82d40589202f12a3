/**
 * What the start-up tests compare: the requests the fixture server answered for each page
 * of a run (test/fixtures/sites/startup.example: every path names the run, the page number
 * and the page's host) against what Upstream's database holds, read from an extension page.
 */
import type { BrowserPage } from '../../../src/audit/extension-browser.js';
import type { LoggedRequest } from '../../../src/audit/fixture-server.js';
import { readRecords } from '../../../src/audit/read-store.js';
import { storedForm, sleep } from './commands.js';

/** Requests one start-up fixture page sends: the page and its 11 sub-resources. */
const PAGE_REQUESTS = 12;

/** One page of a run: `https://<host>/index.html?run=R&v=<v>`. */
export interface StartupPage {
  host: string;
  v: number;
}

/** Not the site root: a visit inferred from the page's sub-resources alone knows only the origin, and must not pass for the page. */
export const pageUrl = (run: string, page: StartupPage) => `https://${page.host}/index.html?run=${run}&v=${page.v}`;
/** The page as a visit stores it (no query string, by default). */
const pageAsStored = (page: StartupPage) => `https://${page.host}/index.html`;

/** Distinct URLs (as stored) of the requests the server answered for `page`, in `log`. */
function servedFor(log: LoggedRequest[], run: string, page: StartupPage): string[] {
  const tag = `/${run}/${page.v}/${page.host}/`;
  const own = `/index.html?run=${run}&v=${page.v}`;
  return [
    ...new Set(
      log.filter((e) => e.answered !== undefined && (e.path.startsWith(tag) || (e.host === page.host && e.path === own))).map(storedForm),
    ),
  ];
}

/**
 * Waits until the server has answered every request of every page (the page sends the last
 * ones, a fetch and a beacon, after its load event). Returns the pages that fell short when
 * `timeoutMs` ran out: the caller says what that means (a browser that did not restore a tab…).
 */
export async function waitForServed(
  log: LoggedRequest[],
  from: number,
  run: string,
  pages: StartupPage[],
  timeoutMs = 60_000,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const short = pages.filter((page) => servedFor(log.slice(from), run, page).length < PAGE_REQUESTS);
    if (short.length === 0 || Date.now() > deadline) {
      return short.map(
        (page) =>
          `${pageUrl(run, page)}: the server answered ${servedFor(log.slice(from), run, page).length} of its ${PAGE_REQUESTS} requests`,
      );
    }
    await sleep(100);
  }
}

/** What the store holds for one page, against what the server answered for it. */
export interface PageFigures {
  page: string;
  served: number;
  /** served URLs found in the store, in any visit */
  stored: number;
  /** served URLs stored in the page's own visit */
  inVisit: number;
  /** served URLs stored only as unverified attempts (recovered from the page's list, no proof they went out) */
  unverified: number;
  /** visits of this page URL: "seen" (its start was seen) or "inferred" (from its requests only) */
  visits: string[];
  /** each of those visits in full (id, start, tab, shown flag, requests in it), for a failure's message */
  visitDetail: string[];
  /** served URLs the store does not hold, in short form */
  missing: string[];
  /** served URLs stored more than once */
  duplicated: string[];
  /** served URLs stored in another page's visit, or in none */
  misplaced: string[];
}

/** Which rows and visits belong to the session under test (after a restart: those added since). */
export interface Fresh {
  row(id: number): boolean;
  visit(id: number): boolean;
}
export const EVERYTHING: Fresh = { row: () => true, visit: () => true };

export function problemsOf(f: PageFigures): string[] {
  return [
    ...(f.visits.length === 1
      ? []
      : [`${f.visits.length} visits of the page (one expected)${f.visits.length ? `: ${f.visitDetail.join(' | ')}` : ''}`]),
    ...(f.missing.length ? [`not stored: ${f.missing.join(' ')}`] : []),
    ...(f.duplicated.length ? [`stored more than once: ${f.duplicated.join(' ')}`] : []),
    ...(f.misplaced.length ? [`stored outside the page's visit: ${f.misplaced.join(' ')}`] : []),
  ].map((problem) => `${f.page}: ${problem}`);
}

/** One line per page, for the report and the failure message. */
export function pageSummary(f: PageFigures): string {
  const visits = f.visits.length ? f.visits.join('+') : 'none';
  return `${f.page}: ${f.stored}/${f.served} stored (${f.unverified} unverified), ${f.inVisit} in its visit, visits: ${visits}${f.missing.length ? `; missing ${f.missing.join(' ')}` : ''}`;
}

/**
 * Reads the store until every page is whole (one visit, every served request in it, once)
 * or `timeoutMs` has passed, and returns the figures of the last reading. Generous on
 * purpose: a batch is durable within 250 ms and a page reports what it loaded about a second
 * after; a first start also loads the knowledge before it stores anything. The time is never
 * asserted on: a fix that stores late still passes, one that never stores fails.
 */
export async function waitForPages(
  reader: BrowserPage,
  log: LoggedRequest[],
  from: number,
  run: string,
  pages: StartupPage[],
  fresh: Fresh,
  timeoutMs = 20_000,
): Promise<PageFigures[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { requests, visits } = await readRecords(reader);
    const rows = requests.filter((r) => fresh.row(r.id));
    const figures = pages.map((page): PageFigures => {
      const served = servedFor(log.slice(from), run, page);
      const own = visits.filter((v) => fresh.visit(v.id) && v.url === pageAsStored(page));
      const ownIds = new Set(own.map((v) => v.id));
      const short = (url: string) => url.replace(/^https:\/\//, '').replace(`/${run}/${page.v}/${page.host}`, '');
      const rowsOf = (url: string) => rows.filter((r) => r.url === url);
      return {
        page: page.host,
        served: served.length,
        stored: served.filter((url) => rowsOf(url).length > 0).length,
        inVisit: served.filter((url) => rowsOf(url).some((r) => r.visit !== null && ownIds.has(r.visit))).length,
        unverified: served.filter((url) => rowsOf(url).length > 0 && rowsOf(url).every((r) => r.unverified)).length,
        visits: own.map((v) => (v.inferred ? 'inferred' : 'seen')),
        visitDetail: own.map(
          (v) =>
            `#${v.id} ${v.inferred ? 'inferred' : 'seen'} t=${v.time} tab ${v.tab} shown ${v.shown ? 1 : 0} n=${v.requests}; rows ${rows
              .filter((r) => r.visit === v.id)
              .map((r) => `${r.type}@${r.time - v.time}${r.recovered ? 'r' : ''}`)
              .join(',')}`,
        ),
        missing: served.filter((url) => rowsOf(url).length === 0).map(short),
        duplicated: served
          .filter((url) => rowsOf(url).length > 1)
          .map(
            (url) =>
              `${short(url)} (${rowsOf(url)
                .map(
                  (r) =>
                    `#${r.id} ${r.type} t=${r.time} visit ${r.visit}${r.recovered ? ' recovered' : ''}${r.unverified ? ' unverified' : ''}`,
                )
                .join('; ')})`,
          ),
        misplaced: served.flatMap((url) =>
          rowsOf(url)
            .filter((r) => r.visit === null || !ownIds.has(r.visit))
            .map(
              (r) =>
                `${short(url)} (in ${r.pageUrl ?? 'no visit'}${r.visit !== null && !fresh.visit(r.visit) ? ', a visit of the session before' : ''})`,
            ),
        ),
      };
    });
    if (figures.every((f) => problemsOf(f).length === 0) || Date.now() > deadline) return figures;
    await sleep(250);
  }
}
