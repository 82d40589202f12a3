/**
 * Sums roll-up rows into a period's figures (exposure.ts), as store/visit-rollup-walk.ts
 * walks them. Rows come in two forms that carry the same counts: decoded objects (the report
 * page, visits folded on the spot) and the packed arrays a stored row holds (the popup,
 * which reads them straight from the store: rebuilding a week of day rows as objects took it
 * longer than summing them, see test/bench/popup-render.bench.ts). Sites get a number when
 * first seen, so that each observer's sites are a set of small integers however many rows
 * mention them.
 */
import { GROUPS } from '../../classify/country-groups.js';
import { isOperatorReach, isServerReach, REACH_FIGURES, type ReachKey } from '../../store/figures.js';
import type { Observer } from '../../store/observers.js';
import { COUNTS, type RollupReader } from '../../store/visit-rollup-walk.js';
import { ANSWERS_LOCATED, ANSWERS_UNKNOWN } from '../../store/visit-summary.js';
import type { CountryReach, Exposure, ObserverReach, Reach, TrendSlice } from './exposure.js';
import { sliceOf, type Range, type Slices } from './period.js';
import type { UnknownReason } from './unknown-figure.js';

interface ObserverSum {
  observer: Observer;
  visits: number;
  sites: Set<number>;
  categories: Set<string>;
}

const GROUP_KEYS = GROUPS.flatMap((group) => [`s:${group}`, `j:${group}`, `h:${group}`]);
const REACHES = REACH_FIGURES.length;
/** The trend draws US reach. */
const US = REACH_FIGURES.findIndex((figure) => figure.key === 'usReach');

const collator = new Intl.Collator();

const share = (count: number, total: number): number | null => (total > 0 ? count / total : null);

function reachOf(count: number, visits: number, unknownWhen: UnknownReason | null): Reach {
  if (visits === 0) return { visits: count, share: null, unknown: 'no-page-visits' };
  if (unknownWhen) return { visits: count, share: null, unknown: unknownWhen };
  return { visits: count, share: count / visits, unknown: null };
}

function add(counts: Map<string, number>, from: Record<string, number>): void {
  for (const key in from) counts.set(key, (counts.get(key) ?? 0) + from[key]!);
}

function byVisits(counts: Map<string, number>, total: number): CountryReach[] {
  return [...counts]
    .map(([country, count]) => ({ country, visits: count, share: count / total }))
    .sort((a, b) => b.visits - a.visits || (a.country < b.country ? -1 : a.country > b.country ? 1 : 0));
}

/** Median of a multiset given as value → count. */
function histogramMedian(hist: Map<string, number>): number | null {
  const entries = [...hist].map(([value, count]) => [Number(value), count] as const).sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  const at = (rank: number) => {
    let seen = 0;
    for (const [value, count] of entries) if ((seen += count) > rank) return value;
    return entries[entries.length - 1]![0];
  };
  return total % 2 ? at(total >> 1) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

export class ExposureTally implements RollupReader {
  private readonly points: TrendSlice[];
  private readonly siteIds = new Map<string, number>();
  private readonly observers = new Map<string, ObserverSum>();
  private readonly countries = new Map<string, number>();
  private readonly jurisdictions = new Map<string, number>();
  private readonly hostedUnder = new Map<string, number>();
  private readonly groups = new Map<string, number>();
  private readonly hist = new Map<string, number>();
  private visits = 0;
  /** page visits counted in each reach figure, in the order of REACH_FIGURES */
  private readonly reached = new Array<number>(REACHES).fill(0);
  private requests = 0;
  private clear = 0;

  constructor(
    private readonly range: Range,
    private readonly slices: Slices,
  ) {
    this.points = slices.starts.map((start) => ({ start, visits: 0, usVisits: 0 }));
  }

  result(): Exposure {
    const { visits } = this;
    const sites = this.siteIds.size;
    const reach = (count: number): Reach => reachOf(count, visits, null);
    // A server's place is known from its address only: with none located (answers from the
    // cache, loopback or private servers) "none in the US" would be a guess, not a count.
    const located = this.countries.size > 0;
    const serverReach = (count: number): Reach => reachOf(count, visits, located ? null : 'no-server-location');
    // Likewise a server's operator is known only for networks Upstream's table maps: with none
    // (loopback, private or unlisted networks) "none operated under US law" would be a guess.
    const operated = this.hostedUnder.size > 0;
    const operatorReach = (count: number): Reach => reachOf(count, visits, operated ? null : 'no-server-operator');
    const groupReach = (key: string) => (key.startsWith('s:') ? serverReach : key.startsWith('h:') ? operatorReach : reach);
    // Where a server answered from is known only from a CDN's header: with no such answer in
    // the period the figure is unknown; with some, it says how many visits it may miss.
    const answered = (this.groups.get(ANSWERS_LOCATED) ?? 0) > 0;
    const undetermined = this.groups.get(ANSWERS_UNKNOWN) ?? 0;
    const answeredReach = (count: number): Reach => ({
      ...reachOf(count, visits, answered ? null : 'no-server-location'),
      ...(undetermined > 0 ? { undetermined } : {}),
    });
    const reachOfFigure = (figure: (typeof REACH_FIGURES)[number]) =>
      isServerReach(figure) ? answeredReach : isOperatorReach(figure) ? operatorReach : reach;
    const ranked: ObserverReach[] = [];
    for (const { observer: o, visits: count, sites: seenOn, categories } of this.observers.values()) {
      ranked.push({
        key: o.key,
        name: o.name,
        known: o.known,
        parent: o.parent,
        jurisdiction: o.jurisdiction,
        prism: o.prism,
        sites: seenOn.size,
        siteShare: seenOn.size / sites,
        visits: count,
        categories: categories.size > 1 ? [...categories].sort() : [...categories],
      });
    }
    // Over a long period most observers tie on one site and one visit: names decide, through
    // one collator (String.localeCompare sets one up per call, a cost the popup felt: docs/measurements.md).
    ranked.sort((a, b) => b.sites - a.sites || b.visits - a.visits || collator.compare(a.name, b.name));
    return {
      period: null,
      from: this.range.from,
      to: this.range.to,
      visits,
      sites,
      ...(Object.fromEntries(REACH_FIGURES.map((figure, i) => [figure.key, reachOfFigure(figure)(this.reached[i]!)])) as Record<
        ReachKey,
        Reach
      >),
      topObserver: ranked.find((o) => o.known) ?? null,
      observersPerPage: histogramMedian(this.hist),
      clearText: {
        requests: this.requests,
        clear: this.clear,
        share: share(this.clear, this.requests),
        unknown: this.requests ? null : visits ? 'no-requests' : 'no-page-visits',
      },
      observers: ranked,
      countries: byVisits(this.countries, visits),
      jurisdictions: byVisits(this.jurisdictions, visits),
      hostedUnder: byVisits(this.hostedUnder, visits),
      groups: Object.fromEntries(GROUP_KEYS.map((key) => [key, groupReach(key)(this.groups.get(key) ?? 0)])),
      trend: { slices: this.slices, points: this.points },
    };
  }

  /** A bucket's counts (laid out as COUNTS says); false when it starts outside the range. */
  counts(
    start: number,
    counts: readonly number[],
    observersPerVisit: Record<string, number>,
    countries: Record<string, number>,
    jurisdictions: Record<string, number>,
    hostedUnder: Record<string, number>,
    groups: Record<string, number>,
  ): boolean {
    if (start < this.range.from || start >= this.range.to) return false;
    const visits = counts[COUNTS.visits]!;
    this.visits += visits;
    for (let i = 0; i < REACHES; i++) this.reached[i]! += counts[COUNTS.reach + i]!;
    this.requests += counts[COUNTS.requests]!;
    this.clear += counts[COUNTS.clear]!;
    add(this.hist, observersPerVisit);
    add(this.countries, countries);
    add(this.jurisdictions, jurisdictions);
    add(this.hostedUnder, hostedUnder);
    add(this.groups, groups);
    const slice = sliceOf(this.slices, start);
    if (slice >= 0) {
      this.points[slice]!.visits += visits;
      this.points[slice]!.usVisits += counts[COUNTS.reach + US]!;
    }
    return true;
  }

  /** A site's number, given when first seen. */
  site(site: string): number {
    let id = this.siteIds.get(site);
    if (id === undefined) this.siteIds.set(site, (id = this.siteIds.size));
    return id;
  }

  observer(key: string, parent: string | null, jurisdiction: string | null, prism: boolean, visits: number): ObserverSum {
    let sum = this.observers.get(key);
    if (!sum) {
      const observer: Observer = { key, name: key.slice(2), known: key.startsWith('c:'), parent, jurisdiction, prism };
      this.observers.set(key, (sum = { observer, visits: 0, sites: new Set(), categories: new Set() }));
    }
    sum.visits += visits;
    return sum;
  }
}
