/**
 * The schema (valibot) a participant's workshop summary must meet before the room merges
 * it. Summaries reach the facilitator from anyone's laptop, so every number is finite and
 * in range, every string bounded, every list sized, and parsing keeps only the fields
 * below: v.object drops unknown keys, so a hand-edited file cannot carry a site name into
 * the room report through a field the format does not have.
 */
import * as v from 'valibot';
import { SUMMARY_FORMAT, SUMMARY_VERSION } from '../export/workshop-summary.js';
import { LABEL_LENGTH, LABEL_PATTERN } from '../export/summary-label.js';
import { REACH_FIGURES, type ReachKey } from '../../store/figures.js';

/**
 * Well above a real summary: the catalogue holds a few thousand companies (and a summary
 * lists only those seen on two sites or more); ISO 3166 has 249 country codes.
 */
const MAX_COMPANIES = 10_000;
const MAX_COUNTRIES = 300;
/** A century of days: the longest period a browser's history could plausibly span. */
const MAX_PERIOD_DAYS = 36_600;

const share = v.pipe(
  v.number(),
  v.finite('a finite number'),
  v.minValue(0, 'a share of at least 0'),
  v.maxValue(1, 'a share of at most 1'),
);
const count = v.pipe(
  v.number(),
  v.integer('a whole number'),
  v.minValue(0, 'a count of at least 0'),
  v.maxValue(2 ** 40, 'a count below 2^40'),
);
const text = (max: number) => v.pipe(v.string(), v.maxLength(max, `at most ${max} characters`));
const name = v.pipe(v.string(), v.minLength(1, 'a name'), v.maxLength(200, 'a name of at most 200 characters'));
const country = v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'a two-letter country code'));

/** True for a real calendar day written YYYY-MM-DD (`2026-02-30` is not one). */
function isCalendarDay(day: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return false;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const parsed = new Date(Date.UTC(year, month - 1, date));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === date;
}

/** A list's keys (company names, country codes) each appear once: the extension never writes one twice. */
const allDifferent = (keys: readonly string[]): boolean => new Set(keys).size === keys.length;

const companySchema = v.object({
  name,
  parent: v.nullable(name),
  jurisdiction: v.nullable(country),
  prism: v.boolean(),
  siteShare: share,
  visitShare: share,
});

/**
 * A share of page visits per reach figure of store/figures.ts, null when unknown. Summaries
 * of format version 1 all carry the first four; a figure added since is absent from the
 * summaries of earlier extensions, and reads as unknown (null) for them.
 */
const VERSION_1_REACHES: readonly string[] = ['usReach', 'prismReach', 'upstreamReach', 'trackerReach'];
const reachShares = Object.fromEntries(
  REACH_FIGURES.map((figure) => [
    figure.key,
    VERSION_1_REACHES.includes(figure.key) ? v.nullable(share) : v.optional(v.nullable(share), null),
  ]),
) as Record<ReachKey, v.NullableSchema<typeof share, undefined> | v.OptionalSchema<v.NullableSchema<typeof share, undefined>, null>>;

const countryShareSchema = v.object({ country, visitShare: share });

const countryList = v.pipe(
  v.array(countryShareSchema),
  v.maxLength(MAX_COUNTRIES, `at most ${MAX_COUNTRIES} countries`),
  v.check((items) => allDifferent(items.map((c) => c.country)), 'a list naming each country once'),
);

export const summarySchema = v.object({
  format: v.literal(SUMMARY_FORMAT, `the format "${SUMMARY_FORMAT}"`),
  version: v.literal(SUMMARY_VERSION, `format version ${SUMMARY_VERSION}`),
  contains: text(2000),
  /** optional: summaries made before labels have none; still version 1, as a reader of version 1 only gains a field */
  label: v.optional(v.pipe(v.string(), v.regex(LABEL_PATTERN, `a label of ${LABEL_LENGTH} capital letters and digits`))),
  extension: v.object({ version: text(50) }),
  period: v.object({
    days: v.pipe(
      v.number(),
      v.integer('a whole number of days'),
      v.minValue(1, 'at least one day'),
      v.maxValue(MAX_PERIOD_DAYS, `at most ${MAX_PERIOD_DAYS} days`),
    ),
    lastDay: v.pipe(v.string(), v.check(isCalendarDay, 'a calendar day (YYYY-MM-DD)')),
  }),
  figures: v.object({
    pageVisits: count,
    sites: count,
    ...reachShares,
    /** a median count of observers, not a share: bounded by what a page could load */
    observersPerPage: v.nullable(
      v.pipe(v.number(), v.finite('a finite number'), v.minValue(0, 'at least 0'), v.maxValue(100_000, 'at most 100000')),
    ),
    clearText: v.nullable(share),
  }),
  companies: v.pipe(
    v.array(companySchema),
    v.maxLength(MAX_COMPANIES, `at most ${MAX_COMPANIES} companies`),
    v.check((items) => allDifferent(items.map((c) => c.name)), 'a list naming each company once'),
  ),
  serverCountries: countryList,
  jurisdictions: countryList,
});
