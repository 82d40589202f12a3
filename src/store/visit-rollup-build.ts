import { applySummary, emptyRollup, type VisitRollupRow } from './visit-rollup.js';
import { HOURS, type Grain } from './rollup-grains.js';
import type { HostTable, IpTable, VisitFacts } from './visit-facts.js';
import { summariseVisit } from './visit-summary.js';
import { hostTable, visitFacts } from './rows-to-facts.js';
import type { HostRow, VisitRow } from './schema.js';

/** The roll-ups of these visits at one grain (hours unless told), built from scratch (pure; for rebuilds and for figures over any visits). */
export function buildRollups(
  visits: readonly VisitFacts[],
  hosts: HostTable,
  ips: IpTable,
  grain: Grain = HOURS,
): Map<number, VisitRollupRow> {
  const rows = new Map<number, VisitRollupRow>();
  for (const visit of visits) {
    const summary = summariseVisit(visit, hosts, ips);
    if (!summary) continue;
    const h = grain.start(visit.time);
    let row = rows.get(h);
    if (!row) rows.set(h, (row = emptyRollup(h)));
    applySummary(row, summary, 1);
  }
  return rows;
}

/** The same from rows as stored (rebuilds, upgrades, and tests that compare with what the worker stored). */
export function buildRollupsOfRows(
  visits: readonly VisitRow[],
  hosts: ReadonlyMap<number, HostRow>,
  ips: IpTable,
  grain: Grain = HOURS,
): Map<number, VisitRollupRow> {
  return buildRollups(visits.map(visitFacts), hostTable(hosts.values()), ips, grain);
}
