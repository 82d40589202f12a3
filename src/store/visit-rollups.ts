/**
 * Keeps the visit roll-ups (store/visit-rollup.ts), per hour and per day, in step with the
 * page visits: updated in the capture batch's own transaction as visits grow, rebuilt from
 * the visits when visits are deleted (forget a site, retention) or re-classified (new
 * knowledge). Callers' transactions must include the visits, hosts, ips, hours and days tables.
 */
import type { UpstreamDb } from './db.js';
import { buildRollups } from './visit-rollup-build.js';
import { GRAINS, type Grain } from './rollup-grains.js';
import { applySummary, decodeRollup, emptyRollup, encodeRollup, isEmptyRollup, type VisitRollupRow } from './visit-rollup.js';
import type { HostRow, IpRow, VisitRow } from './schema.js';
import type { HostFacts, IpFacts } from './visit-facts.js';
import { summariseVisit } from './visit-summary.js';

/** A visit as it was before a batch and as it is after (undefined: did not exist / was deleted). */
export interface VisitUpdate {
  before: VisitRow | undefined;
  after: VisitRow | undefined;
}

/** Verdicts of every host and IP these visits refer to, from `cached` when it has them, else from the database. */
async function verdictsOf(db: UpstreamDb, visits: VisitRow[], cached?: { host(id: number): HostRow | undefined; ip(id: number): IpRow | undefined }) {
  const hosts = new Map<number, HostFacts>();
  const ips = new Map<number, IpFacts>();
  const missingHosts = new Set<number>();
  const missingIps = new Set<number>();
  for (const visit of visits) {
    for (const id of [visit.h, ...visit.d]) {
      const row = cached?.host(id);
      if (row) hosts.set(id, row);
      else if (!hosts.has(id)) missingHosts.add(id);
    }
    for (const id of visit.ip) {
      const row = cached?.ip(id);
      if (row) ips.set(id, row);
      else if (!ips.has(id)) missingIps.add(id);
    }
  }
  const [hostRows, ipRows] = await Promise.all([db.hosts.bulkGet([...missingHosts]), db.ips.bulkGet([...missingIps])]);
  hostRows.forEach((row) => row && hosts.set(row.id!, row));
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
    before: before && summariseVisit(before, hosts, ips),
    after: after && summariseVisit(after, hosts, ips),
  }));
  for (const grain of GRAINS) {
    const table = db[grain.table];
    const starts = [...new Set(involved.map((v) => grain.start(v.t)))];
    const stored = await table.bulkGet(starts);
    const rows = new Map<number, VisitRollupRow>(starts.map((h, i) => [h, stored[i] ? decodeRollup(stored[i]!) : emptyRollup(h)]));
    summaries.forEach(({ before, after }) => {
      if (before) applySummary(rows.get(grain.start(before.time))!, before, -1);
      if (after) applySummary(rows.get(grain.start(after.time))!, after, 1);
    });
    const keep = [...rows.values()].filter((row) => !isEmptyRollup(row));
    const drop = [...rows.values()].filter(isEmptyRollup).map((row) => row.h);
    if (keep.length) await table.bulkPut(keep.map(encodeRollup));
    if (drop.length) await table.bulkDelete(drop);
  }
}

/** Rebuilds one grain's buckets from `first` to `last` (bucket starts, both included) from the visits. */
async function rebuildBuckets(db: UpstreamDb, grain: Grain, first: number, last: number): Promise<void> {
  const end = grain.next(last);
  const visits = await db.visits.where('t').between(first, end, true, false).toArray();
  const { hosts, ips } = await verdictsOf(db, visits);
  const table = db[grain.table];
  await table.where('h').between(first, end, true, false).delete();
  const rows = [...buildRollups(visits, hosts, ips, grain).values()];
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
        const visits = await db.visits.where('t').between(from, from + WINDOW, true, false).toArray();
        const touched = visits.filter((v) => hostIds.has(v.h) || v.d.some((id) => hostIds.has(id)) || v.ip.some((id) => ipIds.has(id)));
        await rebuildRollupsOf(db, touched.map((v) => v.t));
      }),
    );
  }
}
