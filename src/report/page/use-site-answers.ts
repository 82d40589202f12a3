import { openDb } from '../../store/db.js';
import { observerOf } from '../../store/observers.js';
import { siteServerUsesBetween } from '../../store/server-queries.js';
import type { HostTable, IpTable } from '../../store/visit-facts.js';
import { answeredPlaces, type AnsweredPlaces, type ServerUse } from '../aggregate/servers.js';
import type { ExportTables } from '../export/export-report.js';
import { useLiveQuery } from '../use-live-query.js';
import { daysOf, rangeOf, type ReportPeriod } from './report-period.js';

/** Organisation key → where it answered from on the site's pages. */
function byObserver(uses: readonly ServerUse[], hosts: HostTable, ips: IpTable): Map<string, AnsweredPlaces> {
  const grouped = new Map<string, { uses: ServerUse[]; hostIds: Set<number> }>();
  for (const use of uses) {
    const host = hosts.get(use.host);
    if (!host) continue;
    const key = observerOf(host).key;
    const entry = grouped.get(key) ?? { uses: [], hostIds: new Set<number>() };
    entry.uses.push(use);
    entry.hostIds.add(use.host);
    grouped.set(key, entry);
  }
  return new Map([...grouped].map(([key, entry]) => [key, answeredPlaces(entry.uses, entry.hostIds, ips)]));
}

/**
 * Where each organisation answered from on one site's pages over the period: read only when
 * the site's page is open, from the daily server roll-ups, or from the requests of an opened export.
 */
export function useSiteAnswers(site: string, period: ReportPeriod, opened: ExportTables | null): Map<string, AnsweredPlaces> | undefined {
  return useLiveQuery(async () => {
    const range = rangeOf(period, Date.now());
    if (opened) {
      const uses = opened.servers.filter((s) => s.site === site && s.time >= range.from && s.time < range.to).map((s) => ({ ...s, n: 1 }));
      return byObserver(uses, opened.hosts, opened.ips);
    }
    const { first, last } = daysOf(range);
    const { uses, hosts, ips } = await siteServerUsesBetween(openDb(), site, first, last);
    return byObserver(uses, hosts, ips);
  }, [site, JSON.stringify(period), opened]);
}
