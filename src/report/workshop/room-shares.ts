/**
 * How the room merges the shares each participant lists (companies, server countries,
 * jurisdictions). Two averages are kept, because they answer different questions:
 *
 * - the mean share: each participant counts once, whatever they browsed. "For a typical
 *   person in the room, Google saw 60 % of their page visits." A participant who did not
 *   list the entry counts as 0: either it never saw them, or (for companies) it saw them
 *   on a single site, which the summary leaves out because a company seen on one site is
 *   often that site's own publisher. Counting them as 0 slightly understates such
 *   companies; averaging only over those who listed the entry would be worse, making a
 *   company one participant met on 90 % of their visits look like 90 % of the room.
 * - the pooled share: all the room's page visits put together, so heavy browsers weigh
 *   more. "Of the room's 1,200 page visits, Google saw 700." But no more than
 *   MAX_WEIGHT_OF_MEDIAN times the room's median participant (poolingWeights): a summary is
 *   a file anyone can edit, and one claiming 2^40 page visits would otherwise be the pooled
 *   share on its own (0.49999 against 4.5e-12 for everyone else).
 *
 * Only participants with at least one page visit take part: a summary with none has no
 * share of anything, and counting it as 0 everywhere would dilute every figure.
 */

/** What merging needs of one participant: their page visits and the entries they listed. */
export interface ParticipantShares<T> {
  pageVisits: number;
  entries: readonly T[];
}

export interface MergedShare<T> {
  key: string;
  /** the entries of this key in participant order, first seen first */
  seen: T[];
  /** participants who listed it */
  participants: number;
  meanShare: number;
  /** null when the room has no page visit */
  pooledShare: number | null;
}

/**
 * Merges by key: at most one entry per participant and key (the schema refuses a summary
 * that lists a key twice), so `participants` counts people, not entries.
 */
export function mergeShares<T>(
  participants: readonly ParticipantShares<T>[],
  keyOf: (entry: T) => string,
  shareOf: (entry: T) => number,
): MergedShare<T>[] {
  const counted = participants.filter((p) => p.pageVisits > 0);
  const weights = poolingWeights(counted.map((p) => p.pageVisits));
  const totalVisits = weights.reduce((sum, weight) => sum + weight, 0);
  const sums = new Map<string, { seen: T[]; shares: number; visits: number }>();
  for (const [index, participant] of counted.entries()) {
    for (const entry of participant.entries) {
      const key = keyOf(entry);
      let sum = sums.get(key);
      if (!sum) sums.set(key, (sum = { seen: [], shares: 0, visits: 0 }));
      sum.seen.push(entry);
      sum.shares += shareOf(entry);
      sum.visits += shareOf(entry) * weights[index]!;
    }
  }
  return [...sums].map(([key, sum]) => ({
    key,
    seen: sum.seen,
    participants: sum.seen.length,
    meanShare: sum.shares / counted.length,
    pooledShare: totalVisits > 0 ? sum.visits / totalVisits : null,
  }));
}

/** How many times the median participant's page visits one participant may weigh in a pooled share. */
export const MAX_WEIGHT_OF_MEDIAN = 4;

/**
 * Each participant's weight in a pooled share: their page visits, capped at
 * MAX_WEIGHT_OF_MEDIAN times the median participant's (the lower middle one for an even
 * count, so that one of two participants cannot raise the cap by itself). Real rooms stay
 * below the cap and pool their visits as they are; a participant above it weighs as the cap.
 */
export function poolingWeights(pageVisits: readonly number[]): number[] {
  if (pageVisits.length === 0) return [];
  const sorted = [...pageVisits].sort((a, b) => a - b);
  const cap = MAX_WEIGHT_OF_MEDIAN * sorted[(sorted.length - 1) >> 1]!;
  return pageVisits.map((visits) => Math.min(visits, cap));
}

/** The value most participants gave (ties: the first seen), and whether they disagreed at all. */
export function mostCommon<V>(values: readonly V[]): { value: V; disagreed: boolean } {
  const tally = new Map<V, number>();
  for (const value of values) tally.set(value, (tally.get(value) ?? 0) + 1);
  let best = values[0] as V;
  for (const [value, count] of tally) if (count > tally.get(best)!) best = value;
  return { value: best, disagreed: tally.size > 1 };
}

/** Largest mean share first, then by key in English order, so the room report reads the same every run. */
export function byMeanShare<T extends { meanShare: number }>(keyOf: (item: T) => string) {
  return (a: T, b: T): number => b.meanShare - a.meanShare || keyOf(a).localeCompare(keyOf(b), 'en');
}
