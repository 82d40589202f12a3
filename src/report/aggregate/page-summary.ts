/**
 * What one page visit sent where: the third parties it contacted and the companies behind
 * them, the jurisdictions they answer to, the countries its requests went to, and what
 * went out in clear text.
 */
import type { HostTable, IpTable, RequestFacts, VisitFacts } from '../../store/visit-facts.js';
import { answeredPlaces, type AnsweredPlace, type ServerUse } from './servers.js';
import { isUsJurisdiction, observerOf, type Observer } from '../../store/observers.js';

export interface PageObserver extends Observer {
  /** registrable domains of this organisation the page contacted */
  domains: string[];
  trackers: { name: string; category: string }[];
  requests: number;
  /** where its servers answered from, best evidence first (servers.ts, answeredPlaces) */
  answered: AnsweredPlace[];
}

interface PageCountry {
  country: string;
  requests: number;
}

export interface PageSummary {
  visitId: number;
  site: string;
  /** when the visit started */
  time: number;
  requests: number;
  thirdPartyRequests: number;
  /** distinct registrable domains reached as third parties */
  thirdParties: number;
  /** organisations behind the third parties, most requests first */
  companies: PageObserver[];
  /** of those, under US jurisdiction */
  usCompanies: number;
  /** of those, PRISM providers (or owned by one) */
  prismCompanies: string[];
  /** where the servers stood, most requests first */
  countries: PageCountry[];
  /** requests whose server country is unknown (no IP: cache, failure, recovered) */
  unlocatedRequests: number;
  clearText: number;
  failed: number;
  /** of the failed, stopped before they went out (an ad blocker, a failed lookup): they reached nobody */
  stopped: number;
}

export function summarisePage(visit: VisitFacts, requests: readonly RequestFacts[], hosts: HostTable, ips: IpTable): PageSummary {
  const companies = new Map<string, PageObserver>();
  const uses = new Map<string, ServerUse[]>();
  const domains = new Set<string>();
  const countries = new Map<string, number>();
  let thirdPartyRequests = 0,
    unlocated = 0,
    clear = 0,
    failed = 0,
    stopped = 0;
  for (const request of requests) {
    if (request.cleartext) clear++;
    if (request.failed) failed++;
    if (!request.reached) stopped++;
    const country = request.ip ? ips.get(request.ip)?.country : null;
    if (country) countries.set(country, (countries.get(country) ?? 0) + 1);
    else unlocated++;
    const host = hosts.get(request.host);
    if (!request.thirdParty || !host) continue;
    thirdPartyRequests++;
    // A request stopped before it went out (an ad blocker's) told its receiver nothing.
    if (!request.reached) continue;
    domains.add(host.domain);
    const observer = observerOf(host);
    let entry = companies.get(observer.key);
    if (!entry) companies.set(observer.key, (entry = { ...observer, domains: [], trackers: [], requests: 0, answered: [] }));
    entry.requests++;
    if (request.ip) {
      const use: ServerUse = { host: request.host, ip: request.ip, n: 1, ...(request.edge ? { edges: { [request.edge]: 1 } } : {}) };
      const list = uses.get(observer.key);
      if (list) list.push(use);
      else uses.set(observer.key, [use]);
    }
    if (!entry.domains.includes(host.domain)) entry.domains.push(host.domain);
    if (host.tracker && !entry.trackers.some((t) => t.name === host.tracker!.name)) entry.trackers.push(host.tracker);
  }
  for (const [key, entry] of companies) {
    const used = uses.get(key) ?? [];
    entry.answered = answeredPlaces(used, new Set(used.map((use) => use.host)), ips).places;
  }
  const list = [...companies.values()].sort((a, b) => b.requests - a.requests || a.name.localeCompare(b.name));
  return {
    visitId: visit.id,
    site: visit.site,
    time: visit.time,
    requests: requests.length,
    thirdPartyRequests,
    thirdParties: domains.size,
    companies: list,
    usCompanies: list.filter(isUsJurisdiction).length,
    prismCompanies: list.filter((c) => c.prism).map((c) => c.name),
    countries: [...countries]
      .map(([country, count]) => ({ country, requests: count }))
      .sort((a, b) => b.requests - a.requests || a.country.localeCompare(b.country)),
    unlocatedRequests: unlocated,
    clearText: clear,
    failed,
    stopped,
  };
}
