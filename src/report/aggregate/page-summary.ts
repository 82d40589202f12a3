/**
 * What one page visit sent where: the third parties it contacted and the companies behind
 * them, the jurisdictions they answer to and who hosted them, the countries its requests
 * went to, and what went out in clear text.
 */
import type { HostTable, IpFacts, IpTable, RequestFacts, VisitFacts } from '../../store/visit-facts.js';
import { answeredPlaces, type AnsweredPlace, type ServerUse } from './servers.js';
import { isUsJurisdiction, observerOf, type Observer } from '../../store/observers.js';

export interface PageObserver extends Observer {
  /** registrable domains of this organisation the page contacted */
  domains: string[];
  trackers: { name: string; category: string }[];
  requests: number;
  /** where its servers answered from, best evidence first (servers.ts, answeredPlaces) */
  answered: AnsweredPlace[];
  /** its hosts the page loaded under the site's own name (cloaked: docs/cname-uncloaking.md) */
  cloaked: string[];
  /** who operated the servers its requests reached, most requests first (networks with no known operator left out) */
  hosting: PageHosting[];
}

/** A hosting operator of the page, with the organisations (their names, most requests first) whose requests its servers answered. */
interface PageHost extends PageHosting {
  companies: string[];
}

/** A hosting operator (classify/hosting.ts) and the requests of one organisation its servers answered. */
interface PageHosting {
  operator: string;
  jurisdiction: string | null;
  requests: number;
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
  /** who hosted the organisations, most requests first: each operator with the organisations it answered for */
  hosts: PageHost[];
  /** where the servers stood, most requests first */
  countries: PageCountry[];
  /** requests whose server country is unknown (no IP: cache, failure, recovered) */
  unlocatedRequests: number;
  clearText: number;
  /** the site's own hosts a tracker's network served (flagged, still the site's own), with that company */
  trackerNetworks: { host: string; operator: string }[];
  failed: number;
  /** of the failed, stopped before they went out (an ad blocker, a failed lookup): they reached nobody */
  stopped: number;
}

export function summarisePage(visit: VisitFacts, requests: readonly RequestFacts[], hosts: HostTable, ips: IpTable): PageSummary {
  const companies = new Map<string, PageObserver>();
  const networks = new Map<string, string>();
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
    if (host?.trackerNetwork && host.domain === visit.site && !networks.has(host.name)) networks.set(host.name, host.trackerNetwork);
    if (!host || !(request.thirdParty || host.cloaked === true)) continue;
    thirdPartyRequests++;
    // A request stopped before it went out (an ad blocker's) told its receiver nothing.
    if (!request.reached) continue;
    // A cloaked host's domain is the site's: the host itself stands for the tracker's domain.
    domains.add(host.cloaked ? host.name : host.domain);
    const observer = observerOf(host);
    let entry = companies.get(observer.key);
    if (!entry)
      companies.set(
        observer.key,
        (entry = { ...observer, domains: [], trackers: [], requests: 0, cloaked: [], hosting: [], answered: [] }),
      );
    entry.requests++;
    if (host.cloaked && !entry.cloaked.includes(host.name)) entry.cloaked.push(host.name);
    addHosting(entry.hosting, request.ip ? ips.get(request.ip) : undefined);
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
    entry.hosting.sort((a, b) => b.requests - a.requests || a.operator.localeCompare(b.operator));
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
    hosts: hostsOf(list),
    countries: [...countries]
      .map(([country, count]) => ({ country, requests: count }))
      .sort((a, b) => b.requests - a.requests || a.country.localeCompare(b.country)),
    unlocatedRequests: unlocated,
    clearText: clear,
    trackerNetworks: [...networks].map(([host, operator]) => ({ host, operator })),
    failed,
    stopped,
  };
}

/** Counts a request under the operator of the server that answered it, when the operator is known. */
function addHosting(hosting: PageHosting[], ip: IpFacts | undefined): void {
  const operator = ip?.operator;
  if (!operator) return;
  const entry = hosting.find((h) => h.operator === operator);
  if (entry) entry.requests++;
  else hosting.push({ operator, jurisdiction: ip.operatorJurisdiction ?? null, requests: 1 });
}

/** The page's hosting operators from its organisations' (already in order): who hosted whom. */
function hostsOf(companies: readonly PageObserver[]): PageHost[] {
  const hosts = new Map<string, PageHost>();
  for (const company of companies)
    for (const h of company.hosting) {
      const host = hosts.get(h.operator);
      if (host) {
        host.requests += h.requests;
        host.companies.push(company.name);
      } else hosts.set(h.operator, { ...h, companies: [company.name] });
    }
  return [...hosts.values()].sort((a, b) => b.requests - a.requests || a.operator.localeCompare(b.operator));
}
