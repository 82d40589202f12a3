/**
 * The periods a report covers, and the equal slices a trend is drawn over. Slices are
 * counted back from "now" so that the last one always ends at the present.
 */
export const PERIODS = ['24h', '7d', '30d', 'all'] as const;
export type Period = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: Period = '7d';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LENGTH: Record<Exclude<Period, 'all'>, number> = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY };

export function isPeriod(value: unknown): value is Period {
  return typeof value === 'string' && (PERIODS as readonly string[]).includes(value);
}

/** Start of the period (inclusive), ms since the epoch; 0 for "all". */
export function periodStart(period: Period, now: number): number {
  return period === 'all' ? 0 : now - LENGTH[period];
}

export interface Slices {
  /** start of the first slice */
  from: number;
  /** length of each slice, ms */
  width: number;
  count: number;
}

/**
 * Trend slices: hours over a day, days over a week or a month; for "all", days up to two
 * months of history, weeks beyond.
 */
export function slicesFor(period: Period, now: number, earliest: number | null): Slices {
  if (period === '24h') return { from: now - DAY, width: HOUR, count: 24 };
  if (period !== 'all') return { from: now - LENGTH[period], width: DAY, count: LENGTH[period] / DAY };
  const span = Math.max(0, now - (earliest ?? now));
  const width = span <= 60 * DAY ? DAY : 7 * DAY;
  const count = Math.max(1, Math.ceil(span / width));
  return { from: now - count * width, width, count };
}

/** Index of the slice holding `time`, or -1 outside the slices. */
export function sliceOf(slices: Slices, time: number): number {
  const index = Math.floor((time - slices.from) / slices.width);
  return index >= 0 && index < slices.count ? index : -1;
}
