import { openDb } from '../../store/db.js';
import { dailyBetween, rollupsBetween } from '../../store/queries.js';
import { DAYS, HOURS } from '../../store/rollup-grains.js';
import { exposureFromHours, type Exposure } from '../aggregate/exposure.js';
import { slicesOver, type Range } from '../aggregate/period.js';
import { requestFigures, type RequestFigures } from '../aggregate/requests.js';
import { sitesOf, type SiteRow } from '../aggregate/sites.js';
import { useLiveQuery } from '../use-live-query.js';
import { daysOf, rangeOf, type ReportPeriod } from './report-period.js';

export interface ReportData {
  range: Range;
  exposure: Exposure;
  requests: RequestFigures;
  sites: SiteRow[];
}

/**
 * Everything the report's views show for a period, from the roll-ups only (visit figures
 * per day, request counts per day, site and host), kept live as the worker stores more.
 */
export function useReportData(period: ReportPeriod): ReportData | undefined {
  const key = JSON.stringify(period);
  return useLiveQuery(async () => {
    const db = openDb();
    const range = rangeOf(period, Date.now());
    // A single day is drawn hour by hour; longer ranges day by day.
    const slices = slicesOver(range);
    const rows = await rollupsBetween(db, slices.unit === 'hour' ? HOURS : DAYS, range.from, range.to);
    const { first, last } = daysOf(range);
    const daily = await dailyBetween(db, first, last);
    const requests = requestFigures(daily.rows, daily.hosts);
    return { range, exposure: exposureFromHours(range, slices, rows), requests, sites: sitesOf(rows, range, requests) };
  }, [key]);
}
