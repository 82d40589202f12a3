/**
 * The pages' own lists as ingest uses them (witness-ingest.ts): an entry is recovered only
 * when it ended in a gap, shows it went to the network, and no request matches it; reading
 * the same window twice recovers nothing twice; a late original completes its recovered row;
 * the first worker of a profile recovers the page the browser opened while it started.
 */
import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import { ingest } from '../../src/capture/ingest.js';
import { forgetCapturedVisits } from '../../src/capture/capture-state.js';
import { FLAGS } from '../../src/store/schema.js';
import { rowReached } from '../../src/store/reach.js';
import { exportRequest } from '../../src/store/export-file/export-rows.js';
import { importedRequest } from '../../src/store/export-file/import-rows.js';
import { FACTS } from '../../src/capture/witness-page.js';
import { Interner } from '../../src/store/interner.js';
import { domainOnlyClassifier } from '../../src/store/domain-only-classifier.js';
import type { CaptureEvent, JournalEntry, WitnessEntry, WitnessReport } from '../../src/shared/types.js';
import type { UpstreamDb } from '../../src/store/db.js';
import { freshDb, hostRecords, records, settings, visitRecords } from './helpers/test-store.js';
import { decodeRequest, lookups } from '../../src/store/decode.js';
import { nav, req } from './helpers/page-events.js';

/** Bytes came over the network (Firefox, or Chromium with Timing-Allow-Origin). */
const NETWORK: number = FACTS.transfer;
/** Chromium, cross-origin without Timing-Allow-Origin: network, HTTP cache or failure, no telling which. */
const AMBIGUOUS: number = FACTS.deliveryKnown;
/** Times are offsets from now: the stored state forgets spans older than a few minutes. */
const T = Date.now() - 30_000;
const entry = (url: string, end: number, facts = NETWORK): WitnessEntry => ({ url, kind: 'img', start: end - 20, end, status: 0, facts });
const report = (entries: WitnessEntry[], over: Partial<WitnessReport> = {}): WitnessReport => ({
  tabId: 1,
  frameId: 0,
  documentUrl: 'https://a.example/',
  navigation: null,
  entries,
  ...over,
});

let seq = 0;
async function store(db: UpstreamDb, worker: string, events: CaptureEvent[]) {
  const entries: JournalEntry[] = events.map((event) => ({ worker, seq: seq++, event }));
  return ingest(db, entries, domainOnlyClassifier, settings(), new Interner());
}

/** Worker A saw a.example load and one pixel, then was stopped at 2,000; B could take events from 3,100. */
async function aThenB(db: UpstreamDb) {
  await store(db, 'A', [
    { kind: 'worker-start', time: T + 900, ready: T + 950 },
    { kind: 'navigation', navigation: nav({ time: T + 1000 }) },
    // Answered from an address: the browser did contact t.example from this tab.
    {
      kind: 'request',
      request: req({ url: 'https://t.example/seen.gif', type: 'image', time: T + 1100, ip: '192.0.2.7', initiator: 'https://a.example' }),
    },
    { kind: 'request', request: req({ url: 'https://cdn.example/last.js', time: T + 2000, initiator: 'https://a.example' }) },
  ]);
  await store(db, 'B', [{ kind: 'worker-start', time: T + 3000, ready: T + 3100 }]);
}

const urls = async (db: UpstreamDb) => (await records(db)).map((r) => `${r.url}${r.recovered ? ' (recovered)' : ''}`).sort();

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

test('the first worker of a profile recovers the page the browser opened while it started, as a visit of its own', async () => {
  const db = freshDb('witness-ingest');
  await store(db, 'S', [{ kind: 'worker-start', time: T + 10_000, ready: T + 10_300 }]);
  const navigation: WitnessEntry = {
    url: 'https://shop.example/cart',
    kind: 'navigation',
    start: T + 9_800,
    end: T + 9_900,
    status: 200,
    facts: NETWORK,
  };
  await store(db, 'S', [
    {
      kind: 'witness',
      time: T + 10_600,
      witness: report([entry('https://cdn.example/shop.js', T + 9_950)], {
        tabId: 4,
        documentUrl: 'https://shop.example/cart',
        navigation,
      }),
    },
    {
      kind: 'witness',
      time: T + 10_600,
      witness: report([entry('https://ads.example/frame.gif', T + 10_000)], {
        tabId: 4,
        frameId: 3,
        documentUrl: 'https://ads.example/frame.html',
      }),
    },
    { kind: 'swept', until: T + 10_600, time: T + 10_600 },
  ]);
  const visits = await visitRecords(db);
  expect(visits.map((v) => [v.url, v.tab, v.inferred, v.shown, v.requests])).toEqual([['https://shop.example/cart', 4, true, true, 3]]);
  expect(await urls(db)).toEqual([
    'https://ads.example/frame.gif (recovered)',
    'https://cdn.example/shop.js (recovered)',
    'https://shop.example/cart (recovered)',
  ]);
  // A page loaded well before the profile's first worker (a tab open when Upstream was installed) is not.
  const db2 = freshDb('witness-ingest');
  await store(db2, 'S', [{ kind: 'worker-start', time: T + 100_000, ready: T + 100_300 }]);
  await store(db2, 'S', [
    {
      kind: 'witness',
      time: T + 100_600,
      witness: report([entry('https://cdn.example/old.js', T + 30_000)], {
        navigation: { ...navigation, start: T + 29_000, end: T + 29_500 },
      }),
    },
  ]);
  expect(await urls(db2)).toEqual([]);
});

/** The first worker of a browser session, and the navigation entry of the page a tab restored meanwhile. */
async function browserStarted(db: UpstreamDb): Promise<WitnessEntry> {
  await store(db, 'S', [{ kind: 'worker-start', time: T + 10_000, ready: T + 10_300, browserStart: true }]);
  return { url: 'https://shop.example/', kind: 'navigation', start: T + 9_800, end: T + 9_900, status: 200, facts: NETWORK };
}

test("at start-up an attempt the page's list cannot verify is kept, unverified, even for a host no event told of; after it, only for hosts the tab reached", async () => {
  const db = freshDb('witness-ingest');
  const navigation = await browserStarted(db);
  await store(db, 'S', [
    {
      kind: 'witness',
      time: T + 10_600,
      witness: report([entry('https://cdn.example/hero.png', T + 9_950, AMBIGUOUS)], {
        tabId: 4,
        documentUrl: 'https://shop.example/',
        navigation,
      }),
    },
    { kind: 'swept', until: T + 10_600, time: T + 10_600 },
  ]);
  const rows = await records(db);
  expect(rows.filter((r) => r.url === 'https://cdn.example/hero.png').map((r) => [r.recovered, r.unverified, r.ip])).toEqual([
    [true, true, null],
  ]);
  // A later gap of the same session (a worker stopped and woken): a host never reached is not taken from the page.
  await store(db, 'S', [
    { kind: 'request', request: req({ url: 'https://shop.example/x.js', time: T + 11_000, tabId: 4, initiator: 'https://shop.example' }) },
  ]);
  await store(db, 'W', [{ kind: 'worker-start', time: T + 13_000, ready: T + 13_100 }]);
  await store(db, 'W', [
    {
      kind: 'witness',
      time: T + 13_400,
      witness: report([entry('https://never.example/a.gif', T + 12_000, AMBIGUOUS)], { tabId: 4, documentUrl: 'https://shop.example/' }),
    },
  ]);
  expect((await urls(db)).filter((u) => u.includes('never.example'))).toEqual([]);
});

test("a start inferred from the page's list at start-up and the browser's own start of it told later, stamped late by a busy browser, are one visit", async () => {
  const db = freshDb('witness-ingest');
  const navigation = await browserStarted(db);
  await store(db, 'S', [
    { kind: 'witness', time: T + 10_600, witness: report([], { tabId: 4, documentUrl: 'https://shop.example/', navigation }) },
  ]);
  await store(db, 'S', [
    { kind: 'navigation', navigation: nav({ tabId: 4, requestId: '77', url: 'https://shop.example/', time: T + 11_200 }) },
  ]);
  expect((await visitRecords(db)).map((v) => v.url)).toEqual(['https://shop.example/']);
});

test("at start-up, records told after the page's own report recovered them (Firefox hands a starting background its queued events) complete the recovered rows", async () => {
  const db = freshDb('witness-ingest');
  const navigation = await browserStarted(db);
  // The page reported what it loaded before the sweep, and before its queued events came.
  await store(db, 'S', [
    {
      kind: 'witness',
      time: T + 10_400,
      witness: report([entry('https://shop.example/logo.png', T + 9_950)], { tabId: 4, documentUrl: 'https://shop.example/', navigation }),
    },
  ]);
  await store(db, 'S', [
    { kind: 'navigation', navigation: nav({ tabId: 4, requestId: '80', url: 'https://shop.example/', time: T + 9_850 }) },
    {
      kind: 'request',
      request: req({ tabId: 4, requestId: '80', type: 'main_frame', url: 'https://shop.example/', time: T + 10_900, ip: '192.0.2.9' }),
    },
    {
      kind: 'request',
      request: req({
        tabId: 4,
        url: 'https://shop.example/logo.png',
        type: 'image',
        time: T + 9_970,
        ip: '192.0.2.9',
        topUrl: 'https://shop.example/',
      }),
    },
  ]);
  const rows = await records(db);
  expect(rows.map((r) => [r.url, r.recovered, r.ip]).sort()).toEqual([
    ['https://shop.example/', false, '192.0.2.9'],
    ['https://shop.example/logo.png', false, '192.0.2.9'],
  ]);
  expect((await visitRecords(db)).map((v) => [v.url, v.requests])).toEqual([['https://shop.example/', 2]]);
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
