/**
 * Merging an export into the store (report page → worker): one browser's record imported
 * into another gives the same report, importing twice adds nothing, imported visits take ids
 * that capture will never reuse, the user's settings apply, and a bad file changes nothing.
 */
import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import { ingest } from '../../src/capture/ingest.js';
import { reserveVisitIds } from '../../src/capture/capture-state.js';
import type { Classifier } from '../../src/store/classifier.js';
import { UpstreamDb, unobservedDb } from '../../src/store/db.js';
import { domainOnlyClassifier } from '../../src/store/domain-only-classifier.js';
import { Interner } from '../../src/store/interner.js';
import type { Settings } from '../../src/store/settings.js';
import { buildRollupsOfRows } from '../../src/store/visit-rollup-build.js';
import { decodeRollup } from '../../src/store/visit-rollup.js';
import { GRAINS } from '../../src/store/rollup-grains.js';
import { exportHeader, exportJson } from '../../src/report/export/export-json.js';
import { parseExport } from '../../src/store/export-file/parse-export.js';
import { exportTables, reportFromExport } from '../../src/report/export/export-report.js';
import type { ExportFile } from '../../src/store/export-file/export-format.js';
import { importIntoStore, ImportError } from '../../src/store/export-file/import-into-store.js';
import { daysRange } from '../../src/report/aggregate/period.js';
import { JournalWriter } from './helpers/journal.js';
import { freshDb as newDb, settings } from './helpers/test-store.js';

const freshDb = () => newDb('import');
const T = Date.UTC(2026, 10, 27, 9);

const classifier: Classifier = {
  version: 'test',
  host(host, canonicalName) {
    const base = domainOnlyClassifier.host(host);
    // A name that is an alias of an Eulerian host is Eulerian's, as the real classifier finds (classify/cloaking.ts).
    if (canonicalName?.endsWith('.eulerian.net'))
      return {
        ...base,
        company: 'Eulerian',
        parent: null,
        jurisdiction: 'FR',
        prism: false,
        tracker: { name: 'Eulerian', category: 'site_analytics' },
        cloaked: true,
      };
    return base.domain.includes('google')
      ? {
          ...base,
          company: 'Google',
          parent: 'Alphabet',
          jurisdiction: 'US',
          prism: true,
          tracker: { name: 'GA', category: 'site_analytics' },
        }
      : base;
  },
  ip: (address) => ({ country: address.startsWith('192.0.2.') ? 'US' : 'FR', asn: null, network: null }),
  thirdParty: (page, request) => domainOnlyClassifier.thirdParty(page, request),
};

/** A browser's record: two sites over two days, Google on both, one server in the US, a request with no tab. */
async function browse(db: UpstreamDb, j = new JournalWriter(), start = T): Promise<void> {
  j.navigate('https://www.news.example/front?edition=fr', 1, start);
  j.request({ url: 'https://www.google-analytics.com/collect?uid=42', time: start + 10, ip: '192.0.2.7', type: 'ping', method: 'POST' });
  j.request({ url: 'https://cdn.news.example/a.js', time: start + 20, ip: '198.51.100.3', type: 'script' });
  j.navigate('http://shop.example/cart', 2, start + 86_400_000);
  j.request({ url: 'https://fonts.googleapis.com/css', tabId: 2, time: start + 86_400_000 + 30, ip: '192.0.2.8', type: 'stylesheet' });
  j.request({
    url: 'https://telemetry.example/beacon',
    tabId: -1,
    time: start + 86_400_000 + 40,
    initiator: 'https://shop.example',
    type: 'ping',
  });
  await ingest(db, j.take(), classifier, settings(), new Interner());
}

async function exportOf(db: UpstreamDb): Promise<ExportFile> {
  const { blob } = await exportJson(db, exportHeader('0.1.0', [], false, new Date(T + 3 * 86_400_000)));
  return parseExport(await blob.text());
}

function deps(db: UpstreamDb, over: Partial<Settings> = {}) {
  return { classifier, interner: new Interner(), settings: settings(over), reserveVisitIds: (count: number) => reserveVisitIds(db, count) };
}

const figures = (file: ExportFile) => {
  const {
    from: _f,
    to: _t,
    trend: _trend,
    ...exposure
  } = reportFromExport(exportTables(file), daysRange(T - 86_400_000, T + 2 * 86_400_000)).exposure;
  return exposure;
};

/** Stored roll-ups equal the stored visits folded from scratch, at every grain. */
async function expectRollupsMatchVisits(db: UpstreamDb) {
  const [visits, hosts, ips] = await Promise.all([db.visits.toArray(), db.hosts.toArray(), db.ips.toArray()]);
  for (const grain of GRAINS) {
    const stored = (await db[grain.table].orderBy('h').toArray()).map(decodeRollup);
    const rebuilt = [
      ...buildRollupsOfRows(visits, new Map(hosts.map((h) => [h.id!, h])), new Map(ips.map((i) => [i.id!, i])), grain).values(),
    ].sort((a, b) => a.h - b.h);
    expect(stored, grain.table).toEqual(rebuilt);
  }
}

test('a record imported into an empty browser gives the same rows and the same report; importing it again adds nothing', async () => {
  const source = freshDb();
  await browse(source);
  const file = await exportOf(source);
  const target = freshDb();
  const first = await importIntoStore(target, file, deps(target));
  expect(first).toEqual({
    visits: { added: 2, duplicates: 0 },
    requests: { added: 6, duplicates: 0 },
    excluded: 0,
    refused: { count: 0, named: [] },
  });
  const imported = await exportOf(target);
  expect(figures(imported)).toEqual(figures(file));
  expect(imported.daily.map((d) => [d.day, d.site, d.requests]).sort()).toEqual(file.daily.map((d) => [d.day, d.site, d.requests]).sort());
  expect(await target.dailyIps.count()).toBe(await source.dailyIps.count());
  await expectRollupsMatchVisits(target);

  const again = await importIntoStore(target, file, deps(target));
  expect(again).toEqual({
    visits: { added: 0, duplicates: 2 },
    requests: { added: 0, duplicates: 6 },
    excluded: 0,
    refused: { count: 0, named: [] },
  });
  expect(await exportOf(target)).toEqual(imported);
  await expectRollupsMatchVisits(target);
});

test('two browsers merged: each visit once, the figures of both, and capture goes on with fresh visit ids', async () => {
  const here = freshDb();
  await browse(here);
  const other = freshDb();
  await browse(other, new JournalWriter('other'), T + 3_600_000);
  const counts = await importIntoStore(here, await exportOf(other), deps(here));
  expect(counts.visits).toEqual({ added: 2, duplicates: 0 });
  expect(await here.visits.count()).toBe(4);
  const merged = await exportOf(here);
  expect(figures(merged)).toMatchObject({ visits: 4, sites: 2 });
  expect(
    merged.daily.find((d) => d.site === 'news.example' && d.host === merged.hosts.find((h) => h.name === 'www.google-analytics.com')!.id)!
      .requests,
  ).toBe(2);
  await expectRollupsMatchVisits(here);

  // The next page captured here takes an id after the imported ones.
  const ids = (await here.visits.toArray()).map((v) => v.id);
  const j = new JournalWriter('later');
  j.navigate('https://www.news.example/next', 7, T + 2 * 86_400_000);
  await ingest(here, j.take(), classifier, settings(), new Interner());
  const newest = (await here.visits.orderBy('t').last())!;
  expect(newest.u).toBe('https://www.news.example/next');
  expect(newest.id).toBeGreaterThan(Math.max(...ids));
});

test("the user's settings apply: no query string unless kept, nothing of an excluded site", async () => {
  const source = freshDb();
  await browse(source, new JournalWriter(), T);
  const file = await exportOf(source);
  // A file written by a browser that kept query strings.
  file.includesQueryStrings = true;
  file.visits[0]!.url = 'https://www.news.example/front?edition=fr#top';
  file.requests.find((r) => r.path === '/collect')!.query = '?uid=42';
  const target = freshDb();
  const counts = await importIntoStore(target, file, deps(target, { excludedSites: ['shop.example'] }));
  expect(counts.visits.added).toBe(1);
  expect(counts.excluded).toBe(1 + 3);
  expect((await target.visits.toArray()).map((v) => v.u)).toEqual(['https://www.news.example/front']);
  const requests = await target.requests.toArray();
  expect(requests.every((r) => r.q === undefined)).toBe(true);
  expect(requests.some((r) => r.ps === 'shop.example')).toBe(false);
  expect(await target.daily.where('site').equals('shop.example').count()).toBe(0);
});

test('a file with a host that is no host name is refused and leaves the store as it was', async () => {
  const target = freshDb();
  await browse(target);
  const before = await exportOf(target);
  const source = freshDb();
  await browse(source, new JournalWriter('x'), T + 5000);
  const file = await exportOf(source);
  file.hosts[0]!.name = 'bad:host:name';
  await expect(importIntoStore(target, file, deps(target))).rejects.toThrow(ImportError);
  await expect(importIntoStore(target, file, deps(target))).rejects.toThrow(
    'The file names a host that is not a host name: "bad:host:name". Nothing was imported.',
  );
  expect(await exportOf(target)).toEqual(before);
});

test("what the file's browser found of its hosts comes along: a DNS alias (with this browser's verdict) and a tracker's network, never over this store's own", async () => {
  const source = freshDb();
  await browse(source);
  const cdn = await source.hosts.where('n').equals('cdn.news.example').first();
  const fonts = await source.hosts.where('n').equals('fonts.googleapis.com').first();
  await source.hosts.update(cdn!.id!, { cname: 'news.eulerian.net', trackerNetwork: 'Criteo' });
  await source.hosts.update(fonts!.id!, { cname: 'other.eulerian.net' });
  const file = await exportOf(source);
  // The file's own verdict is not trusted: this browser's classifier decides.
  for (const host of file.hosts) host.cloaked = false;

  const target = freshDb();
  // This browser loaded the same host before, and has its own word on the fonts host's alias.
  await browse(target, new JournalWriter('own'), T + 7_200_000);
  const ownFonts = await target.hosts.where('n').equals('fonts.googleapis.com').first();
  await target.hosts.update(ownFonts!.id!, { cname: 'fonts.googleapis.example' });
  await importIntoStore(target, file, deps(target));

  // Read back through a connection of its own, with no cache shared with the import's.
  const stored = unobservedDb(target.name);
  expect(await stored.hosts.where('n').equals('cdn.news.example').first()).toMatchObject({
    cname: 'news.eulerian.net',
    cloaked: true,
    company: 'Eulerian',
    trackerNetwork: 'Criteo',
  });
  expect(await stored.hosts.where('n').equals('fonts.googleapis.com').first()).toMatchObject({
    cname: 'fonts.googleapis.example',
    company: 'Google',
  });
  // The visits this browser stored before the import count the host as what it now is.
  await expectRollupsMatchVisits(target);
});
