/**
 * Numbers, shares, dates and country names in the reader's language, through `Intl`
 * (no table of translations of our own). Flags are emoji built from the country code:
 * no image files, and systems without flag glyphs show the two letters instead.
 */
import { uiLanguage } from '../../shared/browser.js';

export interface Format {
  locale: string;
  number(value: number): string;
  /** 0.834 → "83 %"; small non-zero shares keep one decimal so they do not read as zero */
  share(value: number | null): string;
  country(code: string): string;
  date(time: number): string;
  /** a calendar day, without the time */
  day(time: number): string;
}

const COUNTRY_CODE = /^[A-Z]{2}$/;

/** The flag emoji of an ISO 3166-1 alpha-2 code (regional indicator symbols), or "" for anything else. */
export function flagOf(code: string): string {
  if (!COUNTRY_CODE.test(code)) return '';
  return String.fromCodePoint(...[...code].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
}

function makeFormat(locale: string): Format {
  const whole = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const finePercent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const days = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short' });
  return {
    locale,
    number: (value) => whole.format(value),
    share: (value) => (value === null ? '–' : value > 0 && value < 0.01 ? finePercent.format(value) : percent.format(value)),
    country: (code) => {
      try {
        return COUNTRY_CODE.test(code) ? (names.of(code) ?? code) : code;
      } catch {
        return code;
      }
    },
    date: (time) => dates.format(time),
    day: (time) => days.format(time),
  };
}

let shared: Format | null = null;

/** The formatter for the browser's interface language. */
export function format(): Format {
  shared ??= makeFormat(uiLanguage());
  return shared;
}
