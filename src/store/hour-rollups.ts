/**
 * Keeps the hour roll-ups (store/hour-rollup.ts) in step with the page visits: updated in
 * the capture batch's own transaction as visits grow, rebuilt from the visits when rows
 * are deleted (forget a site) or re-classified (new knowledge).
 */
import type { UpstreamDb } from './db.js';
import { buildHours } from './hour-rollup-build.js';
import { applySummary, decodeHour, emptyHour, encodeHour, HOUR, hourOf, isEmptyHour, type HourRollupRow } from './hour-rollup.js';
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

/**
 * Applies a batch's visit changes to the hour roll-ups: each changed visit is taken out as
 * it was and added as it is. Runs inside the caller's transaction (which must include the
 * hours, visits, hosts and ips tables).
 */
export async function updateHours(db: UpstreamDb, updates: VisitUpdate[], cached?: Parameters<typeof verdictsOf>[2]): Promise<void> {
  const changed = updates.filter((u) => u.before || u.after);
  if (changed.length === 0) return;
  const involved = changed.flatMap((u) => [u.before, u.after]).filter((v): v is VisitRow => !!v);
  const { hosts, ips } = await verdictsOf(db, involved, cached);
  const hours = [...new Set(involved.map((v) => hourOf(v.t)))];
  const stored = await db.hours.bulkGet(hours);
  const rows = new Map<number, HourRollupRow>(hours.map((h, i) => [h, stored[i] ? decodeHour(stored[i]!) : emptyHour(h)]));
  for (const { before, after } of changed) {
    const old = before && summariseVisit(before, hosts, ips);
    if (old) applySummary(rows.get(hourOf(before.t))!, old, -1);
    const now = after && summariseVisit(after, hosts, ips);
    if (now) applySummary(rows.get(hourOf(after.t))!, now, 1);
  }
  const keep = [...rows.values()].filter((row) => !isEmptyHour(row));
  const drop = [...rows.values()].filter(isEmptyHour).map((row) => row.h);
  if (keep.length) await db.hours.bulkPut(keep.map(encodeHour));
  if (drop.length) await db.hours.bulkDelete(drop);
}

/** Rebuilds the roll-ups of the hours in [from, to) from the visits (inside the caller's transaction). */
export async function rebuildHours(db: UpstreamDb, from: number, to: number): Promise<void> {
  const start = hourOf(from);
  const end = Math.ceil(to / HOUR) * HOUR;
  const visits = await db.visits.where('t').between(start, end, true, false).toArray();
  const { hosts, ips } = await verdictsOf(db, visits);
  await db.hours.where('h').between(start, end, true, false).delete();
  const rows = [...buildHours(visits, hosts, ips).values()];
  if (rows.length) await db.hours.bulkPut(rows.map(encodeHour));
}

/** Rebuilds the hours holding these visits' start times. */
export async function rebuildHoursOf(db: UpstreamDb, times: number[]): Promise<void> {
  for (const h of new Set(times.map(hourOf))) await rebuildHours(db, h, h + HOUR);
}

const WINDOW = 7 * 24 * HOUR;

/**
 * Rebuilds every hour whose visits refer to one of these hosts or IPs (their verdicts
 * changed), a week of visits per step so that capture batches run in between.
 */
export async function refreshHoursReferring(
  db: UpstreamDb,
  hostIds: ReadonlySet<number>,
  ipIds: ReadonlySet<number>,
  step: <T>(work: () => Promise<T>) => Promise<T>,
): Promise<void> {
  if (hostIds.size === 0 && ipIds.size === 0) return;
  const first = await db.visits.orderBy('t').first();
  const last = await db.visits.orderBy('t').last();
  if (!first || !last) return;
  for (let from = hourOf(first.t); from <= last.t; from += WINDOW) {
    await step(() =>
      db.transaction('rw', [db.visits, db.hosts, db.ips, db.hours], async () => {
        const visits = await db.visits.where('t').between(from, from + WINDOW, true, false).toArray();
        const touched = visits.filter((v) => hostIds.has(v.h) || v.d.some((id) => hostIds.has(id)) || v.ip.some((id) => ipIds.has(id)));
        await rebuildHoursOf(db, touched.map((v) => v.t));
      }),
    );
  }
}
