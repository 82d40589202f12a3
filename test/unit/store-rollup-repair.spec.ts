/**
 * Corrupted roll-ups are rebuilt from the raw rows: the hour and day roll-ups are
 * derived from the page visits, so a row that does not decode (damaged JSON, a shape this
 * version does not write, an older format, an observer pointing past its site list, a key
 * off its grain) is skipped by readers, rebuilt by the worker's maintenance round, and
 * rebuilt by any capture batch that touches its bucket; capture never stops on one.
 */
import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import { ingest } from '../../src/capture/ingest.js';
import { maintain } from '../../src/capture/maintenance.js';
import { Journal } from '../../src/capture/journal.js';
import { Pipeline } from '../../src/capture/pipeline.js';
import { UpstreamDb } from '../../src/store/db.js';
import { domainOnlyClassifier } from '../../src/store/domain-only-classifier.js';
import { Interner } from '../../src/store/interner.js';
import { rollupsBetween } from '../../src/store/queries.js';
import { DAYS, GRAINS, HOURS, type Grain } from '../../src/store/rollup-grains.js';
import { tryDecodeRollup } from '../../src/store/visit-rollup.js';
import { DEFAULT_SETTINGS } from '../../src/store/settings.js';
import { buildRollupsOfRows } from '../../src/store/visit-rollup-build.js';
import { repairRollups } from '../../src/store/visit-rollups.js';
import type { StorageArea } from '../../src/shared/browser.js';
import { JournalWriter } from './helpers/journal.js';

const HOUR = 3_600_000;
const DAY0 = Date.UTC(2026, 10, 20, 9, 0);
const settings = { ...DEFAULT_SETTINGS, excludedSites: [] };
let n = 0;

/** Nine page visits over three days and three hours a day, each with a Google request. */
async function browsedStore(): Promise<UpstreamDb> {
  const db = new UpstreamDb(`repair-${process.pid}-${++n}`);
  const j = new JournalWriter();
  for (let day = 0; day < 3; day++) {
    for (let hour = 0; hour < 3; hour++) {
      const t = DAY0 + day * 24 * HOUR + hour * HOUR;
      j.navigate(`https://site${hour}.example/`, 1 + hour, t);
      j.request({ url: 'https://www.google-analytics.com/collect', tabId: 1 + hour, time: t + 10, ip: '192.0.2.1' });
    }
  }
  await ingest(db, j.take(), domainOnlyClassifier, settings, new Interner());
  return db;
}

async function fresh(db: UpstreamDb, grain: Grain) {
  const [visits, hosts, ips] = await Promise.all([db.visits.toArray(), db.hosts.toArray(), db.ips.toArray()]);
  return [...buildRollupsOfRows(visits, new Map(hosts.map((h) => [h.id!, h])), new Map(ips.map((i) => [i.id!, i])), grain).values()].sort(
    (a, b) => a.h - b.h,
  );
}

async function expectRollupsRight(db: UpstreamDb) {
  for (const grain of GRAINS)
    expect((await db[grain.table].orderBy('h').toArray()).map(tryDecodeRollup), grain.table).toEqual(await fresh(db, grain));
}

/** Damages five rows in five ways; returns how many. */
async function damage(db: UpstreamDb): Promise<number> {
  const hours = await db.hours.orderBy('h').toArray();
  const days = await db.days.orderBy('h').toArray();
  expect([hours.length, days.length]).toEqual([9, 3]);
  const packed = JSON.parse(hours[2]!.j);
  packed.o[0][5] = [99, 1]; // an observer on a site index that does not exist
  await db.hours.bulkPut([
    { h: hours[0]!.h, j: '{"c":[1,0,0' }, // cut short
    { h: hours[1]!.h, ...{ v: 1, sites: { 'site1.example': 1 } } } as never, // the plain-object format of early schema-3 builds
    { h: hours[2]!.h, j: JSON.stringify(packed) },
    { h: hours[3]!.h + 1, j: hours[3]!.j }, // off the hour
  ]);
  await db.days.put({ h: days[1]!.h, j: JSON.stringify({ c: [1, 2, 3] }) }); // a shape this version never wrote
  return 5;
}

test('the decoder refuses every kind of damage and reads every good row', async () => {
  const db = await browsedStore();
  const good = await db.hours.toArray();
  expect(good.every((row) => tryDecodeRollup(row)?.v === 1)).toBe(true);
  for (const bad of [
    null,
    'x',
    {},
    { h: 'a', j: '{}' },
    { h: 1, j: 5 },
    { h: 1, j: 'null' },
    { h: 1, j: '[]' },
    { h: 1, j: '{"c":[1,2,3,4,5,6,"7"],"s":[],"o":[],"hi":{},"co":{},"ju":{},"g":{}}' },
  ]) {
    expect(tryDecodeRollup(bad), JSON.stringify(bad)).toBeNull();
  }
});

test('readers skip damaged roll-ups, and the repair rebuilds exactly them from the visits', async () => {
  const db = await browsedStore();
  await expectRollupsRight(db);
  const damaged = await damage(db);
  // The popup and the report read on, without the damaged buckets, instead of failing.
  const end = DAY0 + 4 * 24 * HOUR;
  expect((await rollupsBetween(db, HOURS, 0, end)).length).toBe(9 - 3);
  expect((await rollupsBetween(db, DAYS, 0, end)).length).toBe(3 - 1);
  expect(await repairRollups(db)).toEqual({ checked: 9 + 1 + 3, rebuilt: damaged });
  await expectRollupsRight(db);
  test.info().annotations.push({
    type: 'figure',
    description: `corrupted roll-ups: ${damaged} rows damaged in ${damaged} ways, ${damaged} rebuilt from the visits, figures equal to a fresh build`,
  });
  expect(await repairRollups(db)).toEqual({ checked: 9 + 3, rebuilt: 0 });
});

test('a capture batch that touches a damaged bucket rebuilds it and stores its requests', async () => {
  const db = await browsedStore();
  const firstHour = (await db.hours.orderBy('h').first())!.h;
  await db.hours.put({ h: firstHour, j: 'not json' });
  await db.days.put({ h: (await db.days.orderBy('h').first())!.h, j: '{"c":' });
  const j = new JournalWriter('later');
  j.navigate('https://late.example/', 9, firstHour + 30 * 60_000);
  j.request({ url: 'https://www.google-analytics.com/collect', tabId: 9, time: firstHour + 30 * 60_000 + 5 });
  expect(await ingest(db, j.take(), domainOnlyClassifier, settings, new Interner())).toMatchObject({ stored: 2, skipped: 0 });
  await expectRollupsRight(db);
  expect(tryDecodeRollup(await db.hours.get(firstHour))!.sites).toEqual({ 'site0.example': 1, 'late.example': 1 });
});

class MemoryArea implements StorageArea {
  private readonly items = new Map<string, unknown>();
  async get(keys: string | string[] | null) {
    const wanted = keys === null ? [...this.items.keys()] : Array.isArray(keys) ? keys : [keys];
    return Object.fromEntries(wanted.filter((k) => this.items.has(k)).map((k) => [k, this.items.get(k)]));
  }
  async set(items: Record<string, unknown>) {
    for (const [k, v] of Object.entries(items)) this.items.set(k, structuredClone(v));
  }
  async remove(keys: string | string[]) {
    for (const k of Array.isArray(keys) ? keys : [keys]) this.items.delete(k);
  }
  async clear() {
    this.items.clear();
  }
}

test("the worker's maintenance round rebuilds damaged roll-ups", async () => {
  const db = await browsedStore();
  await damage(db);
  const pipeline = new Pipeline({
    db,
    journal: new Journal(new MemoryArea()),
    classifier: async () => domainOnlyClassifier,
    settings: async () => settings,
  });
  await maintain({ db, pipeline, settings: async () => settings, classifier: async () => domainOnlyClassifier });
  await expectRollupsRight(db);
});
