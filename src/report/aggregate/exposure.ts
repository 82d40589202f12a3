/**
 * The headline figures of a period (definitions: docs/report-figures.md). Each reach is a
 * share of the page visits shown in the period: a visit counts when at least one of its
 * requests reached such a company or server. Computed from hour roll-ups, so the same code
 * serves the stored roll-ups (popup, report) and visits folded on the spot (tests, imports).
 */
import { buildRollups } from '../../store/visit-rollup-build.js';
import type { VisitRollupRow } from '../../store/visit-rollup.js';
import type { Observer } from '../../store/observers.js';
import { isShownVisit, type HostTable, type IpTable, type VisitFacts } from '../../store/visit-facts.js';
import { periodRange, sliceOf, slicesOver, type Period, type Range, type Slices } from './period.js';

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
  /** start (inclusive) and end (exclusive) */
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
  /** countries whose law the companies reached answer to, most visits first */
  jurisdictions: CountryReach[];
  /** reach of each grouping: "s:<group>" a server in it, "j:<group>" a company under it (five-eyes, fourteen-eyes, eu-eea) */
  groups: Record<string, Reach>;
  trend: { slices: Slices; points: TrendSlice[] };
}

const share = (count: number, total: number): number | null => (total > 0 ? count / total : null);

const GROUP_KEYS = ['five-eyes', 'fourteen-eyes', 'eu-eea'].flatMap((group) => [`s:${group}`, `j:${group}`]);

function byVisits(counts: Map<string, number>, total: number): CountryReach[] {
  return [...counts].map(([country, count]) => ({ country, visits: count, share: count / total }))
    .sort((a, b) => b.visits - a.visits || a.country.localeCompare(b.country));
}

/** Median of a multiset given as value → count. */
function histogramMedian(hist: Map<number, number>): number | null {
  const total = [...hist.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const values = [...hist.keys()].sort((a, b) => a - b);
  const at = (rank: number) => {
    let seen = 0;
    for (const value of values) if ((seen += hist.get(value)!) > rank) return value;
    return values[values.length - 1]!;
  };
  return total % 2 ? at(total >> 1) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

interface ObserverSum {
  observer: Observer;
  visits: number;
  sites: Set<string>;
  categories: Set<string>;
}

/** The figures of the hour roll-ups that start within `range`, trend over `slices`. */
export function exposureFromHours(range: Range, slices: Slices, allRows: Iterable<VisitRollupRow>): Exposure {
  const points: TrendSlice[] = slices.starts.map((start) => ({ start, visits: 0, usVisits: 0 }));
  const sites = new Set<string>();
  const observers = new Map<string, ObserverSum>();
  const countries = new Map<string, number>();
  const jurisdictions = new Map<string, number>();
  const groups = new Map<string, number>();
  const hist = new Map<number, number>();
  let visits = 0, us = 0, prism = 0, upstream = 0, tracker = 0, requests = 0, clear = 0;
  for (const row of allRows) {
    if (row.h < range.from || row.h >= range.to) continue;
    visits += row.v;
    us += row.us;
    prism += row.prism;
    upstream += row.up;
    tracker += row.tr;
    requests += row.n;
    clear += row.x;
    for (const site in row.sites) sites.add(site);
    for (const count in row.hist) hist.set(Number(count), (hist.get(Number(count)) ?? 0) + row.hist[count]!);
    for (const country in row.co) countries.set(country, (countries.get(country) ?? 0) + row.co[country]!);
    for (const country in row.ju) jurisdictions.set(country, (jurisdictions.get(country) ?? 0) + row.ju[country]!);
    for (const group in row.grp) groups.set(group, (groups.get(group) ?? 0) + row.grp[group]!);
    for (const key in row.obs) {
      const tally = row.obs[key]!;
      let sum = observers.get(key);
      if (!sum) {
        const { name, known, parent, jurisdiction, prism: isPrism } = tally;
        observers.set(key, (sum = { observer: { key, name, known, parent, jurisdiction, prism: isPrism }, visits: 0, sites: new Set(), categories: new Set() }));
      }
      sum.visits += tally.v;
      for (const site in tally.sites) sum.sites.add(site);
      for (const category in tally.cat) sum.categories.add(category);
    }
    const slice = sliceOf(slices, row.h);
    if (slice >= 0) {
      points[slice]!.visits += row.v;
      points[slice]!.usVisits += row.us;
    }
  }
  const reach = (count: number): Reach => ({ visits: count, share: share(count, visits) });
  const ranked = [...observers.values()]
    .map(({ observer, visits: count, sites: seenOn, categories }): ObserverReach => ({
      ...observer, sites: seenOn.size, siteShare: seenOn.size / sites.size, visits: count, categories: [...categories].sort(),
    }))
    .sort((a, b) => b.sites - a.sites || b.visits - a.visits || a.name.localeCompare(b.name));
  return {
    period: null, from: range.from, to: range.to, visits, sites: sites.size,
    usReach: reach(us), prismReach: reach(prism), upstreamReach: reach(upstream), trackerReach: reach(tracker),
    topObserver: ranked.find((o) => o.known) ?? null,
    observersPerPage: histogramMedian(hist),
    clearText: { requests, clear, share: share(clear, requests) },
    observers: ranked,
    countries: byVisits(countries, visits),
    jurisdictions: byVisits(jurisdictions, visits),
    groups: Object.fromEntries(GROUP_KEYS.map((key) => [key, reach(groups.get(key) ?? 0)])),
    trend: { slices, points },
  };
}

/** The figures of any range over visits folded on the spot (figures are per hour: the range should start and end on an hour). */
export function exposureIn(range: Range, slices: Slices, visits: readonly VisitFacts[], hosts: HostTable, ips: IpTable): Exposure {
  const inRange = visits.filter((v) => v.t >= range.from && v.t < range.to);
  return exposureFromHours(range, slices, buildRollups(inRange, hosts, ips).values());
}

/** The figures of one of the popup's periods, ending with the current hour. */
export function exposureOf(period: Period, now: number, visits: readonly VisitFacts[], hosts: HostTable, ips: IpTable): Exposure {
  const earliest = visits.reduce<number | null>((min, v) => (isShownVisit(v) && v.t <= now && (min === null || v.t < min) ? v.t : min), null);
  const range = periodRange(period, now, earliest);
  return { ...exposureIn(range, slicesOver(range), visits, hosts, ips), period };
}
