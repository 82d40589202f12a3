/** Server addresses used by some hosts over a span of days, from the daily roll-ups (store/rollups.ts). */
import type { UpstreamDb } from './db.js';
import type { DailyIpRow, HostRow, IpRow } from './schema.js';
import { hostTable } from './rows-to-facts.js';
import type { HostTable } from './visit-facts.js';

export async function serverUsesBetween(
  db: UpstreamDb,
  hostNames: readonly string[],
  firstDay: string,
  lastDay: string,
): Promise<{ uses: DailyIpRow[]; hostIds: Set<number>; ips: Map<number, IpRow> }> {
  const hostIds = new Set(
    (
      await db.hosts
        .where('n')
        .anyOf([...hostNames])
        .toArray()
    ).map((h) => h.id!),
  );
  // A range of the primary key ([day+site+host+ip] starts with the day), read in one pass.
  const uses = await db.dailyIps
    .where(':id')
    .between([firstDay], [lastDay, []], true, true)
    .filter((row) => hostIds.has(row.host))
    .toArray();
  const ipRows = await db.ips.bulkGet([...new Set(uses.map((u) => u.ip))]);
  return { uses, hostIds, ips: new Map(ipRows.filter((row): row is IpRow => !!row).map((row) => [row.id!, row])) };
}

/** Server addresses the hosts contacted on one site's pages over a span of days, with those hosts (as named facts) and the addresses' rows. */
export async function siteServerUsesBetween(
  db: UpstreamDb,
  site: string,
  firstDay: string,
  lastDay: string,
): Promise<{ uses: DailyIpRow[]; hosts: HostTable; ips: Map<number, IpRow> }> {
  const uses = await db.dailyIps
    .where('site')
    .equals(site)
    .filter((row) => row.day >= firstDay && row.day <= lastDay)
    .toArray();
  const [hostRows, ipRows] = await Promise.all([
    db.hosts.bulkGet([...new Set(uses.map((u) => u.host))]),
    db.ips.bulkGet([...new Set(uses.map((u) => u.ip))]),
  ]);
  return {
    uses,
    hosts: hostTable(hostRows.filter((row): row is HostRow => !!row)),
    ips: new Map(ipRows.filter((row): row is IpRow => !!row).map((row) => [row.id!, row])),
  };
}
