/**
 * The pages' own lists at a browser's start (witness-ingest.ts): the first worker of a profile
 * recovers the page the browser opened while it started, keeps what the page's list cannot
 * verify only as unverified, and joins what the browser tells late to what was recovered.
 */
import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import type { WitnessEntry } from '../../src/shared/types.js';
import type { UpstreamDb } from '../../src/store/db.js';
import { freshDb, records, visitRecords } from './helpers/test-store.js';
import { nav, req } from './helpers/page-events.js';
import { AMBIGUOUS, entry, NETWORK, report, store, T, urls } from './helpers/witness-fixtures.js';

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
