/**
 * One site's page visits over a span of time, with the verdicts of every host and server
 * they contacted, decoded: what the compare view splits at a moment the reader picks
 * (report/aggregate/compare-mark.ts). Reads only.
 */
import type { UpstreamDb } from './db.js';
import { hostFacts, visitFacts } from './rows-to-facts.js';
import type { HostFacts, IpFacts, VisitFacts } from './visit-facts.js';

export interface SiteVisits {
  visits: VisitFacts[];
  hosts: Map<number, HostFacts>;
  ips: Map<number, IpFacts>;
}

/** The site's visits that started in [from, to), oldest first. */
export async function siteVisits(db: UpstreamDb, site: string, from: number, to: number): Promise<SiteVisits> {
  const rows = (await db.visits.where('s').equals(site).toArray()).filter((v) => v.t >= from && v.t < to).sort((x, y) => x.t - y.t);
  const hostIds = [...new Set(rows.flatMap((v) => [v.h, ...v.d]))];
  const ipIds = [...new Set(rows.flatMap((v) => v.ip))];
  const [hostRows, ipRows] = await Promise.all([db.hosts.bulkGet(hostIds), db.ips.bulkGet(ipIds)]);
  const hosts = new Map<number, HostFacts>();
  hostRows.forEach((row) => row && hosts.set(row.id!, hostFacts(row)));
  const ips = new Map<number, IpFacts>();
  ipRows.forEach((row) => row && ips.set(row.id!, row));
  return { visits: rows.map(visitFacts), hosts, ips };
}
