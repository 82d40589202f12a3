import { openDb } from '../../store/db.js';
import { siteServerUsesBetween } from '../../store/server-queries.js';
import { answeredByObserver, operatorsByObserver, type AnsweredPlaces, type ServerOperators } from '../aggregate/servers.js';
import type { ExportTables } from '../export/export-report.js';
import { useLiveQuery } from '../use-live-query.js';
import { daysOf, rangeOf, type ReportPeriod } from './report-period.js';

/** For each organisation a site's pages reached (by observer key): who operated its servers, and where they answered from. */
export interface SiteServers {
  hosting: Map<string, ServerOperators['operators']>;
  answers: Map<string, AnsweredPlaces>;
}

/**
 * Who hosted each organisation a site's pages reached over the period, and where it answered
 * from: read once, only while the site's page is open, from the daily server rows, or from
 * the requests of an opened export.
 */
export function useSiteServers(site: string, period: ReportPeriod, opened: ExportTables | null): SiteServers | undefined {
  return useLiveQuery(async () => {
    const range = rangeOf(period, Date.now());
    if (opened) {
      const uses = opened.servers.filter((s) => s.site === site && s.time >= range.from && s.time < range.to).map((s) => ({ ...s, n: 1 }));
      return { hosting: operatorsByObserver(uses, opened.hosts, opened.ips), answers: answeredByObserver(uses, opened.hosts, opened.ips) };
    }
    const { first, last } = daysOf(range);
    const { uses, hosts, ips } = await siteServerUsesBetween(openDb(), site, first, last);
    return { hosting: operatorsByObserver(uses, hosts, ips), answers: answeredByObserver(uses, hosts, ips) };
  }, [site, JSON.stringify(period), opened]);
}
