/**
 * The report's words and numbers in English and French: counts, shares and dates through
 * `Intl` (format.ts, locale-numbers.ts), the plural messages of `_locales` filled as the
 * browser fills them, and a walk over the locale files and the report's sources so that a
 * message putting a count into a sentence always has its plural forms.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { localeFormat } from '../../src/report/components/locale-format.js';
import { localeNumbers } from '../../src/report/components/locale-numbers.js';

const root = path.resolve(import.meta.dirname, '../..');
type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const locales = Object.fromEntries(
  ['en', 'fr'].map((l) => [l, JSON.parse(readFileSync(path.join(root, 'extension/_locales', l, 'messages.json'), 'utf8')) as Messages]),
);
const COUNTS = [0, 1, 2, 1.5, 1234567];
// Spaces a line may break at: none may sit inside a number or before "%".
const BREAKABLE = /[ \u2000-\u200A]/;

/** A message with its substitutions, as `browser.i18n.getMessage` fills it (named placeholders, then $1…$9). */
function fill(locale: string, name: string, ...substitutions: string[]): string {
  const entry = locales[locale]![name];
  if (!entry) throw new Error(`no message ${name} in ${locale}`);
  const named = entry.message.replace(/\$(\w+)\$/g, (_, key: string) => entry.placeholders?.[key.toLowerCase()]?.content ?? '');
  return named.replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? '');
}

/** What the report's `counted` prints: the plural form chosen by the locale's rules, the count formatted as $1. */
function counted(locale: string, name: string, count: number, ...more: string[]): string {
  const n = localeNumbers(locale);
  return fill(locale, n.messageName(name, count), n.number(count), ...more);
}

test('numbers, shares and dates of the report in English and French, never breakable inside', () => {
  const en = localeFormat('en');
  const fr = localeFormat('fr');
  expect(COUNTS.map(en.number)).toEqual(['0', '1', '2', '1.5', '1,234,567']);
  expect(COUNTS.map(fr.number)).toEqual(['0', '1', '2', '1,5', '1\u202F234\u202F567']);
  expect([0, 1, 0.5, 0.0001, 0.9999].map(en.share)).toEqual(['0%', '100%', '50%', '0.1%', '99.9%']);
  expect(fr.share(1)).toMatch(/^100[\u00A0\u202F]%$/);
  expect(fr.share(0.015)).toMatch(/^2[\u00A0\u202F]%$/);
  expect(en.share(null)).toBe('–');
  for (const f of [en, fr])
    for (const text of [...COUNTS.map(f.number), ...[0, 0.5, 1, 0.0001].map(f.share)]) expect(text).not.toMatch(BREAKABLE);
  const time = Date.UTC(2026, 11, 7, 12);
  expect(en.date(time)).toMatch(/Dec 7, 2026/);
  expect(fr.date(time)).toMatch(/7 déc\. 2026/);
  // A chart's slices: the reader's own order of day and month, and a 24-hour clock in French.
  expect(en.slice(time, 'day')).toBe('12/7');
  expect(fr.slice(time, 'day')).toBe('07/12');
  expect(fr.slice(time, 'hour')).toMatch(/^\d{2}:00$/);
  expect(en.slice(time, 'hour')).toMatch(/^\d{1,2}:00\s?[AP]M$/);
  expect(en.country('FR')).toBe('France');
  expect(fr.country('US')).toBe('États-Unis');
  expect(fr.country('XX')).toBe('XX');
});

test('plural messages in English and French for 0, 1, 2, 1.5 and a large count', () => {
  const visits = (l: string) => COUNTS.map((c) => counted(l, 'pageVisitCount', c));
  expect(visits('en')).toEqual(['0 page visits', '1 page visit', '2 page visits', '1.5 page visits', '1,234,567 page visits']);
  expect(visits('fr')).toEqual([
    '0 page visitée',
    '1 page visitée',
    '2 pages visitées',
    '1,5 page visitée',
    '1\u202F234\u202F567 pages visitées',
  ]);
  expect(COUNTS.map((c) => counted('en', 'requestsCount', c))).toEqual([
    '0 requests',
    '1 request',
    '2 requests',
    '1.5 requests',
    '1,234,567 requests',
  ]);
  expect(COUNTS.map((c) => counted('fr', 'siteCount', c))).toEqual([
    '0 site',
    '1 site',
    '2 sites',
    '1,5 site',
    '1\u202F234\u202F567 sites',
  ]);
  // Sentences built of counted parts: "1 page visit on 1 site", not "1 visits", "1 of 1 visits".
  expect(fill('en', 'periodVisitsOn', counted('en', 'pageVisitCount', 1), counted('en', 'siteCount', 1))).toBe('1 page visit on 1 site.');
  expect(fill('fr', 'periodVisitsOn', counted('fr', 'pageVisitCount', 3), counted('fr', 'siteCount', 1))).toBe(
    '3 pages visitées sur 1 site.',
  );
  expect(fill('en', 'visitsOf', '1', counted('en', 'pageVisitCount', 1))).toBe('1 of 1 page visit');
  expect(fill('fr', 'visitsOf', '1', counted('fr', 'pageVisitCount', 1))).toBe('1 sur 1 page visitée');
  expect(counted('en', 'siteSeenBy', 1, counted('en', 'siteSeenByUs', 1))).toBe('1 organisation saw you there, 1 of them under US law.');
  expect(counted('fr', 'siteSeenBy', 2, fill('fr', 'siteSeenByNoUs'))).toBe('2 organisations vous y ont vu, aucune sous droit américain.');
  expect(counted('en', 'importDuplicates', 1)).toBe('1 page visit was already here.');
  expect(counted('fr', 'importDuplicates', 1234567)).toBe('1\u202F234\u202F567 visites de pages étaient déjà là.');
  expect(counted('en', 'roomLede', 1, counted('en', 'pageVisitCount', 2), '1 Dec', '7 Dec')).toBe(
    '1 participant, 2 page visits in all, from 1 Dec to 7 Dec.',
  );
  expect(fill('en', localeNumbers('en').messageName('observersPerPageSentence', 1.5))).toMatch(/^organisations besides/);
  expect(fill('fr', localeNumbers('fr').messageName('observersPerPageSentence', 1.5))).toMatch(/^organisation en plus/);
  expect(fill('fr', 'siteSummary', counted('fr', 'pageVisitCount', 1), fill('fr', 'siteSeenByNone'))).toBe(
    '1 page visitée ; aucune organisation ne vous y a vu.',
  );
});

/**
 * Messages with a placeholder that is not a count, or whose counts come in already worded
 * by a plural message (`pageVisitCount`…) or stand bare in a table or in parentheses. A new
 * message with a placeholder must be a plural form or be named here, saying which it is.
 */
const NOT_COUNTS = new Set([
  // names, addresses, labels, versions, dates, errors
  ...['aboutVersion', 'aboutDataDate', 'thisPageOf', 'pageExcluded', 'pagePrism', 'unknownOwner', 'trendLabelHours', 'trendLabelDays'],
  ...['trendLabelWeeks', 'forgetConfirm', 'forgotten', 'commandFailed', 'group_own', 'settingsIncludeAgain', 'settingsIncluded'],
  ...['settingsExcludedDone', 'openedExport', 'exportSummaryLabelled', 'roomFileMerged', 'ownedBy', 'answersTo', 'alternativesHosts'],
  ...['importPreviewHeading', 'importPreviewHolds', 'importPreviewPeriod', 'underLawOf', 'lawLinkFor', 'settingsOwnCountryAuto'],
  ...['settingsOwnCountrySaved', 'ownCountryGroups', 'ownCountryNoGroup', 'logHeadingSite', 'trendNoVisit'],
  ...['alternativeRunBy', 'alternativesServiceLaw'],
  // a refused file: a version, a place in the file, a host name; sizes with a unit symbol (MB, Mo)
  ...['fileRefusedVersion', 'fileRefusedSchema', 'fileRefusedInconsistent', 'fileRefusedBadHost', 'fileRefusedTooBig'],
  // the compare view: a side's name or letter and a reason, a moment's date and time, an address's parameter names, a site
  ...['compareUnknownSide', 'compareUnknownNote', 'compareBefore', 'compareAfter', 'compareAddressRefused', 'compareSiteAbsent'],
  ...['hostAliasOf', 'hostServedBy', 'cloakedCountedAs', 'badgeCloakedTitle'],
  ...['hostedBy'],
  ...['answeredFromCdn', 'answeredFromShortCdn', 'answeredFromShortRegistry', 'answeredFromWho'],
  ...['answeredFromShortGeolocation', 'answeredFromShortAnycast'],
  // shares
  ...['topObserverSentence', 'sitesShare', 'visitsShare', 'trendSlice', 'compareShareOfVisits'],
  // counts in parentheses or in a table cell, with no noun of their own
  ...['usReachSentence', 'prismReachSentence', 'upstreamReachSentence', 'trackerReachSentence', 'clearTextSentence', 'roomWithValue'],
  ...['usHostedReachSentence'],
  // counted parts put together (their parts are plural messages)
  ...['periodVisitsOn', 'exportDone', 'exportCsvDone', 'companySeenOn', 'companyRequests', 'visitsOf', 'siteSummary', 'graphLabel'],
  ...['compareSideVisits', 'compareUp', 'compareDown', 'graphNodeSite', 'graphNodeCompany'],
  ...['importPreviewVisits', 'importDone', 'periodVisitsIn_24h', 'periodVisitsIn_7d', 'periodVisitsIn_30d', 'periodVisitsIn_all'],
]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(path.join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [path.join(dir, entry.name)] : [],
  );
}

test('every message with a count has its plural forms in English and French', () => {
  for (const [locale, messages] of Object.entries(locales)) {
    for (const key of Object.keys(messages)) {
      // A key ending in _other without a _one beside it is no plural form (bloc_other is the "other" bloc).
      const plural = /^(.+)_(one|other)$/.exec(key);
      const family = plural && messages[`${plural[1]}_one`] ? plural[1] : null;
      if (family) {
        expect(messages[`${family}_other`], `${locale}: ${family}_other`).toBeDefined();
      } else if (/\$(\d|\w+\$)/.test(messages[key]!.message)) {
        expect(NOT_COUNTS.has(key), `${locale}: ${key} has a placeholder: a plural form, or named in NOT_COUNTS`).toBe(true);
      }
    }
  }
  // Every name the report and the popup count with has both forms in both languages.
  const named = sources(path.join(root, 'src/report')).flatMap((file) => [
    ...readFileSync(file, 'utf8').matchAll(/(?:counted|messageName)\(\s*'(\w+)'/g),
  ]);
  expect(named.length).toBeGreaterThan(20);
  for (const [, name] of named)
    for (const [locale, messages] of Object.entries(locales))
      for (const form of ['one', 'other']) expect(messages[`${name}_${form}`], `${locale}: ${name}_${form}`).toBeDefined();
  for (const key of NOT_COUNTS) expect(locales.en![key], `NOT_COUNTS names ${key}, which no longer exists`).toBeDefined();
});

test('the report names no file of the repository: an installed extension has none', () => {
  for (const [locale, messages] of Object.entries(locales))
    for (const [key, { message }] of Object.entries(messages)) expect(message, `${locale}: ${key}`).not.toMatch(/docs\/|\.md\b/);
});
