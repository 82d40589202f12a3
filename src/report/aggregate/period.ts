/**
 * The periods a report covers, and the equal slices a trend is drawn over. Slices are
 * counted back from the end of the range so that the last one always ends at its end
 * ("now" for the popup's periods).
 */
export const PERIODS = ['24h', '7d', '30d', 'all'] as const;
export type Period = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: Period = '7d';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LENGTH: Record<Exclude<Period, 'all'>, number> = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY };

/** A span of time, ms since the epoch: `from` inclusive, `to` inclusive. */
export interface Range {
  from: number;
  to: number;
}

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
 * Trend slices over a range: hours up to a day, days up to two months, weeks beyond. The
 * slices end at the range's end and cover at least its start.
 */
export function slicesOver(range: Range): Slices {
  const span = Math.max(0, range.to - range.from);
  const width = span <= DAY ? HOUR : span <= 60 * DAY ? DAY : 7 * DAY;
  const count = Math.max(1, Math.ceil(span / width));
  return { from: range.to - count * width, width, count };
}

/** Trend slices of a period; for "all", from the earliest visit (or just now when there is none). */
export function slicesFor(period: Period, now: number, earliest: number | null): Slices {
  return slicesOver({ from: period === 'all' ? (earliest ?? now) : periodStart(period, now), to: now });
}

/** Index of the slice holding `time`, or -1 outside the slices. */
export function sliceOf(slices: Slices, time: number): number {
  const index = Math.floor((time - slices.from) / slices.width);
  return index >= 0 && index < slices.count ? index : -1;
}
