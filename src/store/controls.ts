import type { UpstreamDb } from './db.js';
import { rebuildRollupsOf } from './visit-rollups.js';

export interface ForgetResult {
  /** ids of the deleted visits (capture must forget them too) */
  visitIds: number[];
  visits: number;
  requests: number;
  daily: number;
}

/**
 * Deletes everything attributed to a site: its page visits, their requests, requests
 * without a tab that it sent (beacons after unload), and its roll-ups. Then hosts and IPs
 * nothing refers to any more are dropped too, so no trace of the site is left.
 */
export async function forgetSite(db: UpstreamDb, site: string): Promise<ForgetResult> {
  return db.transaction('rw', [db.requests, db.visits, db.hosts, db.ips, db.daily, db.dailyIps, db.hours, db.days], async () => {
    const visits = await db.visits.where('s').equals(site).toArray();
    const visitIds = visits.map((v) => v.id);
    const fromVisits = visitIds.length ? await db.requests.where('v').anyOf(visitIds).delete() : 0;
    const tabless = await db.requests
      .where('v')
      .equals(0)
      .filter((r) => r.ps === site)
      .delete();
    await db.visits.bulkDelete(visitIds);
    await rebuildRollupsOf(
      db,
      visits.map((v) => v.t),
    );
    const daily = await db.daily.where('site').equals(site).delete();
    await db.dailyIps.where('site').equals(site).delete();
    await collectUnreferenced(db);
    return { visitIds, visits: visitIds.length, requests: fromVisits + tabless, daily };
  });
}

/** Drops host and IP rows that no visit, roll-up or request refers to. */
export async function collectUnreferenced(db: UpstreamDb): Promise<void> {
  const hosts = new Set<number>();
  const ips = new Set<number>();
  await db.daily.each((row) => hosts.add(row.host));
  await db.dailyIps.each((row) => ips.add(row.ip));
  await db.visits.each((visit) => {
    hosts.add(visit.h);
    visit.d.forEach((id) => hosts.add(id));
    visit.ip.forEach((id) => ips.add(id));
  });
  const orphanHosts = (await db.hosts.toCollection().primaryKeys()).filter((id): id is number => id !== undefined && !hosts.has(id));
  const orphanIps = (await db.ips.toCollection().primaryKeys()).filter((id): id is number => id !== undefined && !ips.has(id));
  await db.hosts.bulkDelete(orphanHosts);
  await db.ips.bulkDelete(orphanIps);
}

/** Deletes every row of every table. */
export async function wipeAll(db: UpstreamDb): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((table) => table.clear()));
  });
}
