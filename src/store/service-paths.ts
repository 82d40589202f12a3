/**
 * The paths some hosts were asked for over a period, per page site: what tells the services
 * that share a host apart (www.google.com/recaptcha/ from www.google.com/maps). The daily
 * roll-ups keep hosts only, so these come from the raw requests, as long as they are kept
 * (retention); only the visits that contacted one of the hosts are read, so a request sent
 * with no tab (which no page site owns for sure) is left out.
 */
import type { UpstreamDb } from './db.js';

/** Requests of one page site to one host at one path (as stored: without query). */
export interface PathUse {
  site: string;
  host: string;
  path: string;
  requests: number;
}

/** Visits that started this long before a period may still send requests within it (as the log reads them). */
const VISIT_LOOKBACK_MS = 24 * 60 * 60_000;

/** The requests from `from` (included) to `to` (excluded) to the hosts `wanted` picks, counted by page site, host and path. */
export async function pathUsesBetween(db: UpstreamDb, wanted: (host: string) => boolean, from: number, to: number): Promise<PathUse[]> {
  const hosts = new Map<number, string>();
  await db.hosts.each((row) => {
    if (wanted(row.n)) hosts.set(row.id!, row.n);
  });
  if (hosts.size === 0) return [];
  const visits = await db.visits
    .where('t')
    .between(from - VISIT_LOOKBACK_MS, to, true, false)
    .filter((visit) => visit.d.some((id) => hosts.has(id)))
    .toArray();
  if (visits.length === 0) return [];
  const siteOf = new Map(visits.map((visit) => [visit.id, visit.s]));
  const requests = await db.requests
    .where('v')
    .anyOf([...siteOf.keys()])
    .filter((row) => row.t >= from && row.t < to && hosts.has(row.h))
    .toArray();
  const uses = new Map<string, PathUse>();
  for (const row of requests) {
    const site = siteOf.get(row.v)!;
    const host = hosts.get(row.h)!;
    const key = `${site}\n${host}\n${row.p}`;
    const use = uses.get(key);
    if (use) use.requests++;
    else uses.set(key, { site, host, path: row.p, requests: 1 });
  }
  return [...uses.values()];
}
