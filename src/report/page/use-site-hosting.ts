import { openDb } from '../../store/db.js';
import { siteServerUsesBetween } from '../../store/server-queries.js';
import { operatorsByObserver, type ServerOperators } from '../aggregate/servers.js';
import type { ExportTables } from '../export/export-report.js';
import { useLiveQuery } from '../use-live-query.js';
import { daysOf, rangeOf, type ReportPeriod } from './report-period.js';

/** Observer key → who operated the servers it answered the site's pages from. */
export type SiteHosting = Map<string, ServerOperators['operators']>;

/**
 * Who hosted each organisation a site's pages reached over the period: read only when the
 * site's page is open, from the daily server roll-ups, or from the requests of an opened export.
 */
export function useSiteHosting(site: string, period: ReportPeriod, opened: ExportTables | null): SiteHosting | undefined {
  return useLiveQuery(async () => {
    const range = rangeOf(period, Date.now());
    if (opened) {
      const uses = opened.servers.filter((s) => s.site === site && s.time >= range.from && s.time < range.to).map((s) => ({ ...s, n: 1 }));
      return operatorsByObserver(uses, opened.hosts, opened.ips);
    }
    const { first, last } = daysOf(range);
    const { uses, hosts, ips } = await siteServerUsesBetween(openDb(), site, first, last);
    return operatorsByObserver(uses, hosts, ips);
  }, [site, JSON.stringify(period), opened]);
}
