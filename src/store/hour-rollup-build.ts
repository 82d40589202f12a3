import { applySummary, emptyHour, hourOf, type HourRollupRow } from './hour-rollup.js';
import type { HostTable, IpTable, VisitFacts } from './visit-facts.js';
import { summariseVisit } from './visit-summary.js';

/** The hour roll-ups of these visits, built from scratch (pure; for rebuilds and for figures over any visits). */
export function buildHours(visits: readonly VisitFacts[], hosts: HostTable, ips: IpTable): Map<number, HourRollupRow> {
  const rows = new Map<number, HourRollupRow>();
  for (const visit of visits) {
    const summary = summariseVisit(visit, hosts, ips);
    if (!summary) continue;
    const h = hourOf(visit.t);
    let row = rows.get(h);
    if (!row) rows.set(h, (row = emptyHour(h)));
    applySummary(row, summary, 1);
  }
  return rows;
}
