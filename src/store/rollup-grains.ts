/**
 * The two grains page-visit figures are kept at: hours, for "the last 24 hours", and
 * calendar days, for everything counted in days (a week is 7 rows, not 168).
 */
import { addDays, startOfDay } from './calendar.js';
import { HOUR } from './visit-rollup.js';

export interface Grain {
  /** the table holding this grain's rows */
  table: 'hours' | 'days';
  /** start of the bucket holding `time` */
  start(time: number): number;
  /** start of the bucket after the one starting at `start` */
  next(start: number): number;
}

export const HOURS: Grain = { table: 'hours', start: (time) => Math.floor(time / HOUR) * HOUR, next: (start) => start + HOUR };
export const DAYS: Grain = { table: 'days', start: startOfDay, next: (start) => addDays(start, 1) };
export const GRAINS: readonly Grain[] = [HOURS, DAYS];
