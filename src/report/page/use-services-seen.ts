import { openDb } from '../../store/db.js';
import { dailyBetween } from '../../store/queries.js';
import { pathUsesBetween } from '../../store/service-paths.js';
import { pathUsesOf, SERVICE_MATCHER, servicesSeen, type ServiceSeen } from '../aggregate/alternatives.js';
import type { ExportTables } from '../export/export-report.js';
import { useLiveQuery } from '../use-live-query.js';
import { daysOf, rangeOf, type ReportPeriod } from './report-period.js';

/**
 * The listed services the period's pages used, and on which sites: read only when the
 * alternatives view is open, from the daily roll-ups and the paths of the raw requests, or
 * from the requests of an opened export.
 */
export function useServicesSeen(period: ReportPeriod, opened: ExportTables | null): ServiceSeen[] | undefined {
  return useLiveQuery(async () => {
    const range = rangeOf(period, Date.now());
    const { first, last } = daysOf(range);
    if (opened) {
      const daily = opened.daily.filter((d) => d.day >= first && d.day <= last);
      return servicesSeen(daily, opened.hosts, pathUsesOf(opened.paths, opened.hosts, range.from, range.to));
    }
    const db = openDb();
    const needsPath = (host: string) => SERVICE_MATCHER.needsPath(host);
    const [daily, paths] = await Promise.all([dailyBetween(db, first, last), pathUsesBetween(db, needsPath, range.from, range.to)]);
    return servicesSeen(daily.rows, daily.hosts, paths);
  }, [JSON.stringify(period), opened]);
}
