/**
 * Reads for the report views: the rows a period or a page needs, and the hosts and
 * server IPs they refer to, nothing else. Written for Dexie live queries: every table and
 * range read here is watched, so a view re-renders when the worker stores more.
 */
import type { UpstreamDb } from './db.js';
import { FLAGS, OUTCOMES, type HostRow, type IpRow, type RequestRow, type VisitRow } from './schema.js';

const DAY = 24 * 60 * 60_000;
/** How far back the page shown in a tab is looked for (a tab left open longer shows nothing). */
const TAB_LOOKBACK = 30 * DAY;
const FAILED = OUTCOMES.indexOf('failed');

export interface Referenced {
  hosts: Map<number, HostRow>;
  ips: Map<number, IpRow>;
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
  const [hosts, ips] = await Promise.all([db.hosts.bulkGet([...hostIds]), db.ips.bulkGet([...ipIds])]);
  return {
    hosts: new Map(hosts.filter((h): h is HostRow => !!h).map((h) => [h.id!, h])),
    ips: new Map(ips.filter((i): i is IpRow => !!i).map((i) => [i.id!, i])),
  };
}

export interface PeriodRows extends Referenced {
  visits: VisitRow[];
}

/** Page visits started at or after `from`, with what they contacted. */
export async function visitsSince(db: UpstreamDb, from: number): Promise<PeriodRows> {
  const visits = await db.visits.where('t').aboveOrEqual(from).toArray();
  return { visits, ...(await referencedBy(db, visits)) };
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
  const newest = await db.visits.where('t').aboveOrEqual(now - TAB_LOOKBACK).reverse().filter((v) => v.tab === tabId).first();
  return newest && onSite(tabHost, newest.s) ? newest : undefined;
}

export interface PageRequest {
  h: number;
  i: number;
  thirdParty: boolean;
  cleartext: boolean;
  failed: boolean;
}

export interface PageRows extends Referenced {
  visit: VisitRow;
  requests: PageRequest[];
}

function pageRequest(row: RequestRow): PageRequest {
  return {
    h: row.h,
    i: row.i,
    thirdParty: (row.b & FLAGS.thirdParty) !== 0,
    cleartext: (row.b & FLAGS.cleartext) !== 0,
    failed: row.o === FAILED,
  };
}

/** One visit's requests, with what they contacted. */
export async function pageRows(db: UpstreamDb, visit: VisitRow): Promise<PageRows> {
  const rows = await db.requests.where('v').equals(visit.id).toArray();
  return { visit, requests: rows.map(pageRequest), ...(await referencedBy(db, [visit])) };
}
