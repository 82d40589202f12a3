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

/** A span of time, ms since the epoch: `from` inclusive, `to` exclusive. */
export interface Range {
  from: number;
  to: number;
}

export function isPeriod(value: unknown): value is Period {
  return typeof value === 'string' && (PERIODS as readonly string[]).includes(value);
}

/**
 * A period as whole hours, ending with the current one: "7 days" is this hour and the 167
 * before it (figures are kept per hour; see store/hour-rollup.ts). "all" starts with the
 * earliest hour that holds a visit.
 */
export function periodRange(period: Period, now: number, earliestHour: number | null): Range {
  const to = Math.floor(now / HOUR) * HOUR + HOUR;
  if (period === 'all') return { from: Math.min(earliestHour ?? to - HOUR, to - HOUR), to };
  return { from: to - LENGTH[period], to };
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

/** Index of the slice holding `time`, or -1 outside the slices. */
export function sliceOf(slices: Slices, time: number): number {
  const index = Math.floor((time - slices.from) / slices.width);
  return index >= 0 && index < slices.count ? index : -1;
}
