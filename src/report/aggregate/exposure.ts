/**
 * The headline figures of a period (definitions: docs/report-figures.md). Each reach is a
 * share of the page visits shown in the period: a visit counts when at least one of its
 * requests reached such a company or server. Computed from hour roll-ups, so the same code
 * serves the stored roll-ups (popup, report) and visits folded on the spot (tests, imports).
 */
import { buildRollups } from '../../store/visit-rollup-build.js';
import type { PackedRollup, VisitRollupRow } from '../../store/visit-rollup.js';
import { ExposureTally } from './exposure-tally.js';
import { walkPackedRollup, walkRollup } from '../../store/visit-rollup-walk.js';
import type { Observer } from '../../store/observers.js';
import { FIGURES, type FigureKey, type ReachKey } from '../../store/figures.js';
import { isShownVisit, type HostTable, type IpTable, type VisitFacts } from '../../store/visit-facts.js';
import { periodRange, slicesOver, type Period, type Range, type Slices } from './period.js';
import type { UnknownReason } from './unknown-figure.js';

export interface Reach {
  /** page visits it applies to */
  visits: number;
  /** share of the period's page visits, 0..1; null when unknown */
  share: number | null;
  /** why the share is unknown (no page visit, no server location or operator known), or null when it is known */
  unknown: UnknownReason | null;
  /**
   * A reach known from where servers answered (store/figures.ts, isServerReach): the page
   * visits it may miss, on which a server answered from a place only its address's registry
   * tells, and none from a place the figure counts.
   */
  undetermined?: number;
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

/** A period's figures: one Reach per reach figure of store/figures.ts (usReach, prismReach…), then the others. */
export interface Exposure extends Record<ReachKey, Reach> {
  /** the popup's period; null for any other range */
  period: Period | null;
  /** start (inclusive) and end (exclusive) */
  from: number;
  to: number;
  visits: number;
  sites: number;
  /** the known company present on the largest share of sites */
  topObserver: ObserverReach | null;
  /** median of distinct third-party observers per page visit */
  observersPerPage: number | null;
  clearText: { requests: number; clear: number; share: number | null; unknown: UnknownReason | null };
  /** every observer, most sites first */
  observers: ObserverReach[];
  /** server countries, most visits first */
  countries: CountryReach[];
  /** countries whose law the companies reached answer to, most visits first */
  jurisdictions: CountryReach[];
  /** countries whose law the companies operating the servers reached answer to (hosting operators), most visits first */
  hostedUnder: CountryReach[];
  /**
   * reach of each grouping (classify/country-groups.ts's GROUPS): "s:<group>" a server in it
   * (unknown as upstreamReach is), "j:<group>" a company under it, "h:<group>" a server whose
   * hosting operator is under it (unknown as usHostedReach is)
   */
  groups: Record<string, Reach>;
  trend: { slices: Slices; points: TrendSlice[] };
}

/** Each headline figure's value (store/figures.ts, in its order): a share, or the median of observers; null when unknown. */
export function figureValues(e: Exposure): Record<FigureKey, number | null> {
  const value = (key: FigureKey): number | null =>
    key === 'observersPerPage' ? e.observersPerPage : key === 'clearText' ? e.clearText.share : e[key].share;
  return Object.fromEntries(FIGURES.map((figure) => [figure.key, value(figure.key)])) as Record<FigureKey, number | null>;
}

/** The figures of the hour (or day) roll-ups that start within `range`, trend over `slices`. */
export function exposureFromHours(range: Range, slices: Slices, rows: Iterable<VisitRollupRow>): Exposure {
  const tally = new ExposureTally(range, slices);
  for (const row of rows) walkRollup(row, tally);
  return tally.result();
}

/** The same from rows as stored, left packed (store/queries.ts's packedRollupsBetween): what the popup reads. */
export function exposureFromPacked(range: Range, slices: Slices, rows: Iterable<PackedRollup>): Exposure {
  const tally = new ExposureTally(range, slices);
  for (const row of rows) walkPackedRollup(row, tally);
  return tally.result();
}

/** The figures of any range over visits folded on the spot (figures are per hour: the range should start and end on an hour). */
export function exposureIn(range: Range, slices: Slices, visits: readonly VisitFacts[], hosts: HostTable, ips: IpTable): Exposure {
  const inRange = visits.filter((v) => v.time >= range.from && v.time < range.to);
  return exposureFromHours(range, slices, buildRollups(inRange, hosts, ips).values());
}

/** The figures of one of the popup's periods, ending with the current hour. */
export function exposureOf(period: Period, now: number, visits: readonly VisitFacts[], hosts: HostTable, ips: IpTable): Exposure {
  const earliest = visits.reduce<number | null>(
    (min, v) => (isShownVisit(v) && v.time <= now && (min === null || v.time < min) ? v.time : min),
    null,
  );
  const range = periodRange(period, now, earliest);
  return { ...exposureIn(range, slicesOver(range), visits, hosts, ips), period };
}
