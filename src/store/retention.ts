import { collectUnreferenced } from './controls.js';
import type { UpstreamDb } from './db.js';
import { dropRollupsBefore } from './visit-rollups.js';
import type { Settings } from './settings.js';
import { dayOf } from './url-parts.js';

const DAY_MS = 24 * 60 * 60_000;

/** True for the browser's "disk full / over quota" errors, however Dexie wraps them. */
export function isQuotaError(error: unknown): boolean {
  for (let e = error as { name?: string; inner?: unknown } | undefined, depth = 0; e && depth < 5; e = e.inner as typeof e, depth++) {
    if (e.name === 'QuotaExceededError') return true;
  }
  return false;
}

/** Deletes the oldest `share` of raw request rows (at least 1,000) to make room. */
export async function pruneOldestRequests(db: UpstreamDb, share: number): Promise<number> {
  const total = await db.requests.count();
  const count = Math.min(total, Math.max(1000, Math.ceil(total * share)));
  const keys = await db.requests.orderBy(':id').limit(count).primaryKeys();
  await db.requests.bulkDelete(keys);
  return keys.length;
}

export interface PruneResult {
  requests: number;
  visits: number;
  daily: number;
}

/**
 * Applies the retention settings: raw requests older than N days, page visits and roll-ups
 * older than M months. Works in small transactions so capture is never held up for long.
 */
export async function applyRetention(db: UpstreamDb, settings: Settings, now = Date.now()): Promise<PruneResult> {
  const rawCutoff = now - settings.rawRetentionDays * DAY_MS;
  const rollupCutoff = new Date(now);
  rollupCutoff.setMonth(rollupCutoff.getMonth() - settings.rollupRetentionMonths);
  const result: PruneResult = { requests: 0, visits: 0, daily: 0 };
  // Ids grow with time, so the oldest rows come first in primary-key order.
  for (;;) {
    // Not .primaryKeys(): with it Dexie walks a key-only cursor and `until` sees no row.
    const old = (
      await db.requests
        .orderBy(':id')
        .until((r) => r.t >= rawCutoff)
        .limit(5000)
        .toArray()
    ).map((r) => r.id!);
    if (old.length === 0) break;
    await db.requests.bulkDelete(old);
    result.requests += old.length;
    if (old.length < 5000) break;
  }
  const visitKeys = await db.visits.where('t').below(rollupCutoff.getTime()).primaryKeys();
  await db.visits.bulkDelete(visitKeys);
  // The visit roll-ups lose what aged out; the hour and day the cutoff falls in are rebuilt from what is left.
  await db.transaction('rw', [db.visits, db.hosts, db.ips, db.hours, db.days], () => dropRollupsBefore(db, rollupCutoff.getTime()));
  result.visits = visitKeys.length;
  const firstDay = dayOf(rollupCutoff.getTime());
  result.daily = await db.daily.where('day').below(firstDay).delete();
  await db.dailyIps.where('day').below(firstDay).delete();
  // Hosts and IPs of sites that aged out entirely go too: no trace is kept longer than asked.
  if (result.visits || result.daily) await collectUnreferenced(db);
  return result;
}
