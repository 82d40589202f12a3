/**
 * Page-visit figures per hour, kept as counts so that a visit can be added and taken out
 * again (a visit grows as its page loads; a forgotten site leaves). A period's figures are
 * the sum of its hours: the popup reads a few hundred small rows instead of every visit
 * and every host it contacted.
 */
import { addCount, dictionary, dictionaryOf, type Dictionary } from '../shared/dictionary.js';
import type { VisitSummary } from './visit-summary.js';
import { REACH_FIGURES, type ReachKey } from './figures.js';
import { COUNTED_MARK, COUNTING_VERSION, unpackRollup } from './visit-rollup-unpack.js';

export { unpackRollup } from './visit-rollup-unpack.js';

export const HOUR = 3_600_000;

interface ObserverTally {
  name: string;
  known: boolean;
  parent: string | null;
  jurisdiction: string | null;
  prism: boolean;
  /** visits it was present on */
  v: number;
  /** site → visits it was present on there */
  sites: Dictionary<number>;
  /** tracker category → visits it was seen as one */
  cat: Dictionary<number>;
}

export interface VisitRollupRow {
  /** start of the hour, ms since the epoch */
  h: number;
  /** page visits shown, started in this hour */
  v: number;
  /** of which counted in each reach figure (store/figures.ts) */
  reach: Record<ReachKey, number>;
  /** requests on those visits, and of which in clear text */
  n: number;
  x: number;
  /** site → visits */
  sites: Dictionary<number>;
  /** number of third-party observers → visits with that many */
  hist: Dictionary<number>;
  /** observer key → tally */
  obs: Dictionary<ObserverTally>;
  /** server country → visits that reached a server there */
  co: Dictionary<number>;
  /** jurisdiction → visits that reached a company answering to it */
  ju: Dictionary<number>;
  /** jurisdiction → visits that reached a server whose hosting operator answers to it */
  hj: Dictionary<number>;
  /** grouping ("s:eu-eea" servers, "j:five-eyes" companies…) → visits that reached it */
  grp: Dictionary<number>;
}

/**
 * An hour as stored: its counts as one compact JSON string. IndexedDB rebuilds a stored
 * object one property at a time, and an hour holds hundreds of small maps: read as
 * objects, a week of hours took most of a second (bench/popup-render). As a string it is a
 * copy and a JSON.parse; sites are listed once per hour and observers refer to them by
 * position, and an observer's name and whether it is known are read from its key.
 */
export interface StoredRollup {
  h: number;
  j: string;
}

/**
 * [key, parent, jurisdiction, prism 0|1, visits, [site index, visits, …], [category, visits, …]];
 * a category is its position in the row's `k` (rows written before `k` name it in full).
 */
export type PackedObserver = [string, string | null, string | null, 0 | 1, number, number[], (string | number)[]];

/** An hour (or a day) as its JSON string holds it: what fast readers walk without rebuilding objects (report/aggregate/exposure-tally.ts). */
export interface PackedHour {
  /** visits, then one count per reach figure in the order of store/figures.ts, then requests and those in clear text (COUNTS_LENGTH) */
  c: number[];
  s: [string, number][];
  // As JSON.parse gives them (with a prototype): walked with for…in, never looked up or added to.
  hi: Record<string, number>;
  o: PackedObserver[];
  co: Record<string, number>;
  ju: Record<string, number>;
  /** hosting operators' jurisdiction → visits (VisitRollupRow's `hj`) */
  hj: Record<string, number>;
  g: Record<string, number>;
  /**
   * Tracker categories, named once per row: spelt out in every observer they made a busy day
   * row pass the 64 KiB beyond which Chromium keeps an IndexedDB value in a file of its own,
   * slower to read (docs/measurements.md, test/bench/popup-render.bench.ts).
   */
  k?: string[];
  /** COUNTING_VERSION when the row was built; absent in rows counted before it existed */
  d?: number;
  /** the reach figures and groups it counts (COUNTED_MARK), absent when they are those rows counted before the mark */
  f?: string;
}

/** A stored row unpacked and checked (unpackRollup): its bucket's start and its packed figures. */
export interface PackedRollup {
  h: number;
  p: PackedHour;
}

/** A stored row's two parts, named: the start of its hour (or day), and its figures as JSON. */
export function rollupParts(row: StoredRollup): { start: number; json: string } {
  return { start: row.h, json: row.j };
}

/** A stored row made of its two parts, as given: what a test that damages a row on purpose stores. */
export function storedRollup(start: number, json: string): StoredRollup {
  return { h: start, j: json };
}

export function encodeRollup(row: VisitRollupRow): StoredRollup {
  const sites = Object.entries(row.sites);
  const index = new Map(sites.map(([site], i) => [site, i]));
  const categories = new Map<string, number>();
  const packed: PackedHour = {
    c: [row.v, ...REACH_FIGURES.map((figure) => row.reach[figure.key]), row.n, row.x],
    s: sites,
    hi: row.hist,
    o: Object.entries(row.obs).map(([key, t]): PackedObserver => [
      key,
      t.parent,
      t.jurisdiction,
      t.prism ? 1 : 0,
      t.v,
      Object.entries(t.sites).flatMap(([site, count]) => [index.get(site) ?? addSite(sites, index, site), count]),
      Object.entries(t.cat).flatMap(([category, count]) => [categoryIndex(categories, category), count]),
    ]),
    co: row.co,
    ju: row.ju,
    hj: row.hj,
    g: row.grp,
    k: [...categories.keys()],
    d: COUNTING_VERSION,
    ...(COUNTED_MARK === undefined ? {} : { f: COUNTED_MARK }),
  };
  return { h: row.h, j: JSON.stringify(packed) };
}

function categoryIndex(categories: Map<string, number>, category: string): number {
  let index = categories.get(category);
  if (index === undefined) categories.set(category, (index = categories.size));
  return index;
}

/** An observer present on a site with no visit of its own in this hour cannot happen; kept safe anyway. */
function addSite(sites: [string, number][], index: Map<string, number>, site: string): number {
  index.set(site, sites.length);
  sites.push([site, 0]);
  return sites.length - 1;
}

/** The row's figures; throws on a row this version did not write (tryDecodeRollup does not). */
export function decodeRollup(stored: StoredRollup): VisitRollupRow {
  const unpacked = unpackRollup(stored);
  if (!unpacked) throw new Error(`Upstream: the roll-up of ${new Date(stored.h).toISOString()} does not decode`);
  return rollupOfPacked(unpacked.h, unpacked.p);
}

/**
 * A row's figures as objects, from its packed form (as unpackRollup checked it). Every map
 * is a dictionary (shared/dictionary.ts): a site or company may be named `constructor`.
 */
export function rollupOfPacked(h: number, p: PackedHour): VisitRollupRow {
  const row: VisitRollupRow = {
    h,
    v: p.c[0]!,
    reach: reachCounts((i) => p.c[1 + i]!),
    n: p.c[1 + REACH_FIGURES.length]!,
    x: p.c[2 + REACH_FIGURES.length]!,
    sites: dictionary(),
    hist: dictionaryOf(p.hi),
    obs: dictionary(),
    co: dictionaryOf(p.co),
    ju: dictionaryOf(p.ju),
    hj: dictionaryOf(p.hj),
    grp: dictionaryOf(p.g),
  };
  for (const [site, count] of p.s) if (count) row.sites[site] = count;
  for (const [key, parent, jurisdiction, isPrism, visits, siteCounts, categories] of p.o) {
    const sites = dictionary<number>();
    for (let i = 0; i < siteCounts.length; i += 2) sites[p.s[siteCounts[i]!]![0]] = siteCounts[i + 1]!;
    const cat = dictionary<number>();
    for (let i = 0; i < categories.length; i += 2) cat[categories[i] as string] = categories[i + 1] as number;
    row.obs[key] = { name: key.slice(2), known: key.startsWith('c:'), parent, jurisdiction, prism: isPrism === 1, v: visits, sites, cat };
  }
  return row;
}

/** The row's figures, or null when it is not a roll-up this version wrote. Never throws. */
export function tryDecodeRollup(stored: unknown): VisitRollupRow | null {
  const unpacked = unpackRollup(stored);
  return unpacked && rollupOfPacked(unpacked.h, unpacked.p);
}

/** A count per reach figure, from its position in the list. */
function reachCounts(count: (index: number) => number): Record<ReachKey, number> {
  return Object.fromEntries(REACH_FIGURES.map((figure, i) => [figure.key, count(i)])) as Record<ReachKey, number>;
}

export function emptyRollup(h: number): VisitRollupRow {
  return {
    h,
    v: 0,
    reach: reachCounts(() => 0),
    n: 0,
    x: 0,
    sites: dictionary(),
    hist: dictionary(),
    obs: dictionary(),
    co: dictionary(),
    ju: dictionary(),
    hj: dictionary(),
    grp: dictionary(),
  };
}

/** Adds (sign 1) or takes out (sign -1) one visit's summary. */
export function applySummary(row: VisitRollupRow, s: VisitSummary, sign: 1 | -1): void {
  row.v += sign;
  for (const key of s.reached) row.reach[key] += sign;
  row.n += sign * s.requests;
  row.x += sign * s.clear;
  addCount(row.sites, s.site, sign);
  addCount(row.hist, String(s.thirdParty), sign);
  for (const country of s.countries) addCount(row.co, country, sign);
  for (const country of s.jurisdictions) addCount(row.ju, country, sign);
  for (const country of s.hostedUnder) addCount(row.hj, country, sign);
  for (const group of s.groups) addCount(row.grp, group, sign);
  for (const [key, { observer, categories }] of s.observers) {
    const tally = (row.obs[key] ??= {
      name: observer.name,
      known: observer.known,
      parent: observer.parent,
      jurisdiction: observer.jurisdiction,
      prism: observer.prism,
      v: 0,
      sites: dictionary(),
      cat: dictionary(),
    });
    tally.v += sign;
    addCount(tally.sites, s.site, sign);
    for (const category of categories) addCount(tally.cat, category, sign);
    if (tally.v === 0) delete row.obs[key];
  }
}

export function isEmptyRollup(row: VisitRollupRow): boolean {
  return row.v === 0;
}
