/**
 * The periods the compare view offers for each side: the report's own presets, the same
 * length just before them, and the period chosen in the report's picker. Each is a report
 * period (report-period.ts), so a side is read exactly as the overview reads that period.
 */
import { addDays, startOfDay } from '../../store/calendar.js';
import { dayOf } from '../../store/url-parts.js';
import type { ReportPeriod } from './report-period.js';

export const SPANS = ['week', 'previousWeek', 'day', 'previousDay', 'month', 'previousMonth', 'chosen'] as const;
export type Span = (typeof SPANS)[number];

/** How many days back each "previous" span ends, and how long it is. */
const PREVIOUS: Record<'previousDay' | 'previousWeek' | 'previousMonth', number> = { previousDay: 1, previousWeek: 7, previousMonth: 30 };

/** The report period a span stands for on `now`'s day; `chosen` is the period of the report's own picker. */
export function spanPeriod(span: Span, now: number, chosen: ReportPeriod): ReportPeriod {
  switch (span) {
    case 'day':
    case 'week':
    case 'month':
      return { kind: span };
    case 'chosen':
      return chosen;
    default: {
      const days = PREVIOUS[span];
      const today = startOfDay(now);
      return { kind: 'custom', first: dayOf(addDays(today, -2 * days + 1)), last: dayOf(addDays(today, -days)) };
    }
  }
}
