/**
 * Names of Object.prototype members as site, host, company and tracker-category
 * names, captured and imported: the roll-ups keep them as ordinary keys, so every figure is
 * what the same browsing gives under an ordinary name. Before, a site named `constructor`
 * turned its hour's and day's counts into text (the rows no longer decoded: every visit of
 * that hour and day vanished, and rebuilding wrote the same row), and `__proto__` dropped out.
 */
import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import { ingest } from '../../src/capture/ingest.js';
import { reserveVisitIds } from '../../src/capture/capture-state.js';
import type { Classifier } from '../../src/store/classifier.js';
import type { UpstreamDb } from '../../src/store/db.js';
import { domainOnlyClassifier } from '../../src/store/domain-only-classifier.js';
import { Interner } from '../../src/store/interner.js';
import { dailyBetween, packedRollupsBetween, rollupsBetween } from '../../src/store/queries.js';
import { DAYS, GRAINS, HOURS } from '../../src/store/rollup-grains.js';
import { tryDecodeRollup, type PackedHour, type StoredRollup } from '../../src/store/visit-rollup.js';
import { repairRollups } from '../../src/store/visit-rollups.js';
import { exposureFromPacked } from '../../src/report/aggregate/exposure.js';
import { daysRange, slicesOver, type Range } from '../../src/report/aggregate/period.js';
import { composeReport } from '../../src/report/aggregate/report-data.js';
import { exportHeader, exportJson } from '../../src/report/export/export-json.js';
import { exportTables, reportFromExport } from '../../src/report/export/export-report.js';
import type { ExportFile } from '../../src/store/export-file/export-format.js';
import { importIntoStore } from '../../src/store/export-file/import-into-store.js';
import { parseExport } from '../../src/store/export-file/parse-export.js';
import { JournalWriter } from './helpers/journal.js';
import { freshDb, settings } from './helpers/test-store.js';

import { PROTOTYPE_NAMES } from './helpers/prototype-names.js';
const HOUR = 3_600_000;
const T = Date.UTC(2026, 10, 20, 9);
const ONE_DAY = daysRange(T, T);
const TWO_DAYS = daysRange(T, T + 24 * HOUR);

/**
 * Google (US, PRISM) on google-analytics.com; ads.example belongs to a company called
 * `name`, a tracker whose category is `name` in lower case (the form category ids take).
 */
function classifierNaming(name: string): Classifier {
  return {
    version: 'test',
    host(host) {
      const base = domainOnlyClassifier.host(host);
      if (base.domain === 'google-analytics.com')
        return {
          ...base,
          company: 'Google',
          parent: 'Alphabet',
          jurisdiction: 'US',
          prism: true,
          tracker: { name: 'GA', category: 'site_analytics' },
        };
      if (base.domain === 'ads.example')
        return {
          ...base,
          company: name,
          parent: null,
          jurisdiction: 'FR',
          prism: false,
          tracker: { name: 'Ads', category: name.toLowerCase() },
        };
      return base;
    },
    ip: (address) => ({ country: address.startsWith('192.0.2.') ? 'US' : 'FR', asn: null, network: null }),
    thirdParty: (page, request) => domainOnlyClassifier.thirdParty(page, request),
  };
}

/**
 * Six visits in one hour, one the day after: news ×2, shop, blog, and the site `name`
 * (http://name/); the host `name` is a third party on blog; the company `name` on news,
 * shop and the site `name`. Google is on four sites, so the top observer never ties.
 */
async function browse(db: UpstreamDb, name: string): Promise<void> {
  const j = new JournalWriter();
  const page = (url: string, tabId: number, minute: number, requests: [string, string?][]) => {
    const time = T + minute * 60_000;
    j.navigate(url, tabId, time);
    requests.forEach(([request, ip], i) => j.request({ url: request, tabId, time: time + 10 + i, ...(ip ? { ip } : {}) }));
  };
  page('https://news.example/a', 1, 1, [
    ['https://www.google-analytics.com/collect', '192.0.2.1'],
    ['https://ads.example/px', '198.51.100.1'],
  ]);
  page('https://news.example/b', 1, 5, [['https://www.google-analytics.com/collect', '192.0.2.1']]);
  page('https://shop.example/', 2, 10, [
    ['https://ads.example/px', '198.51.100.1'],
    ['https://www.google-analytics.com/collect', '192.0.2.1'],
  ]);
  page('https://blog.example/', 3, 20, [
    [`https://${name}/pixel.gif`, '198.51.100.9'],
    ['https://www.google-analytics.com/collect', '192.0.2.1'],
  ]);
  page(`http://${name}/`, 4, 30, [
    ['https://www.google-analytics.com/collect', '192.0.2.1'],
    ['https://ads.example/px', '198.51.100.1'],
    [`http://${name}/style.css`],
  ]);
  page('https://news.example/c', 1, 24 * 60, [['https://www.google-analytics.com/collect', '192.0.2.1']]);
  await ingest(db, j.take(), classifierNaming(name), settings(), new Interner());
}

/** Strings naming `name` (as given, and as a URL lower-cases it) read "NAME", so two runs compare. */
function renamed(value: unknown, name: string): unknown {
  const names = new Set([name, name.toLowerCase()]);
  if (typeof value === 'string') {
    if (names.has(value)) return 'NAME';
    if (/^[cd]:/.test(value) && names.has(value.slice(2))) return `${value.slice(0, 2)}NAME`;
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => renamed(item, name));
  if (value instanceof Map || value instanceof Set) return renamed([...value], name);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renamed(item, name)]));
  return value;
}

const sortedBy = <T>(list: T[], key: (item: T) => string) => [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

/** What the popup (rows left packed) and the report page (rows decoded, with the daily request counts) show for a range, names made comparable. */
async function figures(db: UpstreamDb, name: string, range: Range) {
  const slices = slicesOver(range);
  const grain = slices.unit === 'hour' ? HOURS : DAYS;
  const popup = exposureFromPacked(range, slices, await packedRollupsBetween(db, grain, range.from, range.to));
  const daily = await dailyBetween(db, new Date(range.from).toISOString().slice(0, 10), new Date(range.to - 1).toISOString().slice(0, 10));
  const report = composeReport(range, slices, await rollupsBetween(db, grain, range.from, range.to), daily.rows, daily.hosts);
  return comparable({ popup, report: { exposure: report.exposure, sites: report.sites } }, name);
}

function comparable(shown: { popup: object; report: { exposure: object; sites: object } }, name: string) {
  type Observer = { key: string };
  type Site = { site: string; observers: Observer[] };
  const exposure = (e: object): Record<string, unknown> & { observers: Observer[] } => {
    const r = renamed(e, name) as Record<string, unknown> & { observers: Observer[] };
    return { ...r, observers: sortedBy(r.observers, (o) => o.key) };
  };
  const sites = sortedBy(renamed(shown.report.sites, name) as Site[], (s) => s.site).map((s) => ({
    ...s,
    observers: sortedBy(s.observers, (o) => o.key),
  }));
  return { popup: exposure(shown.popup), report: exposure(shown.report.exposure), sites };
}

async function expectEveryRollupDecodes(db: UpstreamDb) {
  for (const grain of GRAINS)
    for (const row of await db[grain.table].toArray())
      expect(tryDecodeRollup(row), `${grain.table} ${new Date(row.h).toISOString()}`).not.toBeNull();
}

/** What the store shows after browsing under `name`: captured, or exported, imported into a fresh store and opened as a file. */
async function shownFor(name: string) {
  const source = freshDb('proto-keys');
  await browse(source, name);
  await expectEveryRollupDecodes(source);
  const captured = { day: await figures(source, name, ONE_DAY), days: await figures(source, name, TWO_DAYS) };

  const { blob } = await exportJson(source, exportHeader('0.1.0', [], false, new Date(T + 3 * 24 * HOUR)));
  const file: ExportFile = parseExport(await blob.text());
  // A file can name a site in any case ("toString"); captured sites are lower case.
  const site = (s: string) => (s === name.toLowerCase() ? name : s);
  file.visits = file.visits.map((v) => ({ ...v, site: site(v.site) }));
  file.daily = file.daily.map((d) => ({ ...d, site: site(d.site) }));
  expect(file.visits.filter((v) => v.site === name)).toHaveLength(1);
  const target = freshDb('proto-keys');
  await importIntoStore(target, file, {
    classifier: classifierNaming(name),
    interner: new Interner(),
    settings: settings(),
    reserveVisitIds: (count) => reserveVisitIds(target, count),
  });
  await expectEveryRollupDecodes(target);
  const imported = { day: await figures(target, name, ONE_DAY), days: await figures(target, name, TWO_DAYS) };

  // Opened rather than imported: the file's own verdicts, its visits folded on the spot.
  const report = reportFromExport(exportTables(file), ONE_DAY);
  const opened = comparable({ popup: report.exposure, report: { exposure: report.exposure, sites: report.sites } }, name);
  return { captured, imported, opened };
}

/** An ordinary name in the same case as `name`: a file's "Ordinary" site meets its host "ordinary" as "toString" meets "tostring". */
const ordinaryLike = (name: string) => (name === name.toLowerCase() ? 'ordinary' : 'Ordinary');
const controls = new Map<string, ReturnType<typeof shownFor>>();
function ordinaryShown(name: string) {
  const ordinary = ordinaryLike(name);
  if (!controls.has(ordinary)) controls.set(ordinary, shownFor(ordinary));
  return controls.get(ordinary)!;
}

test('the ordinary run these are compared with counts every visit, site and observer', async () => {
  const { captured, imported, opened } = await ordinaryShown('ordinary');
  for (const shown of [captured.day.popup, captured.day.report, imported.day.popup, opened.report] as {
    visits: number;
    sites: number;
    observers: { key: string; sites: number }[];
    topObserver: { name: string };
  }[]) {
    expect([shown.visits, shown.sites]).toEqual([5, 4]);
    expect(shown.observers.map((o) => [o.key, o.sites])).toEqual([
      ['c:Google', 4],
      ['c:NAME', 3],
      ['d:NAME', 1],
    ]);
    expect(shown.topObserver.name).toBe('Google');
  }
  expect(captured.days.popup.visits).toBe(6);
});

for (const name of PROTOTYPE_NAMES) {
  test(`"${name}" as a site, a host, a company and a category, captured, imported or opened, leaves every figure as an ordinary name would`, async () => {
    const shown = await shownFor(name);
    const expected = await ordinaryShown(name);
    expect(shown.captured, 'captured').toEqual(expected.captured);
    expect(shown.imported, 'imported').toEqual(expected.imported);
    expect(shown.opened, 'opened').toEqual(expected.opened);
  });
}

/**
 * The row earlier builds stored for a bucket holding the site `name`: a count read through
 * Object.prototype (`constructor`: the function's text with the count after it, which no
 * longer decodes), or, for `__proto__`, a site that was never stored (the row decodes, short of it).
 */
function asEarlierBuildsWrote(stored: StoredRollup, name: string): StoredRollup {
  const packed = JSON.parse(stored.j) as PackedHour;
  const at = packed.s.findIndex(([site]) => site === name);
  expect(at).toBeGreaterThanOrEqual(0);
  const inherited = (Object.prototype as unknown as Record<string, unknown>)[name];
  const counted = (count: number) => `${String(inherited)}${count}` as unknown as number;
  if (typeof inherited === 'function') {
    packed.s[at]![1] = counted(packed.s[at]![1]);
    for (const o of packed.o) for (let i = 0; i < o[5].length; i += 2) if (o[5][i] === at) o[5][i + 1] = counted(o[5][i + 1]!);
  } else {
    packed.s.splice(at, 1);
    for (const o of packed.o) {
      const kept: number[] = [];
      for (let i = 0; i < o[5].length; i += 2) if (o[5][i] !== at) kept.push(o[5][i]! > at ? o[5][i]! - 1 : o[5][i]!, o[5][i + 1]!);
      o[5] = kept;
    }
  }
  return { h: stored.h, j: JSON.stringify(packed) };
}

for (const name of ['constructor', '__proto__']) {
  test(`rows an earlier build wrote for a site named "${name}" are found by the integrity check and rebuilt right`, async () => {
    const db = freshDb('proto-keys');
    await browse(db, name);
    for (const grain of GRAINS) {
      const stored = (await db[grain.table].get(grain.start(T)))!;
      const damaged = asEarlierBuildsWrote(stored, name);
      expect(tryDecodeRollup(damaged), grain.table).toBeNull();
      await db[grain.table].put(damaged);
    }
    expect(await repairRollups(db)).toEqual({ checked: 4, rebuilt: 2 });
    await expectEveryRollupDecodes(db);
    const day = await figures(db, name, ONE_DAY);
    expect(day).toEqual((await ordinaryShown(name)).captured.day);
  });
}
