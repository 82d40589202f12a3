/**
 * The report page's period: today, the last 7 or 30 days, or any range of calendar days.
 * Kept in the address (#/view?period=…) so a view can be reloaded, bookmarked or shared
 * within the browser as it is.
 */
import { daysRange, periodRange, type Range } from '../aggregate/period.js';
import { dayOf } from '../../store/url-parts.js';

export type ReportPeriod = { kind: 'day' | 'week' | 'month' } | { kind: 'custom'; first: string; last: string };

const DEFAULT_REPORT_PERIOD: ReportPeriod = { kind: 'week' };
const DAY_TEXT = /^\d{4}-\d{2}-\d{2}$/;

/** Local midnight of a YYYY-MM-DD day, or null when it is not one. */
export function dayStart(day: string): number | null {
  if (!DAY_TEXT.test(day)) return null;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d ? date.getTime() : null;
}

export function rangeOf(period: ReportPeriod, now: number): Range {
  switch (period.kind) {
    case 'day':
      return daysRange(now, now);
    case 'week':
      return periodRange('7d', now, null);
    case 'month':
      return periodRange('30d', now, null);
    case 'custom':
      return daysRange(dayStart(period.first) ?? now, dayStart(period.last) ?? now);
  }
}

/** The first and last calendar day of a range of whole days (for the daily roll-ups). */
export function daysOf(range: Range): { first: string; last: string } {
  return { first: dayOf(range.from), last: dayOf(range.to - 1) };
}

export function parsePeriod(text: string | null): ReportPeriod {
  if (text === 'day' || text === 'week' || text === 'month') return { kind: text };
  const match = text ? /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text) : null;
  if (match && dayStart(match[1]!) !== null && dayStart(match[2]!) !== null) return { kind: 'custom', first: match[1]!, last: match[2]! };
  return DEFAULT_REPORT_PERIOD;
}

export function formatPeriod(period: ReportPeriod): string {
  return period.kind === 'custom' ? `${period.first}..${period.last}` : period.kind;
}
