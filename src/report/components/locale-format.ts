/**
 * Numbers, shares, dates and country names in the reader's language, through `Intl`
 * (no table of translations of our own). Pure: the caller passes the locale (format.ts
 * passes the browser's interface language), so these rules run and are tested in Node.
 * Counts and shares are those of locale-numbers.ts, shared with the popup: no breakable
 * space inside, never a false 0 % or 100 %. No flags: emoji flags are empty boxes where
 * the system has no flag glyphs, so a country is always written as its name.
 */
import { localeNumbers } from './locale-numbers.js';

export interface Format {
  locale: string;
  number(value: number): string;
  /** 0.834 → "83 %"; a share above 0 or below 1 never shows as 0 % or 100 %; null → "–" */
  share(value: number | null): string;
  country(code: string): string;
  date(time: number): string;
  /** a calendar day, without the time */
  day(time: number): string;
  /** the short label of a chart's slice: "14:00" for an hour, "7/12" or "07/12" for a day or a week's first day */
  slice(time: number, unit: 'hour' | 'day' | 'week'): string;
}

const COUNTRY_CODE = /^[A-Z]{2}$/;

export function localeFormat(locale: string): Format {
  const numbers = localeNumbers(locale);
  const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const days = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short' });
  const hours = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
  const shortDays = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric' });
  return {
    locale,
    number: numbers.number,
    share: (value) => (value === null ? '–' : numbers.share(value)),
    country: (code) => {
      try {
        return COUNTRY_CODE.test(code) ? (names.of(code) ?? code) : code;
      } catch {
        return code;
      }
    },
    date: (time) => dates.format(time),
    day: (time) => days.format(time),
    slice: (time, unit) => (unit === 'hour' ? hours : shortDays).format(time),
  };
}
