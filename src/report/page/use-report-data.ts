import { openDb } from '../../store/db.js';
import { dailyBetween, rollupsBetween } from '../../store/queries.js';
import { DAYS, HOURS } from '../../store/rollup-grains.js';
import { slicesOver } from '../aggregate/period.js';
import { composeReport, type ReportData } from '../aggregate/report-data.js';
import { reportFromExport, type ExportTables } from '../export/export-report.js';
import { useLiveAnswer, type LiveAnswer } from '../use-live-query.js';
import { daysOf, rangeOf, type ReportPeriod } from './report-period.js';

export type { ReportData } from '../aggregate/report-data.js';

/**
 * Everything the report's views show for a period: from the roll-ups only (visit figures
 * per hour or day, request counts per day, site and host), kept live as the worker stores
 * more; or, when an export was opened, from that file. While another period is read, the
 * previous one's data stays (not current), so the page does not blank for the read.
 */
export function useReportData(period: ReportPeriod, opened: ExportTables | null): LiveAnswer<ReportData> {
  const key = JSON.stringify(period);
  return useLiveAnswer(async () => {
    const range = rangeOf(period, Date.now());
    if (opened) return reportFromExport(opened, range);
    const db = openDb();
    const started = performance.now();
    // A single day is drawn hour by hour; longer ranges day by day.
    const slices = slicesOver(range);
    const { first, last } = daysOf(range);
    let rollupsRead = 0;
    const [rows, daily] = await Promise.all([
      rollupsBetween(db, slices.unit === 'hour' ? HOURS : DAYS, range.from, range.to).then(
        (read) => ((rollupsRead = performance.now()), read),
      ),
      dailyBetween(db, first, last),
    ]);
    const dailyRead = performance.now();
    const report = composeReport(range, slices, rows, daily.rows, daily.hosts);
    // For the benchmark's split (test/bench/popup-render.bench.ts).
    performance.measure('upstream:report-rollups', { start: started, end: rollupsRead });
    // Read together: the daily rows' time is counted from the start, as the person waits for both.
    performance.measure('upstream:report-daily', {
      start: started,
      end: dailyRead,
      detail: { rows: daily.rows.length, hosts: daily.hosts.size },
    });
    performance.measure('upstream:report-compose', { start: dailyRead, end: performance.now() });
    return report;
  }, [key, opened]);
}
