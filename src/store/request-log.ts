/**
 * Reads for the report's request log (report/page/log/): the stored requests of a period,
 * of one site's visits or of one visit, spelt out with named fields, in chunks of ascending
 * id so that the first rows can be shown while the rest are read. Only the fields the log
 * shows or filters on are spelt out; hosts and visits come once, in their own maps.
 */
import type { UpstreamDb } from './db.js';
import { FLAGS, OUTCOMES, SCHEMES, TYPES, type HostRow, type RequestRow } from './schema.js';

/** One stored request as the log shows it. */
export interface LogEntry {
  id: number;
  time: number;
  /** page visit id, 0 for a request sent with no tab */
  visit: number;
  /** frame id, 0 for the top frame */
  frame: number;
  /** host id: see `logHosts` */
  host: number;
  scheme: string;
  /** path without query or fragment, as stored */
  path: string;
  type: string;
  outcome: (typeof OUTCOMES)[number];
  /** HTTP status, 0 when none */
  status: number;
  thirdParty: boolean;
  fromCache: boolean;
  recovered: boolean;
  unverified: boolean;
  /** failed: the browser's error; redirected: the host it went to */
  detail: string | null;
  /** the page site of a request that belongs to no visit, when known */
  looseSite: string | null;
}

/** Who a host belongs to, by name. */
export interface LogHost {
  name: string;
  domain: string;
  company: string | null;
  jurisdiction: string | null;
  prism: boolean;
  tracker: { name: string; category: string } | null;
  /** what the host is an alias of, when the browser told */
  canonicalName?: string | null;
  /** a tracker behind the site's own name: its requests go to a third party (store/cloaking.ts) */
  cloaked?: boolean;
  /** the company that only tracks whose network served it as a page's own host */
  trackerNetwork?: string | null;
}

/** The page a visit showed. */
export interface LogVisit {
  site: string;
  url: string;
}

/** What a log shows: every request of a time range, or only those of one site's visits in it, or of one visit. */
export type LogScope = { from: number; to: number; site?: string } | { visit: number };

function entryOf(row: RequestRow): LogEntry {
  return {
    id: row.id!,
    time: row.t,
    visit: row.v,
    frame: row.f,
    host: row.h,
    scheme: SCHEMES[row.c] ?? 'other',
    path: row.p,
    type: TYPES[row.y] ?? 'other',
    outcome: OUTCOMES[row.o] ?? 'completed',
    status: row.s,
    thirdParty: (row.b & FLAGS.thirdParty) !== 0,
    fromCache: (row.b & FLAGS.fromCache) !== 0,
    recovered: (row.b & FLAGS.recovered) !== 0,
    unverified: (row.b & FLAGS.unverified) !== 0,
    detail: row.e ?? null,
    looseSite: row.v ? null : (row.ps ?? null),
  };
}

/**
 * Rows are stored when a request ends, so one that lasted long (a socket, a download) comes
 * after rows of requests that started later: the range read by id reaches this far beyond
 * the period on both sides, and keeps only the rows whose time falls within it.
 */
const STORED_LATE_MS = 60 * 60_000;
/** Visits that started this long before a period may still send requests within it. */
const VISIT_LOOKBACK_MS = 24 * 60 * 60_000;

export interface Bound {
  id: number;
  time: number;
}

/**
 * The first id whose row's time is `time` or later, or one past the last row (`rowFrom`: the
 * first stored row from an id on, between `first` and `last`): ids grow with
 * time (retention.ts), and nearly evenly, so the search guesses by the times on either side,
 * every other read, and halves the interval otherwise (never more reads than a bisection's
 * twice). A week in a history of months is found in a handful of reads.
 */
export async function firstIdFrom(rowFrom: (id: number) => Promise<Bound>, time: number, first: Bound, last: Bound): Promise<number> {
  if (first.time >= time) return first.id;
  if (last.time < time) return last.id + 1;
  // The row at `low` is earlier than `time`; the first row from `high` on is not.
  let [low, high] = [first, last];
  for (let round = 0; high.id - low.id > 1; round++) {
    const guess =
      round % 2 === 0 ? low.id + ((time - low.time) / (high.time - low.time || 1)) * (high.id - low.id) : (low.id + high.id) / 2;
    const middle = Math.min(high.id - 1, Math.max(low.id + 1, Math.round(guess)));
    const row = await rowFrom(middle);
    if (row.id >= high.id) high = { id: middle, time: high.time };
    else if (row.time >= time) high = { id: middle, time: row.time };
    else low = row;
  }
  return high.id;
}

/** The ids of the site's visits that may have sent requests within the range. */
async function siteVisits(db: UpstreamDb, scope: { from: number; to: number; site: string }): Promise<number[]> {
  const visits = await db.visits.where('s').equals(scope.site).toArray();
  return visits.filter((v) => v.t >= scope.from - VISIT_LOOKBACK_MS && v.t < scope.to).map((v) => v.id);
}

/**
 * The scope's requests with an id above `after`, in chunks of ascending id (a small first
 * one, to show rows soon), except for a site's or a visit's, which come in one chunk.
 */
export async function* logChunks(
  db: UpstreamDb,
  scope: LogScope,
  sizes: { first: number; next: number },
  after = 0,
): AsyncGenerator<LogEntry[]> {
  if ('visit' in scope) {
    const rows = await db.requests.where('v').equals(scope.visit).toArray();
    yield rows.filter((r) => r.id! > after).map(entryOf);
    return;
  }
  const inRange = (row: RequestRow) => row.t >= scope.from && row.t < scope.to;
  if (scope.site !== undefined) {
    const ids = await siteVisits(db, { ...scope, site: scope.site });
    if (!ids.length) return;
    const rows = await db.requests.where('v').anyOf(ids).toArray();
    yield rows.filter((r) => r.id! > after && inRange(r)).map(entryOf);
    return;
  }
  const [firstRow, lastRow] = await Promise.all([db.requests.orderBy(':id').first(), db.requests.orderBy(':id').last()]);
  if (!firstRow || !lastRow) return;
  const first = { id: firstRow.id!, time: firstRow.t };
  const last = { id: lastRow.id!, time: lastRow.t };
  // The first row from an id on: there is one, the last row being at or after every id searched.
  const rowFrom = async (id: number): Promise<Bound> => {
    const row = (await db.requests.where(':id').aboveOrEqual(id).first())!;
    return { id: row.id!, time: row.t };
  };
  const [start, to] = await Promise.all([
    firstIdFrom(rowFrom, scope.from - STORED_LATE_MS, first, last),
    firstIdFrom(rowFrom, scope.to + STORED_LATE_MS, first, last),
  ]);
  let from = Math.max(after + 1, start);
  for (let size = sizes.first; from < to; size = sizes.next) {
    const rows = await db.requests.where(':id').between(from, to, true, false).limit(size).toArray();
    if (!rows.length) return;
    const kept = rows.filter(inRange).map(entryOf);
    if (kept.length) yield kept;
    from = rows[rows.length - 1]!.id! + 1;
  }
}

function namedHost(row: HostRow): LogHost {
  const { company, jurisdiction, prism, tracker } = row;
  const named = { canonicalName: row.cname ?? null, cloaked: row.cloaked === true, trackerNetwork: row.trackerNetwork ?? null };
  return { name: row.n, domain: row.d, company, jurisdiction, prism, tracker, ...named };
}

/** The hosts of these ids, spelt out. */
export async function logHosts(db: UpstreamDb, ids: Iterable<number>): Promise<Map<number, LogHost>> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return new Map();
  const rows = wanted.length > 200 ? await db.hosts.toArray() : await db.hosts.bulkGet(wanted);
  const hosts = new Map<number, LogHost>();
  for (const row of rows) if (row) hosts.set(row.id!, namedHost(row));
  return hosts;
}

/** The visits of these ids: the page each showed. */
export async function logVisits(db: UpstreamDb, ids: Iterable<number>): Promise<Map<number, LogVisit>> {
  const wanted = [...new Set(ids)].filter((id) => id !== 0);
  if (!wanted.length) return new Map();
  const rows = await db.visits.bulkGet(wanted);
  const visits = new Map<number, LogVisit>();
  for (const row of rows) if (row) visits.set(row.id, { site: row.s, url: row.u });
  return visits;
}

/**
 * What tells the log the store changed, read as a live query: the first and last request ids
 * and the number of visits. A larger last id alone means requests were added (read from
 * there); anything else (a wipe, a site forgotten, rows pruned) means reading again.
 */
export interface LogVersion {
  first: number;
  last: number;
  visits: number;
}

export async function logVersion(db: UpstreamDb): Promise<LogVersion> {
  const [first, last, visits] = await Promise.all([
    db.requests.orderBy(':id').firstKey(),
    db.requests.orderBy(':id').lastKey(),
    db.visits.count(),
  ]);
  return { first: (first as number | undefined) ?? 0, last: (last as number | undefined) ?? 0, visits };
}
