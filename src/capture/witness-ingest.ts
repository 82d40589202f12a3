/**
 * How a frame's report (witness-sweep.ts) becomes recovered requests inside a batch.
 *
 * 1. In event order (the page-context fold needs it): the entries that ended in a gap and show
 *    they went to the network are attributed to their page. A top frame whose own navigation
 *    ended in a gap, and whose page the tab is not known to show, starts a visit (inferred).
 * 2. Before the batch is written: each is matched against the requests stored for its tab
 *    and those this batch records, by host and path, to the nearest time within MATCH_MS. What
 *    no record matches was missed, and is recovered; but an entry that cannot show it went to
 *    the network (witness-evidence.ts, 'unverified') only if the browser is known to have
 *    contacted its host: a request of the same tab reached a server address there within
 *    CONTACTED_MS, or the page's list shows bytes from it, or it ended in the start-up gap.
 *    Otherwise a page could name any host (a failed request leaves an entry too) and have it
 *    recorded. At start-up the page's list is the only account there is (Chrome drops the
 *    events of what loaded before the listeners existed): an attempt that reaches nobody in
 *    any figure is the most it can say, and a page cannot choose to load in that gap.
 * Reading a window twice (a worker stopped before it noted its sweep) recovers nothing twice:
 * the rows recovered the first time match the second time.
 */
import type { Observation, WitnessEntry, WitnessReport } from '../shared/types.js';
import type { UpstreamDb } from '../store/db.js';
import type { Interner } from '../store/interner.js';
import { requestsOfRecentVisits } from '../store/visit-requests.js';
import { urlParts } from '../store/url-parts.js';
import { attributeRequest, startNavigation, type PageState, type VisitChange } from './page-context.js';
import { knownPage } from './page-order.js';
import { evidenceOf } from './witness-evidence.js';
import { atStartup, inGap, typeOfKind, type WitnessState } from './witness-reconcile.js';

/**
 * Resource Timing's end of a response and webRequest's time for it are the same moment seen
 * from two processes: a few ms apart, more on a starved machine.
 */
const MATCH_MS = 1000;
/**
 * Documents (a page's own navigation entry, a frame's): Firefox stamps their onCompleted
 * well after the page's responseEnd, most under load at a session restore (docs/measurements.md),
 * and a tab loads the same document rarely within seconds.
 */
export const DOCUMENT_MATCH_MS = 5000;
const windowOf = (type: string) => (type === 'main_frame' || type === 'sub_frame' ? DOCUMENT_MATCH_MS : MATCH_MS);
/** Visits of a tab looked at when matching: a window is seconds long, a tab's pages in it few. */
const TAB_VISITS = 16;
/** How recently the tab must have reached a host for an unverified entry of it to be kept. */
const CONTACTED_MS = 10 * 60_000;

export interface Candidate {
  obs: Observation;
  visitId: number;
  facts: number;
  /** ended in the start-up gap */
  startup: boolean;
}

/** A request as webRequest would have reported it, from a page's witness entry. */
function observationOf(report: WitnessReport, entry: WitnessEntry, requestId: string): Observation {
  const type = typeOfKind(entry.kind);
  return {
    requestId,
    time: entry.end,
    url: entry.url,
    method: entry.kind === 'beacon' ? 'POST' : 'GET',
    type,
    tabId: report.tabId,
    frameId: report.frameId,
    parentFrameId: -1,
    initiator: report.documentUrl,
    topUrl: report.frameId === 0 ? report.documentUrl : null,
    documentId: null,
    documentLifecycle: null,
    frameType: null,
    outcome: 'completed',
    statusCode: entry.status || null,
    ip: null,
    fromCache: false,
    redirectUrl: null,
    error: null,
    cookies: null,
    referrer: null,
  };
}

/** Step 1, in event order. */
export function witnessCandidates(
  pages: PageState,
  witness: WitnessState,
  report: WitnessReport,
): { candidates: Candidate[]; visits: VisitChange[] } {
  const visits: VisitChange[] = [];
  const candidates: Candidate[] = [];
  // Before `swept`, the gaps were read already, or the user deleted what they held (a forget).
  const counts = (entry: WitnessEntry) =>
    entry.end > (witness.swept ?? -Infinity) && inGap(witness, entry.end) && evidenceOf(entry.facts) !== 'never';
  const nav = report.navigation;
  if (report.frameId === 0 && nav && counts(nav)) {
    const requestId = `w${report.tabId}.${Math.round(nav.start)}`;
    const known = knownPage(pages, report.tabId, report.documentUrl);
    let visitId = known?.visitId ?? 0;
    if (!known) {
      // The browser's own start of this page, told later, joins it while it is a document's
      // match (a browser busy restoring tabs stamps its events well after the page's clock).
      const started = startNavigation(
        pages,
        {
          requestId,
          time: nav.start,
          url: report.documentUrl,
          tabId: report.tabId,
          frameId: 0,
          statusCode: nav.status || null,
          documentLifecycle: null,
          commits: true,
        },
        nav.end + DOCUMENT_MATCH_MS,
      );
      if (started.visit) visits.push({ ...started.visit, inferred: true });
      visitId = started.visitId;
    } else if (known.byOrigin) {
      // Known only by its origin so far: the page's own list names its address.
      visits.push({ visitId, tabId: report.tabId, time: nav.start, url: report.documentUrl, committed: true, inferred: true });
    }
    if (visitId)
      candidates.push({ obs: observationOf(report, nav, requestId), visitId, facts: nav.facts, startup: atStartup(witness, nav.end) });
  }
  report.entries.forEach((entry, index) => {
    if (!counts(entry)) return;
    const obs = observationOf(report, entry, `w${report.tabId}.${report.frameId}.${Math.round(entry.start)}.${index}`);
    // A frame's own document is told by its parent's list; attributed as any other request here.
    const { visitId, visit } = attributeRequest(pages, { ...obs, type: obs.type === 'sub_frame' ? 'other' : obs.type });
    if (visit) visits.push(visit);
    if (visitId) candidates.push({ obs, visitId, facts: entry.facts, startup: atStartup(witness, entry.end) });
  });
  return { candidates, visits };
}

interface Stored {
  id: number;
  t: number;
  v: number;
  recovered: boolean;
}

interface Near {
  /** stored requests in the window, by "hostId path" */
  byKey: Map<string, Stored[]>;
  /** "tab hostId" of hosts the tab reached at a server address within CONTACTED_MS before the window */
  contacted: Set<string>;
}

/** Stored requests of these tabs' recent visits. */
async function storedNear(db: UpstreamDb, tabs: Map<number, [number, number]>): Promise<Near> {
  const byKey = new Map<string, Stored[]>();
  const contacted = new Set<string>();
  for (const [tab, [from, to]] of tabs) {
    for (const row of await requestsOfRecentVisits(db, tab, from - CONTACTED_MS, to, TAB_VISITS)) {
      if (row.addressed) contacted.add(`${tab} ${row.host}`);
      if (row.time < from) continue;
      const key = `${row.host} ${row.path}`;
      byKey.set(key, [...(byKey.get(key) ?? []), { id: row.id, t: row.time, v: row.visit, recovered: row.recovered }]);
    }
  }
  return { byKey, contacted };
}

function keyOf(interner: Interner, url: string): string | null {
  const parts = urlParts(url);
  const host = parts?.host ? interner.host(parts.host) : undefined;
  return parts && host ? `${host.id} ${parts.path}` : null;
}

/** Takes the stored or recorded time nearest to `time` within `within` ms, if any. */
function takeNearest<T extends { t: number }>(list: T[] | undefined, time: number, within = MATCH_MS): T | null {
  if (!list) return null;
  let best = -1;
  list.forEach((item, i) => {
    if (Math.abs(item.t - time) <= within && (best < 0 || Math.abs(item.t - time) < Math.abs(list[best]!.t - time))) best = i;
  });
  return best < 0 ? null : list.splice(best, 1)[0]!;
}

function windowsByTab(items: { obs: Observation }[]): Map<number, [number, number]> {
  const tabs = new Map<number, [number, number]>();
  for (const { obs } of items) {
    const [from, to] = tabs.get(obs.tabId) ?? [Infinity, -Infinity];
    tabs.set(obs.tabId, [Math.min(from, obs.time - windowOf(obs.type)), Math.max(to, obs.time + windowOf(obs.type))]);
  }
  return tabs;
}

/**
 * Step 2: the candidates no request matches (interner prepared for their hosts and the batch's).
 * `recorded`: what this batch records from webRequest.
 */
export async function unmatched(
  db: UpstreamDb,
  interner: Interner,
  candidates: Candidate[],
  recorded: Observation[],
): Promise<Candidate[]> {
  if (!candidates.length) return [];
  const { byKey, contacted } = await storedNear(db, windowsByTab(candidates));
  const hostOf = (url: string) => interner.host(urlParts(url)?.host ?? '')?.id;
  const tabsOf = new Set(candidates.map((c) => c.obs.tabId));
  for (const obs of recorded) {
    const key = tabsOf.has(obs.tabId) ? keyOf(interner, obs.url) : null;
    if (key) byKey.set(key, [...(byKey.get(key) ?? []), { id: 0, t: obs.time, v: 0, recovered: false }]);
    if (key && obs.ip !== null) contacted.add(`${obs.tabId} ${hostOf(obs.url)}`);
  }
  for (const c of candidates) if (evidenceOf(c.facts) === 'network') contacted.add(`${c.obs.tabId} ${hostOf(c.obs.url)}`);
  return candidates.filter((c) => {
    const key = keyOf(interner, c.obs.url);
    if (!key || takeNearest(byKey.get(key), c.obs.time, windowOf(c.obs.type))) return false;
    return evidenceOf(c.facts) === 'network' || c.startup || contacted.has(`${c.obs.tabId} ${hostOf(c.obs.url)}`);
  });
}

/**
 * For webRequest records that came after their request was recovered (a stopped worker's
 * journal read late by its successor): the recovered row each one is the original of, which
 * it replaces with its fuller details rather than adding a second row.
 */
export async function recoveredOriginals(
  db: UpstreamDb,
  interner: Interner,
  records: { obs: Observation; visitId: number }[],
): Promise<(number | null)[]> {
  if (!records.length) return [];
  const { byKey } = await storedNear(db, windowsByTab(records));
  for (const [key, list] of byKey)
    byKey.set(
      key,
      list.filter((row) => row.recovered),
    );
  return records.map(({ obs, visitId }) => {
    const key = keyOf(interner, obs.url);
    const row = key
      ? takeNearest(
          byKey.get(key)?.filter((r) => r.v === visitId),
          obs.time,
          windowOf(obs.type),
        )
      : null;
    if (row)
      byKey.set(
        key!,
        byKey.get(key!)!.filter((r) => r.id !== row.id),
      );
    return row?.id ?? null;
  });
}
