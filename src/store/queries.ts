/**
 * Reads for the report views: the rows a period or a page needs, and the hosts and
 * server IPs they refer to, nothing else. Written for Dexie live queries: every table and
 * range read here is watched, so a view re-renders when the worker stores more.
 */
import type { UpstreamDb } from './db.js';
import { rollupOfPacked, unpackRollup, type PackedRollup, type VisitRollupRow } from './visit-rollup.js';
import type { Grain } from './rollup-grains.js';
import type { DailyFacts, HostFacts, IpFacts, RequestFacts, VisitFacts } from './visit-facts.js';
import { dailyFacts, hostFacts, visitFacts } from './rows-to-facts.js';
import { rowReached } from './reach.js';
import { FLAGS, OUTCOMES, type HostRow, type RequestRow, type VisitRow } from './schema.js';

const DAY = 24 * 60 * 60_000;
/** How far back the page shown in a tab is looked for (a tab left open longer shows nothing). */
const TAB_LOOKBACK = 30 * DAY;
const FAILED = OUTCOMES.indexOf('failed');

interface Referenced {
  hosts: Map<number, HostFacts>;
  ips: Map<number, IpFacts>;
}

/** The hosts and server IPs that these visits contacted. */
async function referencedBy(db: UpstreamDb, visits: readonly VisitRow[]): Promise<Referenced> {
  const hostIds = new Set<number>();
  const ipIds = new Set<number>();
  for (const visit of visits) {
    hostIds.add(visit.h);
    for (const id of visit.d) hostIds.add(id);
    for (const id of visit.ip) ipIds.add(id);
  }
  const [hosts, ips] = await Promise.all([rowsById(db.hosts, hostIds), rowsById(db.ips, ipIds)]);
  return { hosts: decodedHosts(hosts), ips };
}

/** Below this many rows wanted, rows are read one by one; above, the whole table at once. */
const READ_ALL_ABOVE = 200;

/**
 * Rows by id. One IndexedDB request per row costs more than reading a table of a few
 * thousand rows in one go (measured in bench/popup-render), so many ids read everything.
 */
async function rowsById<Row extends { id?: number }>(
  table: { toArray(): Promise<Row[]>; bulkGet(keys: number[]): Promise<(Row | undefined)[]> },
  ids: Set<number>,
): Promise<Map<number, Row>> {
  const rows = ids.size > READ_ALL_ABOVE ? await table.toArray() : await table.bulkGet([...ids]);
  const found = new Map<number, Row>();
  for (const row of rows) if (row && ids.has(row.id!)) found.set(row.id!, row);
  return found;
}

function decodedHosts(rows: ReadonlyMap<number, HostRow>): Map<number, HostFacts> {
  const hosts = new Map<number, HostFacts>();
  for (const [id, row] of rows) hosts.set(id, hostFacts(row));
  return hosts;
}

/** True when `host` is the site or one of its sub-domains. */
function onSite(host: string, site: string): boolean {
  return host === site || host.endsWith(`.${site}`);
}

/**
 * The visit a tab shows: its newest visit, as long as that is still on the tab's site
 * (a page that changed its address by script is the same visit; another site is not).
 */
export async function visitOfTab(db: UpstreamDb, tabId: number, tabHost: string, now = Date.now()): Promise<VisitRow | undefined> {
  const newest = await db.visits
    .where('[tab+t]')
    .between([tabId, now - TAB_LOOKBACK], [tabId, Infinity], true, true)
    .last();
  return newest && onSite(tabHost, newest.s) ? newest : undefined;
}

export interface PageRows extends Referenced {
  visit: VisitFacts;
  requests: RequestFacts[];
}

/** What the page summary needs of a stored request. */
function requestFacts(row: RequestRow): RequestFacts {
  return {
    host: row.h,
    ip: row.i,
    thirdParty: (row.b & FLAGS.thirdParty) !== 0,
    cleartext: (row.b & FLAGS.cleartext) !== 0,
    failed: row.o === FAILED,
    reached: rowReached(row),
    ...(row.l === undefined ? {} : { edge: row.l }),
  };
}

/** The facts of one visit's requests, among rows read at once. */
export function requestFactsOfVisit(rows: readonly RequestRow[], visitId: number): RequestFacts[] {
  return rows.filter((row) => row.v === visitId).map(requestFacts);
}

/** One visit's requests, with what they contacted. */
export async function pageRows(db: UpstreamDb, visit: VisitRow): Promise<PageRows> {
  const rows = await db.requests.where('v').equals(visit.id).toArray();
  return { visit: visitFacts(visit), requests: rows.map(requestFacts), ...(await referencedBy(db, [visit])) };
}

/** Visit roll-ups of one grain whose buckets start in [from, to). */
export async function rollupsBetween(db: UpstreamDb, grain: Grain, from: number, to: number): Promise<VisitRollupRow[]> {
  return (await packedRollupsBetween(db, grain, from, to)).map(({ h, p }) => rollupOfPacked(h, p));
}

/** The same rows left packed, for readers that walk them without rebuilding objects (the popup: report/aggregate/exposure-tally.ts). */
export async function packedRollupsBetween(db: UpstreamDb, grain: Grain, from: number, to: number): Promise<PackedRollup[]> {
  // A row that does not decode, or is off its grain, is left out until the worker rebuilds it (rollup-integrity.ts).
  const rows = (await db[grain.table].where('h').between(from, to, true, false).toArray()).map(unpackRollup);
  return rows.filter((row): row is PackedRollup => row !== null && grain.start(row.h) === row.h);
}

/** Start of the earliest hour holding a visit, or null when there is none. */
export async function firstHour(db: UpstreamDb): Promise<number | null> {
  return (await db.hours.orderBy('h').first())?.h ?? null;
}

/** Daily request roll-ups of the calendar days from `firstDay` to `lastDay` (YYYY-MM-DD, both included), with their hosts. */
export async function dailyBetween(
  db: UpstreamDb,
  firstDay: string,
  lastDay: string,
): Promise<{ rows: DailyFacts[]; hosts: Map<number, HostFacts> }> {
  // A range of the primary key ([day+site+host] starts with the day): one contiguous read.
  // Through the 'day' index, each of a week's rows was a second lookup (docs/measurements.md).
  // [day] sorts before every [day, …]; an array sorts after every string and number, so [day, []] after them all.
  const rows = await db.daily.where(':id').between([firstDay], [lastDay, []], true, true).toArray();
  return { rows: rows.map(dailyFacts), hosts: decodedHosts(await rowsById(db.hosts, new Set(rows.map((r) => r.host)))) };
}
