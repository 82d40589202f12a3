/**
 * The ranges a stored time or number must fall in, whoever writes the row: capture (where
 * a browser's odd value is replaced) and an import (where a file's odd row is refused).
 * A row dated in the year 275760 would never age out, and one in 1970 would sit before
 * anything a browser can have recorded.
 */
import { dayOf } from './url-parts.js';

/** No browser running Upstream recorded anything before 2000. */
const EARLIEST_TIME = Date.UTC(2000, 0, 1);
/** Clocks disagree a little (another machine's export, a time zone change): a day ahead is still believed. */
const FUTURE_SLACK_MS = 24 * 60 * 60_000;

export function isPlausibleTime(time: number, now: number): boolean {
  return Number.isFinite(time) && time >= EARLIEST_TIME && time <= now + FUTURE_SLACK_MS;
}

/** A real calendar day (YYYY-MM-DD, local time as roll-ups keep it; `2026-02-30` is none) within the same range. */
export function isPlausibleDay(day: string, now: number): boolean {
  const noon = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T12:00:00Z`) : null;
  if (!noon || Number.isNaN(noon.getTime()) || noon.toISOString().slice(0, 10) !== day) return false;
  return day >= dayOf(EARLIEST_TIME) && day <= dayOf(now + FUTURE_SLACK_MS);
}

/**
 * A frame id as the browsers give it: -1 for none, 0 for the top frame, a safe integer for
 * others (Firefox's are large, built from process and window ids).
 */
export function isPlausibleFrame(frame: number): boolean {
  return Number.isSafeInteger(frame) && frame >= -1;
}

/**
 * Requests one page visit can hold: a page left open a month, polling twice a second, makes
 * about five million. (Capture counts them one by one; only a file can claim more.)
 */
export const MAX_VISIT_REQUESTS = 10_000_000;
/** Requests of one day from one site to one host: above what one core can record (about 5,000 a second, all day). */
export const MAX_DAILY_REQUESTS = 500_000_000;
