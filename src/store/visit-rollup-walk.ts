/**
 * Walks a roll-up row for readers that sum many of them (report/aggregate/exposure-tally.ts),
 * in either form: decoded (VisitRollupRow) or as stored and left packed (PackedHour). The
 * reader is told the bucket's counts, its sites and its observers; nothing is rebuilt as an
 * object. Plain indexed loops over the packed form: the popup runs this once per opening,
 * before its code is optimised, and destructuring through iterators is slow there.
 */
import { REACH_FIGURES } from './figures.js';
import type { PackedRollup, VisitRollupRow } from './visit-rollup.js';

/** Where each count sits in the counts a reader is given: visits, one per reach figure (store/figures.ts order), requests, clear. */
export const COUNTS = {
  visits: 0,
  /** the first reach figure's; the others follow in order */
  reach: 1,
  requests: 1 + REACH_FIGURES.length,
  clear: 2 + REACH_FIGURES.length,
} as const;

/** What the reader keeps of one observer: the walk adds the observer's sites (as the reader numbered them) and categories. */
interface ObserverSink {
  sites: { add(site: number): unknown };
  categories: { add(category: string): unknown };
}

export interface RollupReader {
  /**
   * A bucket's counts (laid out as COUNTS says) and its maps (observers per visit → visits,
   * server country, jurisdiction, hosting operators' jurisdiction, grouping → visits); false
   * leaves the rest of the bucket unread.
   */
  counts(
    start: number,
    counts: readonly number[],
    observersPerVisit: Record<string, number>,
    countries: Record<string, number>,
    jurisdictions: Record<string, number>,
    hostedUnder: Record<string, number>,
    groups: Record<string, number>,
  ): boolean;
  /** A site with visits in the bucket: the reader's number for it. */
  site(name: string): number;
  observer(key: string, parent: string | null, jurisdiction: string | null, prism: boolean, visits: number): ObserverSink;
}

/** Start of a decoded row's bucket, ms since the epoch. */
export function rollupStart(row: VisitRollupRow): number {
  return row.h;
}

/** Walks a decoded row. */
export function walkRollup(row: VisitRollupRow, reader: RollupReader): void {
  const counts = [row.v, ...REACH_FIGURES.map((figure) => row.reach[figure.key]), row.n, row.x];
  if (!reader.counts(row.h, counts, row.hist, row.co, row.ju, row.hj, row.grp)) return;
  for (const site in row.sites) reader.site(site);
  for (const key in row.obs) {
    const tally = row.obs[key]!;
    const sink = reader.observer(key, tally.parent, tally.jurisdiction, tally.prism, tally.v);
    // Only the row's own sites: a reference to any other is damage, not a site of the period.
    for (const site in tally.sites) if (row.sites[site]) sink.sites.add(reader.site(site));
    for (const category in tally.cat) sink.categories.add(category);
  }
}

/** Walks a stored row as store/visit-rollup.ts's unpackRollup left it. */
export function walkPackedRollup(row: PackedRollup, reader: RollupReader): void {
  const p = row.p;
  if (!reader.counts(row.h, p.c, p.hi, p.co, p.ju, p.hj, p.g)) return;
  // A site listed with no visit left (its visits were forgotten) is not one of the period's sites.
  const ids = new Int32Array(p.s.length);
  for (let i = 0; i < p.s.length; i++) ids[i] = p.s[i]![1] ? reader.site(p.s[i]![0]) : -1;
  for (let k = 0; k < p.o.length; k++) {
    const o = p.o[k]!;
    const sink = reader.observer(o[0], o[1], o[2], o[3] === 1, o[4]);
    const siteCounts = o[5];
    for (let i = 0; i < siteCounts.length; i += 2) {
      const id = ids[siteCounts[i]!]!;
      if (id >= 0) sink.sites.add(id);
    }
    const categories = o[6];
    for (let i = 0; i < categories.length; i += 2) sink.categories.add(categories[i] as string);
  }
}
