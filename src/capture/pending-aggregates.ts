/**
 * Changes to the daily rows and the visit roll-ups that capture batches made and that are
 * not written yet. Every batch of a page load used to rewrite the same rows (one site, its
 * sixty hosts, one visit); now a batch keeps its changes in the capture state, committed in
 * its own transaction with its request and visit rows, and a later batch (or the pipeline's
 * timer, pipeline.ts) writes them all at once, at most `every` ms after the first one waited.
 * A worker stopped in between leaves them to its successor; whoever writes them removes them
 * from the capture state in the same transaction, so they are applied exactly once.
 */
import type { UpstreamDb } from '../store/db.js';
import { RollupBatch } from '../store/rollups.js';
import type { VisitUpdate } from '../store/visit-rollups.js';
import type { DailyIpRow, DailyRow, VisitRow } from '../store/db.js';

export interface PendingAggregates {
  /** when the first batch whose changes wait here was stored */
  since: number;
  /** counts to add to the daily tables */
  daily: DailyRow[];
  ips: DailyIpRow[];
  /** the visits changed since the roll-ups were last written, as they were then (null: not stored then) */
  visits: [number, VisitRow | null][];
}

export function isPendingAggregates(value: unknown): value is PendingAggregates {
  const agg = value as PendingAggregates | null | undefined;
  return !!agg && typeof agg.since === 'number' && Array.isArray(agg.daily) && Array.isArray(agg.ips) && Array.isArray(agg.visits);
}

/** What one batch changed: its daily counts, and the visits it touched as they were before it and are after it. */
export interface BatchAggregates {
  rollups: RollupBatch;
  touched: Set<number>;
  before: Map<number, VisitRow>;
  after: Map<number, VisitRow>;
}

/** What to write now: the daily counts and the visits' roll-up updates. */
export interface AggregatesToWrite {
  rollups: RollupBatch;
  visits: VisitUpdate[];
}

/**
 * Whether the batch leaves its changes waiting: when writing every time is not asked
 * (`every` > 0, not `now`), and what waits is younger than `every` (or nothing waits). A
 * clock that went back writes at once rather than holding the changes longer.
 */
export function mayWait(waiting: PendingAggregates | undefined, every: number, writeNow: boolean, now: number): boolean {
  if (every <= 0 || writeNow) return false;
  return !waiting || (now - waiting.since < every && now >= waiting.since);
}

/** Adds a batch's changes to what waits (creating it, `since` = now, when nothing did). */
export function keepWaiting(waiting: PendingAggregates | undefined, batch: BatchAggregates, now: number): PendingAggregates {
  const agg = waiting ?? { since: now, daily: [], ips: [], visits: [] };
  const sum = new RollupBatch();
  sum.addCounts(agg);
  sum.addCounts(batch.rollups.counts());
  Object.assign(agg, sum.counts());
  // The roll-ups still hold each visit as it was when they were last written: the first
  // "before" of a visit is kept, later batches' are not.
  const known = new Set(agg.visits.map(([id]) => id));
  for (const id of batch.touched) if (!known.has(id)) agg.visits.push([id, batch.before.get(id) ?? null]);
  return agg;
}

/**
 * This batch's changes with what waited (null: nothing waited), as one write: the counts
 * added up, and every visit either changed taken from what the roll-ups hold to what it is
 * now. Visits only the waiting batches changed are read as stored (inside the transaction).
 */
export async function withWaiting(
  db: UpstreamDb,
  waiting: PendingAggregates | undefined,
  batch: BatchAggregates,
): Promise<AggregatesToWrite> {
  const { rollups, touched, before, after } = batch;
  if (!waiting) return { rollups, visits: [...touched].map((id) => ({ before: before.get(id), after: after.get(id) })) };
  rollups.addCounts(waiting);
  const held = new Map(waiting.visits);
  const others = [...held.keys()].filter((id) => !touched.has(id));
  const stored = others.length ? await db.visits.bulkGet(others) : [];
  const visits: VisitUpdate[] = [...touched].map((id) => ({
    before: held.has(id) ? (held.get(id) ?? undefined) : before.get(id),
    after: after.get(id),
  }));
  others.forEach((id, i) => visits.push({ before: held.get(id) ?? undefined, after: stored[i] }));
  return { rollups, visits };
}
