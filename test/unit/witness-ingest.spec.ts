/**
 * The pages' own lists as ingest uses them (witness-ingest.ts): an entry is recovered only
 * when it ended in a gap, shows it went to the network, and no request matches it; reading
 * the same window twice recovers nothing twice; a late original completes its recovered row.
 * At a browser's start: witness-ingest-startup.spec.ts.
 */
import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import { forgetCapturedVisits } from '../../src/capture/capture-state.js';
import { FLAGS } from '../../src/store/schema.js';
import { rowReached } from '../../src/store/reach.js';
import { exportRequest } from '../../src/store/export-file/export-rows.js';
import { importedRequest } from '../../src/store/export-file/import-rows.js';
import { FACTS } from '../../src/capture/witness-page.js';
import { freshDb, hostRecords, records, visitRecords } from './helpers/test-store.js';
import { decodeRequest, lookups } from '../../src/store/decode.js';
import { req } from './helpers/page-events.js';
import { AMBIGUOUS, aThenB, entry, NETWORK, report, store, T, urls } from './helpers/witness-fixtures.js';

test('only entries that ended in the gap, went to the network and match no request are recovered, with their evidence', async () => {
  const db = freshDb('witness-ingest');
  await aThenB(db);
  await store(db, 'B', [
    {
      kind: 'witness',
      time: T + 3400,
      witness: report([
        entry('https://t.example/seen.gif', T + 1100), // recorded by A
        entry('https://t.example/cached.gif', T + 1500), // A was running: a memory-cache hit, nothing sent
        entry('https://t.example/missed.gif', T + 2500),
        entry('https://t.example/worker.gif', T + 2600, NETWORK | FACTS.worker), // the page's service worker answered
        entry('https://t.example/unsure.gif', T + 2650, AMBIGUOUS),
        // The same kind of entry for a host nothing shows the browser ever contacted (a failed request leaves one too).
        entry('https://never-contacted.example/x.gif', T + 2660, AMBIGUOUS),
        entry('https://t.example/http-cache.gif', T + 2700, FACTS.deliveryKnown | FACTS.cache),
        entry('https://t.example/firefox-cache.gif', T + 2800, 0), // Firefox: no byte came over the network
      ]),
    },
    { kind: 'swept', until: T + 3400, time: T + 3400 },
  ]);
  expect(await urls(db)).toEqual([
    'https://cdn.example/last.js',
    'https://t.example/missed.gif (recovered)',
    'https://t.example/seen.gif',
    'https://t.example/unsure.gif (recovered)',
  ]);
  const rows = await records(db);
  const missed = rows.find((r) => r.url.endsWith('missed.gif'))!;
  expect([missed.unverified, missed.detail]).toEqual([false, expect.stringContaining('bytes came over the network')]);
  // Stored as the page's attempt, but reaching nobody: its host is no receiver of the page.
  const unsure = rows.find((r) => r.url.endsWith('unsure.gif'))!;
  expect([unsure.unverified, unsure.detail]).toEqual([
    true,
    expect.stringContaining('cannot tell the network from the HTTP cache or a failure'),
  ]);
  const [visit] = await visitRecords(db);
  const hosts = new Map((await hostRecords(db)).map((h) => [h.id, h.name]));
  expect(visit!.requests).toBe(4);
  expect(visit!.hosts.map((id) => hosts.get(id)).sort()).toEqual(['cdn.example', 't.example']);
});

test('a window read twice recovers nothing twice, and a record of this batch matches its own entry', async () => {
  const db = freshDb('witness-ingest');
  await aThenB(db);
  const read = report([entry('https://t.example/missed.gif', T + 2500), entry('https://t.example/told-late.gif', T + 2550)]);
  await store(db, 'B', [
    // Chrome handed B an event queued for it: the same request the page lists.
    {
      kind: 'request',
      request: req({ url: 'https://t.example/told-late.gif', type: 'image', time: T + 2540, initiator: 'https://a.example' }),
    },
    { kind: 'witness', time: T + 3400, witness: read },
  ]);
  await store(db, 'B', [
    { kind: 'witness', time: T + 3500, witness: read },
    { kind: 'swept', until: T + 3500, time: T + 3500 },
  ]);
  expect(await urls(db)).toEqual([
    'https://cdn.example/last.js',
    'https://t.example/missed.gif (recovered)',
    'https://t.example/seen.gif',
    'https://t.example/told-late.gif',
  ]);
});

test("the original of a recovered request, read late from the stopped worker's journal, completes its row", async () => {
  const db = freshDb('witness-ingest');
  await aThenB(db);
  await store(db, 'B', [
    { kind: 'witness', time: T + 3400, witness: report([entry('https://t.example/missed.gif', T + 2500)]) },
    { kind: 'swept', until: T + 3400, time: T + 3400 },
  ]);
  await store(db, 'A', [
    {
      kind: 'request',
      request: req({ url: 'https://t.example/missed.gif', type: 'image', time: T + 2490, ip: '192.0.2.1', initiator: 'https://a.example' }),
    },
  ]);
  const rows = await records(db);
  expect(rows.filter((r) => r.url === 'https://t.example/missed.gif').map((r) => [r.recovered, r.ip])).toEqual([[false, '192.0.2.1']]);
  expect((await visitRecords(db)).map((v) => v.requests)).toEqual([3]);
});

test("after a forget, nothing from before it comes back from the pages' lists", async () => {
  const db = freshDb('witness-ingest');
  await aThenB(db);
  const [visit] = await db.visits.toArray();
  // Forgetting the site deletes its visits and marks everything before as read.
  await db.requests.where('v').equals(visit!.id).delete();
  await db.visits.delete(visit!.id);
  await forgetCapturedVisits(db, new Set([visit!.id]));
  await store(db, 'B', [{ kind: 'witness', time: Date.now(), witness: report([entry('https://t.example/in-gap.gif', T + 2500)]) }]);
  expect(await urls(db)).toEqual([]);
});

test('an unverified recovered request stays unverified through an export and an import, and reaches nobody either side', () => {
  const row = {
    t: T,
    v: 3,
    f: 0,
    h: 5,
    c: 1,
    p: '/x.gif',
    m: 0,
    y: 2,
    o: 0,
    s: 0,
    i: 0,
    b: FLAGS.recovered | FLAGS.unverified | FLAGS.thirdParty,
    e: 'recovered …, unverified',
  };
  const exported = exportRequest(row, () => undefined);
  expect([exported.recovered, exported.unverified]).toEqual([true, true]);
  const back = importedRequest(exported, { host: (id) => id, ip: (id) => id, visit: (id) => id }, false);
  expect([decodeRequest(back, lookups([], [], [])).unverified, rowReached(back), rowReached(row)]).toEqual([true, false, false]);
  // A file written before the flag existed reads as verified.
  const { unverified: _, ...older } = exported;
  expect(rowReached(importedRequest({ ...older, unverified: false }, { host: (id) => id, ip: (id) => id, visit: (id) => id }, false))).toBe(
    true,
  );
});
