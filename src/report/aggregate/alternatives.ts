/**
 * Which services of the alternatives table (knowledge/data/alternatives.json) the period's
 * pages used, and on which sites: hosts that decide alone are counted from the daily
 * roll-ups, hosts shared by several services (www.google.com) from the paths of the raw
 * requests. Most sites first.
 */
import table from '../../knowledge/data/alternatives.json' with { type: 'json' };
import { ServiceMatcher, type ServiceRule } from '../../classify/service-match.js';
import type { PathUse } from '../../store/service-paths.js';
import type { DailyFacts, HostTable } from '../../store/visit-facts.js';

export interface ServiceEntry {
  id: string;
  /** its name */
  service: string;
  match: readonly ServiceRule[];
  /** host names of the services recommended instead */
  alternatives: readonly string[];
  source: string;
}

interface ServiceSite {
  site: string;
  requests: number;
}

export interface ServiceSeen extends ServiceEntry {
  requests: number;
  /** the page sites that used it, most requests first */
  sites: ServiceSite[];
  /** the hosts that matched */
  hosts: string[];
  /** where the companies behind those hosts answer to, as classified when recorded */
  jurisdictions: string[];
}

export const SERVICES: readonly ServiceEntry[] = table.services;
export const SERVICE_MATCHER = new ServiceMatcher(SERVICES);

/** The messages that say what a person can do, and what a site can use instead. */
export const personMessage = (id: string): string => `alt_${id.replace(/-/g, '_')}_person`;
export const ownerMessage = (id: string): string => `alt_${id.replace(/-/g, '_')}_owner`;

/** One recorded request as an opened export has it: enough to count its path. */
export interface RequestPath {
  time: number;
  /** host id */
  host: number;
  site: string | null;
  path: string;
}

/** Path uses of the requests of an opened export, from `from` (included) to `to` (excluded), to the hosts that need a path. */
export function pathUsesOf(
  requests: readonly RequestPath[],
  hosts: HostTable,
  from: number,
  to: number,
  matcher = SERVICE_MATCHER,
): PathUse[] {
  const uses = new Map<string, PathUse>();
  for (const request of requests) {
    const host = hosts.get(request.host);
    if (!host || request.site === null || request.time < from || request.time >= to || !matcher.needsPath(host.name)) continue;
    const key = `${request.site}\n${host.name}\n${request.path}`;
    const use = uses.get(key);
    if (use) use.requests++;
    else uses.set(key, { site: request.site, host: host.name, path: request.path, requests: 1 });
  }
  return [...uses.values()];
}

interface Tally {
  requests: number;
  sites: Map<string, number>;
  hosts: Set<string>;
  jurisdictions: Set<string>;
}

export function servicesSeen(
  daily: readonly DailyFacts[],
  hosts: HostTable,
  paths: readonly PathUse[],
  services: readonly ServiceEntry[] = SERVICES,
  matcher = SERVICE_MATCHER,
): ServiceSeen[] {
  const tallies = new Map<string, Tally>();
  const jurisdictionOf = new Map([...hosts.values()].map((h) => [h.name, h.jurisdiction]));
  const count = (id: string | null, site: string, host: string, requests: number) => {
    if (id === null || requests <= 0) return;
    let tally = tallies.get(id);
    if (!tally) tallies.set(id, (tally = { requests: 0, sites: new Map(), hosts: new Set(), jurisdictions: new Set() }));
    tally.requests += requests;
    tally.sites.set(site, (tally.sites.get(site) ?? 0) + requests);
    tally.hosts.add(host);
    const jurisdiction = jurisdictionOf.get(host);
    if (jurisdiction) tally.jurisdictions.add(jurisdiction);
  };
  for (const row of daily) {
    const host = hosts.get(row.host);
    // A host that needs its path is counted from the paths below, never by host.
    if (host && !matcher.needsPath(host.name)) count(matcher.serviceOf(host.name, null), row.site, host.name, row.requests);
  }
  for (const use of paths) if (matcher.needsPath(use.host)) count(matcher.serviceOf(use.host, use.path), use.site, use.host, use.requests);
  const seen: ServiceSeen[] = [];
  for (const service of services) {
    const tally = tallies.get(service.id);
    if (!tally) continue;
    seen.push({
      ...service,
      requests: tally.requests,
      sites: [...tally.sites]
        .map(([site, requests]) => ({ site, requests }))
        .sort((a, b) => b.requests - a.requests || a.site.localeCompare(b.site)),
      hosts: [...tally.hosts].sort(),
      jurisdictions: [...tally.jurisdictions].sort(),
    });
  }
  return seen.sort((a, b) => b.sites.length - a.sites.length || b.requests - a.requests || a.service.localeCompare(b.service));
}
