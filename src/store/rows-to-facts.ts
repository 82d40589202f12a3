/** Stored rows decoded to the named facts the figures read (visit-facts.ts). */
import type { DailyIpRow, DailyRow, HostRow, VisitRow } from './schema.js';
import type { DailyFacts, DailyIpFacts, HostFacts, VisitFacts } from './visit-facts.js';

export function visitFacts(row: VisitRow): VisitFacts {
  return {
    id: row.id,
    time: row.t,
    site: row.s,
    host: row.h,
    shown: row.c === 1,
    prerender: row.pr !== 0,
    inferred: row.inf === 1,
    hosts: row.d,
    ips: row.ip,
    requests: row.n,
    clearText: row.x ?? 0,
    ...(row.lc === undefined ? {} : { answered: row.lc }),
    ...(row.lu === undefined ? {} : { unlocated: row.lu }),
  };
}

export function hostFacts(row: HostRow): HostFacts {
  return {
    name: row.n,
    domain: row.d,
    company: row.company,
    parent: row.parent,
    jurisdiction: row.jurisdiction,
    prism: row.prism,
    tracker: row.tracker,
    canonicalName: row.cname ?? null,
    cloaked: row.cloaked === true,
    trackerNetwork: row.trackerNetwork ?? null,
  };
}

/** Host rows by id, decoded. */
export function hostTable(rows: Iterable<HostRow>): Map<number, HostFacts> {
  const table = new Map<number, HostFacts>();
  for (const row of rows) table.set(row.id!, hostFacts(row));
  return table;
}

export function dailyFacts(row: DailyRow): DailyFacts {
  return {
    day: row.day,
    site: row.site,
    host: row.host,
    requests: row.n,
    clear: row.clear,
    cookies: row.cookies,
    referrer: row.referrer,
    failed: row.failed,
    ...(row.blocked === undefined ? {} : { blocked: row.blocked }),
  };
}

export function dailyIpFacts(row: DailyIpRow): DailyIpFacts {
  return { day: row.day, site: row.site, host: row.host, ip: row.ip, requests: row.n };
}
