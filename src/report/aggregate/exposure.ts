/**
 * The headline figures of a period (see docs/report-figures.md for their definitions).
 * Each reach is a share of the page visits shown in the period: a visit counts when at
 * least one of its requests reached such a company or server.
 */
import { isShownVisit, type HostTable, type IpTable, type VisitFacts } from './facts.js';
import { isUsJurisdiction, median, observerOf, observes, thirdPartyObservers, type Observer } from './observers.js';
import { periodStart, sliceOf, slicesFor, type Period, type Range, type Slices } from './period.js';

export interface Reach {
  /** page visits it applies to */
  visits: number;
  /** share of the period's page visits, 0..1; null when there were none */
  share: number | null;
}

export interface ObserverReach extends Observer {
  /** sites on whose pages it received at least one request */
  sites: number;
  /** share of the period's sites, 0..1 */
  siteShare: number;
  /** page visits on which it received at least one request */
  visits: number;
  categories: string[];
}

export interface CountryReach {
  /** ISO 3166-1 alpha-2 */
  country: string;
  visits: number;
  share: number;
}

export interface TrendSlice {
  start: number;
  visits: number;
  /** visits that reached a company under US jurisdiction */
  usVisits: number;
}

export interface Exposure {
  /** the popup's period; null for any other range */
  period: Period | null;
  from: number;
  to: number;
  visits: number;
  sites: number;
  usReach: Reach;
  prismReach: Reach;
  upstreamReach: Reach;
  trackerReach: Reach;
  /** the known company present on the largest share of sites */
  topObserver: ObserverReach | null;
  /** median of distinct third-party observers per page visit */
  observersPerPage: number | null;
  clearText: { requests: number; clear: number; share: number | null };
  /** every observer, most sites first */
  observers: ObserverReach[];
  /** server countries, most visits first */
  countries: CountryReach[];
  trend: { slices: Slices; points: TrendSlice[] };
}

interface Tally {
  observer: Observer;
  sites: Set<string>;
  visits: number;
  categories: Set<string>;
}

const share = (count: number, total: number): number | null => (total > 0 ? count / total : null);

/** The figures of one of the popup's periods, ending now. */
export function exposureOf(period: Period, now: number, allVisits: readonly VisitFacts[], hosts: HostTable, ips: IpTable): Exposure {
  const from = periodStart(period, now);
  const inPeriod = allVisits.filter((v) => isShownVisit(v) && v.t >= from && v.t <= now);
  const earliest = inPeriod.reduce<number | null>((min, v) => (min === null || v.t < min ? v.t : min), null);
  return { ...exposureIn({ from, to: now }, slicesFor(period, now, earliest), inPeriod, hosts, ips), period };
}

/** The figures of any range (the report page's day, week, month or custom range), trend over `slices`. */
export function exposureIn(range: Range, slices: Slices, allVisits: readonly VisitFacts[], hosts: HostTable, ips: IpTable): Exposure {
  const { from, to: now } = range;
  const visits = allVisits.filter((v) => isShownVisit(v) && v.t >= from && v.t <= now);
  const points: TrendSlice[] = Array.from({ length: slices.count }, (_, i) => ({ start: slices.from + i * slices.width, visits: 0, usVisits: 0 }));
  const sites = new Set<string>();
  const tallies = new Map<string, Tally>();
  const countries = new Map<string, number>();
  const perPage: number[] = [];
  let us = 0, prism = 0, upstream = 0, tracker = 0, requests = 0, clear = 0;

  for (const visit of visits) {
    sites.add(visit.s);
    let reachedUs = false, reachedPrism = false, reachedTracker = false;
    const seen = new Set<string>();
    const page = hosts.get(visit.h);
    for (const id of visit.d) {
      const host = hosts.get(id);
      if (!host) continue;
      reachedUs ||= isUsJurisdiction(host);
      reachedPrism ||= host.prism;
      reachedTracker ||= host.tracker !== null;
      if (!observes(host, visit.s, page)) continue;
      const observer = observerOf(host);
      let tally = tallies.get(observer.key);
      if (!tally) tallies.set(observer.key, (tally = { observer, sites: new Set(), visits: 0, categories: new Set() }));
      tally.sites.add(visit.s);
      if (host.tracker) tally.categories.add(host.tracker.category);
      if (!seen.has(observer.key)) {
        seen.add(observer.key);
        tally.visits++;
      }
    }
    const visitCountries = new Set<string>();
    for (const id of visit.ip) {
      const country = ips.get(id)?.country;
      if (country) visitCountries.add(country);
    }
    for (const country of visitCountries) countries.set(country, (countries.get(country) ?? 0) + 1);
    if (reachedUs) us++;
    if (reachedPrism) prism++;
    if (reachedTracker) tracker++;
    if (visitCountries.has('US')) upstream++;
    perPage.push(thirdPartyObservers(visit, hosts).size);
    requests += visit.n;
    clear += visit.x ?? 0;
    const slice = sliceOf(slices, visit.t);
    if (slice >= 0) {
      points[slice]!.visits++;
      if (reachedUs) points[slice]!.usVisits++;
    }
  }

  const total = visits.length;
  const reach = (count: number): Reach => ({ visits: count, share: share(count, total) });
  const observers = [...tallies.values()]
    .map(({ observer, sites: seenOn, visits: count, categories }): ObserverReach => ({
      ...observer, sites: seenOn.size, siteShare: seenOn.size / sites.size, visits: count, categories: [...categories].sort(),
    }))
    .sort((a, b) => b.sites - a.sites || b.visits - a.visits || a.name.localeCompare(b.name));
  return {
    period: null, from, to: now, visits: total, sites: sites.size,
    usReach: reach(us), prismReach: reach(prism), upstreamReach: reach(upstream), trackerReach: reach(tracker),
    topObserver: observers.find((o) => o.known) ?? null,
    observersPerPage: median(perPage),
    clearText: { requests, clear, share: share(clear, requests) },
    observers,
    countries: [...countries].map(([country, count]) => ({ country, visits: count, share: count / total }))
      .sort((a, b) => b.visits - a.visits || a.country.localeCompare(b.country)),
    trend: { slices, points },
  };
}
