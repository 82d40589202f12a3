/**
 * Everything the report page's views show for a range, from visit roll-ups and daily
 * request roll-ups: the same function serves the browser's own record (rows read from the
 * store) and an opened export (rows folded from the file).
 */
import type { VisitRollupRow } from '../../store/visit-rollup.js';
import type { DailyFacts, HostTable } from '../../store/visit-facts.js';
import { exposureFromHours, type Exposure } from './exposure.js';
import type { Range, Slices } from './period.js';
import { requestFigures, type RequestFigures } from './requests.js';
import { sitesOf, type SiteRow } from './sites.js';

export interface ReportData {
  range: Range;
  exposure: Exposure;
  requests: RequestFigures;
  sites: SiteRow[];
}

export function composeReport(
  range: Range,
  slices: Slices,
  rows: readonly VisitRollupRow[],
  daily: readonly DailyFacts[],
  hosts: HostTable,
): ReportData {
  const requests = requestFigures(daily, hosts);
  return { range, exposure: exposureFromHours(range, slices, rows), requests, sites: sitesOf(rows, range, requests) };
}
