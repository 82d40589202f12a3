/** Server addresses used by some hosts over a span of days, from the daily roll-ups (store/rollups.ts). */
import type { UpstreamDb } from './db.js';
import type { DailyIpRow, IpRow } from './schema.js';

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
