/**
 * The periods a report covers, and the slices a trend is drawn over. Days are the
 * reader's calendar days (local midnight to local midnight, 23 or 25 hours when the clocks
 * change), so "7 days" is today and the six days before it, in the popup and on the report
 * page alike; "24 hours" is the current hour and the 23 before it. Figures are kept per
 * hour (store/visit-rollup.ts), so every range starts and ends on an hour.
 */
export const PERIODS = ['24h', '7d', '30d', 'all'] as const;
export type Period = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: Period = '7d';

import { addDays, startOfDay } from '../../store/calendar.js';

const HOUR = 3_600_000;
const DAYS: Record<'7d' | '30d', number> = { '7d': 7, '30d': 30 };

/** A span of time, ms since the epoch: `from` inclusive, `to` exclusive. */
export interface Range {
  from: number;
  to: number;
}

export function isPeriod(value: unknown): value is Period {
  return typeof value === 'string' && (PERIODS as readonly string[]).includes(value);
}

/** One of the popup's periods, ending now. "all" starts on the day of the earliest visit. */
export function periodRange(period: Period, now: number, earliest: number | null): Range {
  if (period === '24h') {
    const to = Math.floor(now / HOUR) * HOUR + HOUR;
    return { from: to - 24 * HOUR, to };
  }
  const tomorrow = addDays(startOfDay(now), 1);
  if (period === 'all') return { from: startOfDay(Math.min(earliest ?? now, now)), to: tomorrow };
  return { from: addDays(tomorrow, -DAYS[period]), to: tomorrow };
}

/** The calendar days from `first` to `last` (any times within them), both included. */
export function daysRange(first: number, last: number): Range {
  const [a, b] = first <= last ? [first, last] : [last, first];
  return { from: startOfDay(a), to: addDays(startOfDay(b), 1) };
}

export interface Slices {
  /** start of each slice, ascending; a slice ends where the next starts */
  starts: number[];
  /** end of the last slice */
  end: number;
  unit: 'hour' | 'day' | 'week';
}

/**
 * Trend slices over a range: hours over a day or less, calendar days up to two months,
 * weeks (of calendar days) beyond.
 */
export function slicesOver(range: Range): Slices {
  const starts: number[] = [];
  if (range.to - range.from <= 25 * HOUR) {
    for (let t = range.from; t < range.to; t += HOUR) starts.push(t);
    return { starts, end: range.to, unit: 'hour' };
  }
  const days = Math.round((range.to - range.from) / (24 * HOUR));
  const step = days <= 62 ? 1 : 7;
  starts.push(range.from);
  for (let t = addDays(startOfDay(range.from), step); t < range.to; t = addDays(t, step)) starts.push(t);
  return { starts, end: range.to, unit: step === 1 ? 'day' : 'week' };
}

/** Index of the slice holding `time`, or -1 outside the slices. */
export function sliceOf(slices: Slices, time: number): number {
  const { starts } = slices;
  if (starts.length === 0 || time < starts[0]! || time >= slices.end) return -1;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= time) low = middle;
    else high = middle - 1;
  }
  return low;
}
