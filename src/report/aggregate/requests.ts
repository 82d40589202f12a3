/**
 * Request counts of a period from the daily roll-ups (one row per day, page site and
 * host): by observer, by site, and per day split by where the receiving company answers
 * to. Requests, unlike page visits, are counted one by one.
 */
import { isThirdPartyOn, observerKey } from '../../store/observers.js';
import type { DailyFacts, HostFacts, HostTable } from '../../store/visit-facts.js';
import { blocOf, type Bloc } from '../../classify/country-groups.js';

interface RequestTotals {
  requests: number;
  clear: number;
  cookies: number;
  referrer: number;
  failed: number;
}

interface ObserverRequests extends RequestTotals {
  /** registrable domains of the observer that received them */
  domains: Set<string>;
  /** hosts of the observer */
  hosts: Set<string>;
  /** its hosts behind a site's own name (host name → what it is an alias of: docs/cname-uncloaking.md) */
  cloaked: Map<string, string>;
}

interface SiteRequests extends RequestTotals {
  thirdParty: number;
  /** third-party requests that reached a company under US jurisdiction */
  usThirdParty: number;
  /** its own hosts a tracker's network served (host name → that company), flagged and not re-attributed */
  trackerNetworks: Map<string, string>;
  /** its own names that are a tracker's in disguise (host name → the company it is counted as) */
  cloaked: Map<string, string>;
}

export interface RequestFigures {
  byObserver: Map<string, ObserverRequests>;
  bySite: Map<string, SiteRequests>;
  /** host name → requests */
  byHost: Map<string, number>;
  /** day → third-party requests by where their company answers to */
  byDay: Map<string, Record<Bloc, number>>;
  total: RequestTotals;
}

const zero = (): RequestTotals => ({ requests: 0, clear: 0, cookies: 0, referrer: 0, failed: 0 });

function add(into: RequestTotals, row: DailyFacts): void {
  into.requests += row.requests;
  into.clear += row.clear;
  into.cookies += row.cookies;
  into.referrer += row.referrer;
  into.failed += row.failed;
}

/** The site's own host verdict, if any of its hosts was contacted (it names the site's company). */
function ownHosts(rows: readonly DailyFacts[], hosts: HostTable): Map<string, HostFacts> {
  const own = new Map<string, HostFacts>();
  for (const row of rows) {
    const host = hosts.get(row.host);
    // A tracker behind the site's name is not the site.
    if (host && host.domain === row.site && !host.cloaked && !own.has(row.site)) own.set(row.site, host);
  }
  return own;
}

export function requestFigures(rows: readonly DailyFacts[], hosts: HostTable): RequestFigures {
  const own = ownHosts(rows, hosts);
  const byObserver = new Map<string, ObserverRequests>();
  const bySite = new Map<string, SiteRequests>();
  const byHost = new Map<string, number>();
  const byDay = new Map<string, Record<Bloc, number>>();
  const total = zero();
  for (const row of rows) {
    add(total, row);
    const host = hosts.get(row.host);
    let site = bySite.get(row.site);
    if (!site) bySite.set(row.site, (site = { ...zero(), thirdParty: 0, usThirdParty: 0, trackerNetworks: new Map(), cloaked: new Map() }));
    add(site, row);
    // Requests stopped before they went out (an ad blocker's) reached nobody: they are
    // recorded requests of the site, and no one's requests received.
    const reached = row.requests - (row.blocked ?? 0);
    if (!host || reached <= 0) continue;
    const key = observerKey(host);
    let observer = byObserver.get(key);
    if (!observer) byObserver.set(key, (observer = { ...zero(), domains: new Set(), hosts: new Set(), cloaked: new Map() }));
    add(observer, row);
    // Its own: what reached it (stopped requests are all failed ones).
    observer.requests -= row.requests - reached;
    observer.failed -= row.requests - reached;
    observer.domains.add(host.domain);
    byHost.set(host.name, (byHost.get(host.name) ?? 0) + reached);
    observer.hosts.add(host.name);
    if (host.cloaked) observer.cloaked.set(host.name, host.canonicalName ?? '');
    if (host.cloaked && host.domain === row.site) site.cloaked.set(host.name, host.company ?? host.canonicalName ?? '');
    if (host.trackerNetwork && host.domain === row.site) site.trackerNetworks.set(host.name, host.trackerNetwork);
    // Requests sent with no page have no site to be a third party of.
    if (!row.site || !isThirdPartyOn(host, row.site, own.get(row.site))) continue;
    site.thirdParty += reached;
    const bloc = blocOf(host.jurisdiction);
    if (bloc === 'us') site.usThirdParty += reached;
    let day = byDay.get(row.day);
    if (!day) byDay.set(row.day, (day = { us: 0, eu: 0, other: 0, unknown: 0 }));
    day[bloc] += reached;
  }
  return { byObserver, bySite, byHost, byDay, total };
}
