/**
 * Keeps the visit roll-ups (store/visit-rollup.ts), per hour and per day, in step with the
 * page visits: updated in a capture batch's transaction as visits grow (the changes of a
 * second's batches at once, capture/pending-aggregates.ts), rebuilt from the visits when
 * visits are deleted (forget a site, retention) or re-classified (new knowledge). Callers'
 * transactions must include the visits, hosts, ips, hours and days tables.
 */
import type { UpstreamDb } from './db.js';
import { buildRollups } from './visit-rollup-build.js';
import { GRAINS, type Grain } from './rollup-grains.js';
import { applySummary, emptyRollup, encodeRollup, isEmptyRollup, tryDecodeRollup, type VisitRollupRow } from './visit-rollup.js';
import { findBrokenRollups } from './rollup-integrity.js';
import { rollupCache } from './rollup-cache.js';
import type { HostRow, IpRow, VisitRow } from './schema.js';
import type { HostFacts, IpFacts } from './visit-facts.js';
import { hostFacts, visitFacts } from './rows-to-facts.js';
import { summariseVisit, type VisitSummary } from './visit-summary.js';

/** A visit as it was before a batch and as it is after (undefined: did not exist / was deleted). */
export interface VisitUpdate {
  before: VisitRow | undefined;
  after: VisitRow | undefined;
}

/** Verdicts of every host and IP these visits refer to, from `cached` when it has them, else from the database. */
async function verdictsOf(
  db: UpstreamDb,
  visits: VisitRow[],
  cached?: { host(id: number): HostRow | undefined; ip(id: number): IpRow | undefined },
) {
  const hosts = new Map<number, HostFacts>();
  const ips = new Map<number, IpFacts>();
  const missingHosts = new Set<number>();
  const missingIps = new Set<number>();
  for (const visit of visits) {
    for (const id of [visit.h, ...visit.d]) {
      if (hosts.has(id)) continue;
      const row = cached?.host(id);
      if (row) hosts.set(id, hostFacts(row));
      else missingHosts.add(id);
    }
    for (const id of visit.ip) {
      const row = cached?.ip(id);
      if (row) ips.set(id, row);
      else if (!ips.has(id)) missingIps.add(id);
    }
  }
  // Usually none: the capture batch's interner knows them all.
  const [hostRows, ipRows] = await Promise.all([
    missingHosts.size ? db.hosts.bulkGet([...missingHosts]) : [],
    missingIps.size ? db.ips.bulkGet([...missingIps]) : [],
  ]);
  hostRows.forEach((row) => row && hosts.set(row.id!, hostFacts(row)));
  ipRows.forEach((row) => row && ips.set(row.id!, row));
  return { hosts, ips };
}

/** Applies a batch's visit changes: each changed visit is taken out as it was and added as it is, at every grain. */
export async function updateRollups(db: UpstreamDb, updates: VisitUpdate[], cached?: Parameters<typeof verdictsOf>[2]): Promise<void> {
  const changed = updates.filter((u) => u.before || u.after);
  if (changed.length === 0) return;
  const involved = changed.flatMap((u) => [u.before, u.after]).filter((v): v is VisitRow => !!v);
  const { hosts, ips } = await verdictsOf(db, involved, cached);
  const summaries = changed.map(({ before, after }) => ({
    before: before && summariseVisit(visitFacts(before), hosts, ips),
    after: after && summariseVisit(visitFacts(after), hosts, ips),
  }));
  // The grains side by side: each awaited round trip is one more wait for a busy machine to
  // schedule the worker (pipeline.ts, DURABLE_WITHIN_MS), and the grains share no table.
  await Promise.all(GRAINS.map((grain) => updateGrain(db, grain, involved, summaries)));
}

async function updateGrain(
  db: UpstreamDb,
  grain: Grain,
  involved: VisitRow[],
  summaries: { before: VisitSummary | null | undefined; after: VisitSummary | null | undefined }[],
): Promise<void> {
  const table = db[grain.table];
  const starts = [...new Set(involved.map((v) => grain.start(v.t)))];
  const stored = await table.bulkGet(starts);
  const rows = new Map<number, VisitRollupRow>();
  // A stored row that does not decode cannot be updated: its bucket is built again from
  // the visits, which already hold this batch's changes (written before this runs).
  const broken: number[] = [];
  starts.forEach((h, i) => {
    const row = stored[i] ? rollupCache.take(table, stored[i], tryDecodeRollup) : emptyRollup(h);
    if (row) rows.set(h, row);
    else broken.push(h);
  });
  summaries.forEach(({ before, after }) => {
    const from = before && rows.get(grain.start(before.time));
    const to = after && rows.get(grain.start(after.time));
    if (from) applySummary(from, before, -1);
    if (to) applySummary(to, after, 1);
  });
  const keep = [...rows.values()].filter((row) => !isEmptyRollup(row));
  const drop = [...rows.values()].filter(isEmptyRollup).map((row) => row.h);
  if (keep.length) {
    const encoded = keep.map(encodeRollup);
    await table.bulkPut(encoded);
    encoded.forEach((row, i) => rollupCache.remember(table, row, keep[i]!));
  }
  if (drop.length) await table.bulkDelete(drop);
  for (const h of broken) await rebuildBuckets(db, grain, h, h);
}

/** Rebuilds one grain's buckets from `first` to `last` (bucket starts, both included) from the visits. */
async function rebuildBuckets(db: UpstreamDb, grain: Grain, first: number, last: number): Promise<void> {
  const end = grain.next(last);
  const visits = await db.visits.where('t').between(first, end, true, false).toArray();
  const { hosts, ips } = await verdictsOf(db, visits);
  const table = db[grain.table];
  await table.where('h').between(first, end, true, false).delete();
  const rows = [...buildRollups(visits.map(visitFacts), hosts, ips, grain).values()];
  if (rows.length) await table.bulkPut(rows.map(encodeRollup));
}

/** Rebuilds, at every grain, the buckets holding these times (visit start times). */
export async function rebuildRollupsOf(db: UpstreamDb, times: number[]): Promise<void> {
  for (const grain of GRAINS) {
    for (const start of new Set(times.map((t) => grain.start(t)))) await rebuildBuckets(db, grain, start, start);
  }
}

/** Drops every bucket that starts before `cutoff`, then rebuilds those holding it (visits before it are gone). */
export async function dropRollupsBefore(db: UpstreamDb, cutoff: number): Promise<void> {
  for (const grain of GRAINS) {
    const first = grain.start(cutoff);
    await db[grain.table].where('h').below(first).delete();
    await rebuildBuckets(db, grain, first, first);
  }
}

const WINDOW = 7 * 24 * 3_600_000;

/**
 * Rebuilds every bucket whose visits refer to one of these hosts or IPs (their verdicts
 * changed), a week of visits per step so that capture batches run in between.
 */
export async function refreshRollupsReferring(
  db: UpstreamDb,
  hostIds: ReadonlySet<number>,
  ipIds: ReadonlySet<number>,
  step: <T>(work: () => Promise<T>) => Promise<T>,
): Promise<void> {
  if (hostIds.size === 0 && ipIds.size === 0) return;
  const first = await db.visits.orderBy('t').first();
  const last = await db.visits.orderBy('t').last();
  if (!first || !last) return;
  for (let from = first.t; from <= last.t; from += WINDOW) {
    await step(() =>
      db.transaction('rw', [db.visits, db.hosts, db.ips, db.hours, db.days], async () => {
        const visits = await db.visits
          .where('t')
          .between(from, from + WINDOW, true, false)
          .toArray();
        const touched = visits.filter((v) => hostIds.has(v.h) || v.d.some((id) => hostIds.has(id)) || v.ip.some((id) => ipIds.has(id)));
        await rebuildRollupsOf(
          db,
          touched.map((v) => v.t),
        );
      }),
    );
  }
}

/**
 * Finds the roll-up rows that do not decode (rollup-integrity.ts) and builds their buckets
 * again from the visits. The scan only reads; the repair, when one is needed, is one
 * transaction. Returns how many rows were read and how many buckets were rebuilt.
 */
export async function repairRollups(db: UpstreamDb): Promise<{ checked: number; rebuilt: number }> {
  const { checked, broken } = await findBrokenRollups(db);
  if (broken.length === 0) return { checked, rebuilt: 0 };
  await db.transaction('rw', [db.visits, db.hosts, db.ips, db.hours, db.days], async () => {
    for (const { table, h } of broken) {
      const grain = GRAINS.find((g) => g.table === table)!;
      await db[table].delete(h as number);
      if (typeof h === 'number' && Number.isFinite(h)) await rebuildBuckets(db, grain, grain.start(h), grain.start(h));
    }
  });
  return { checked, rebuilt: broken.length };
}
