/**
 * The figures of one of the popup's periods, read from the stored day (or hour) roll-ups,
 * and the same query started as the popup's script starts (main.tsx), for the period the
 * reader chose last: its rows are then read while the first frame renders.
 */
import { openDb } from '../../store/db.js';
import { firstHour, packedRollupsBetween } from '../../store/queries.js';
import { DAYS, HOURS } from '../../store/rollup-grains.js';
import { exposureFromPacked, type Exposure } from '../aggregate/exposure.js';
import { periodRange, slicesOver, type Period } from '../aggregate/period.js';
import { startLiveQuery, type EarlyLiveQuery } from '../early-live-query.js';

export async function periodExposure(period: Period): Promise<Exposure> {
  const now = Date.now();
  const opening = performance.now();
  const db = openDb();
  // Opened apart so that the benchmark can tell opening the database from reading it.
  await db.open();
  const started = performance.now();
  performance.measure('upstream:db-open', { start: opening, end: started });
  const range = periodRange(period, now, period === 'all' ? await firstHour(db) : null);
  // Periods of whole days read day rows (7 for a week); the last 24 hours, hour rows.
  // Left packed: summed as stored, without rebuilding each row as objects first.
  const rows = await packedRollupsBetween(db, period === '24h' ? HOURS : DAYS, range.from, range.to);
  const read = performance.now();
  const exposure = { ...exposureFromPacked(range, slicesOver(range), rows), period };
  // For the benchmark's split between reading and computing (see test/bench/popup-render.bench.ts).
  performance.measure('upstream:period-read', { start: started, end: read });
  performance.measure('upstream:period-aggregate', { start: read, end: performance.now() });
  return exposure;
}

let early: EarlyLiveQuery<Exposure> | null = null;

export function startPeriodQuery(period: Period): void {
  early = startLiveQuery(period, () => periodExposure(period));
}

/** The query started for `period`, while it runs. */
export function earlyPeriodQuery(period: Period): EarlyLiveQuery<Exposure> | null {
  return early?.running && early.key === period ? early : null;
}
