/**
 * Upgrades: a profile holding data written by an older build opens under the
 * current schema with every row kept, its derived tables (hour and day roll-ups of the
 * visits) built and equal to a fresh build, and capture goes on storing into it. The old
 * databases were recorded with those builds' own code (test/fixtures/old-databases/).
 */
import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import { UpstreamDb } from '../../src/store/db.js';
import { ingest } from '../../src/capture/ingest.js';
import { domainOnlyClassifier } from '../../src/store/domain-only-classifier.js';
import { Interner } from '../../src/store/interner.js';
import { DEFAULT_SETTINGS } from '../../src/store/settings.js';
import { rollupsBetween } from '../../src/store/queries.js';
import { repairRollups } from '../../src/store/visit-rollups.js';
import { buildRollupsOfRows } from '../../src/store/visit-rollup-build.js';
import { GRAINS, type Grain } from '../../src/store/rollup-grains.js';
import { tryDecodeRollup } from '../../src/store/visit-rollup.js';
import type { HostRow, IpRow, VisitRow } from '../../src/store/schema.js';
import { readRecording, restoreRecording, rowsOf, type RecordedDatabase } from './helpers/old-database.js';
import { JournalWriter } from './helpers/journal.js';

/** Raw rows, and the request counts per day that cannot be rebuilt once raw rows are pruned: kept as they are. */
const KEPT = ['requests', 'visits', 'hosts', 'ips', 'daily', 'meta'] as const;
let dbs = 0;

async function upgraded(recording: RecordedDatabase): Promise<UpstreamDb> {
  const name = `upgrade-${process.pid}-${++dbs}`;
  await restoreRecording(name, recording);
  const db = new UpstreamDb(name);
  await db.open();
  return db;
}

/** The roll-ups a fresh build makes of the visits now stored. */
async function freshRollups(db: UpstreamDb, grain: Grain) {
  const visits = await db.visits.toArray();
  const hosts = new Map((await db.hosts.toArray()).map((h) => [h.id!, h]));
  const ips = new Map((await db.ips.toArray()).map((i) => [i.id!, i]));
  return [...buildRollupsOfRows(visits, hosts, ips, grain).values()].sort((a, b) => a.h - b.h);
}

async function storedRollups(db: UpstreamDb, grain: Grain) {
  return (await db[grain.table].orderBy('h').toArray()).map((row) => tryDecodeRollup(row));
}

/** One more page into the upgraded store, as the current worker would: it must land next to the old rows. */
async function captureOneMorePage(db: UpstreamDb, time: number) {
  const before = await db.requests.count();
  const j = new JournalWriter('after-upgrade');
  j.navigate('https://www.news.example/after-upgrade', 7, time);
  j.request({ url: 'https://www.google-analytics.com/g/collect', tabId: 7, time: time + 50, ip: '142.250.74.78' });
  const result = await ingest(db, j.take(), domainOnlyClassifier, { ...DEFAULT_SETTINGS, excludedSites: [] }, new Interner());
  expect(result).toMatchObject({ stored: 2, skipped: 0, duplicates: 0 });
  expect(await db.requests.count()).toBe(before + 2);
}

for (const file of ['v1-2c774bc.json', 'v3-41b62a8.json', 'v3-object-hours-3965db4.json']) {
  test(`a profile written by ${file.replace('.json', '')} opens under the current schema with every row kept and its roll-ups right`, async () => {
    const recording = readRecording(file);
    expect(rowsOf(recording, 'visits')).toHaveLength(recording.recordedWith.visits);
    expect(rowsOf(recording, 'requests').length).toBeGreaterThan(30);
    const db = await upgraded(recording);
    expect(db.verno).toBeGreaterThanOrEqual(4);
    expect(db.verno).toBeGreaterThan(recording.recordedWith.schemaVersion);
    for (const table of KEPT) expect(await db.table(table).toArray(), `${table} kept as recorded`).toEqual(rowsOf(recording, table));
    // Requests per server address (derived; a schema may rebuild them from the raw rows): still one count per request with an address.
    const withAddress = rowsOf(recording, 'requests').filter((r) => r.i).length;
    expect((await db.dailyIps.toArray()).reduce((sum, row) => sum + row.n, 0)).toBe(withAddress);

    // Hours and days: built by the upgrade, or, for hours written in a format this version
    // does not read or counted under older definitions (every recorded build counted any
    // catalogued host in tracker reach), skipped by readers and rebuilt by the worker's maintenance.
    const undecodable = (await storedRollups(db, GRAINS[0]!)).filter((row) => row === null).length;
    const recordedHours = rowsOf(recording, 'hours');
    expect(undecodable).toBe(recordedHours.length);
    expect(await rollupsBetween(db, GRAINS[0]!, 0, Number.MAX_SAFE_INTEGER)).toHaveLength(recording.recordedWith.visits - undecodable);
    expect(await repairRollups(db)).toMatchObject({ rebuilt: undecodable });
    for (const grain of GRAINS) {
      const fresh = await freshRollups(db, grain);
      expect(fresh.length, grain.table).toBeGreaterThanOrEqual(3);
      expect(await storedRollups(db, grain), grain.table).toEqual(fresh);
    }
    // The figures name what was browsed: Google on every news visit, three sites.
    const days = (await storedRollups(db, GRAINS[1]!)).map((d) => d!);
    expect(days.map((d) => [d.v, d.obs['c:Google']?.v ?? 0])).toEqual([
      [3, 1],
      [2, 1],
      [3, 1],
    ]);
    expect(new Set(days.flatMap((d) => Object.keys(d.sites)))).toEqual(new Set(['news.example', 'shop.example', 'city.example']));

    // Capture goes on: new ids after the recorded ones, roll-ups still equal to a fresh build.
    const lastRequest = Math.max(...rowsOf(recording, 'requests').map((r) => r.id as number));
    await captureOneMorePage(db, Date.UTC(2026, 10, 21, 8, 30));
    expect(Math.min(...(await db.requests.where('id').above(lastRequest).toArray()).map((r) => r.id!))).toBe(lastRequest + 1);
    const visits = await db.visits.toArray();
    expect(visits).toHaveLength(recording.recordedWith.visits + 1);
    expect(new Set(visits.map((v) => v.id)).size).toBe(visits.length);
    for (const grain of GRAINS)
      expect(await storedRollups(db, grain), `${grain.table} after capture`).toEqual(await freshRollups(db, grain));
    db.close();
    const kept = KEPT.reduce((sum, table) => sum + rowsOf(recording, table).length, 0);
    test.info().annotations.push({
      type: 'figure',
      description: `upgrade from schema ${recording.recordedWith.schemaVersion} (${recording.recordedWith.commit}): ${kept} of ${kept} rows kept, ${undecodable} undecodable roll-ups rebuilt`,
    });
  });
}

test('the recorded databases hold what their builds wrote: schema 1 without roll-up tables, schema 3 with hours', () => {
  const v1 = readRecording('v1-2c774bc.json');
  const v3 = readRecording('v3-41b62a8.json');
  const v3Objects = readRecording('v3-object-hours-3965db4.json');
  expect([v1, v3, v3Objects].map((r) => r.recordedWith.idbVersion)).toEqual([10, 30, 30]);
  expect(v1.stores.map((s) => s.name)).not.toContain('hours');
  expect(v3.stores.find((s) => s.name === 'visits')!.indexes.map((i) => i.name)).toContain('[tab+t]');
  expect(typeof rowsOf(v3, 'hours')[0]!.j).toBe('string');
  expect(rowsOf(v3Objects, 'hours')[0]).toHaveProperty('obs');
  // Verdicts of the recording's own knowledge, which the current classifier will replace (reclassify.ts).
  const hosts = rowsOf(v1, 'hosts') as unknown as HostRow[];
  expect(hosts.find((h) => h.n === 'www.google-analytics.com')).toMatchObject({
    company: 'Google',
    jurisdiction: 'US',
    kv: 'recorded-2c774bc',
  });
  expect(
    (rowsOf(v1, 'ips') as unknown as IpRow[])
      .map((i) => i.country)
      .filter(Boolean)
      .sort(),
  ).toEqual(['FR', 'IE', 'US', 'US']);
  expect((rowsOf(v1, 'visits') as unknown as VisitRow[]).every((v) => v.c === 1 && v.d.length > 1)).toBe(true);
});
