import { openDb } from '../../store/db.js';
import { dailyBetween, rollupsBetween } from '../../store/queries.js';
import { DAYS, HOURS } from '../../store/rollup-grains.js';
import { slicesOver } from '../aggregate/period.js';
import { composeReport, type ReportData } from '../aggregate/report-data.js';
import { reportFromExport, type ExportTables } from '../export/export-report.js';
import { useLiveQuery } from '../use-live-query.js';
import { daysOf, rangeOf, type ReportPeriod } from './report-period.js';

export type { ReportData } from '../aggregate/report-data.js';

/**
 * Everything the report's views show for a period: from the roll-ups only (visit figures
 * per hour or day, request counts per day, site and host), kept live as the worker stores
 * more; or, when an export was opened, from that file.
 */
export function useReportData(period: ReportPeriod, opened: ExportTables | null): ReportData | undefined {
  const key = JSON.stringify(period);
  return useLiveQuery(async () => {
    const range = rangeOf(period, Date.now());
    if (opened) return reportFromExport(opened, range);
    const db = openDb();
    // A single day is drawn hour by hour; longer ranges day by day.
    const slices = slicesOver(range);
    const rows = await rollupsBetween(db, slices.unit === 'hour' ? HOURS : DAYS, range.from, range.to);
    const { first, last } = daysOf(range);
    const daily = await dailyBetween(db, first, last);
    return composeReport(range, slices, rows, daily.rows, daily.hosts);
  }, [key, opened]);
}
