/**
 * The worker's pipeline with aggregates that wait (src/capture/pipeline.ts,
 * pending-aggregates.ts) and its own unobserved connection: what waits is written within its
 * delay, by a later worker if this one stops, before any other work on the store (a forget
 * then finds nothing of the site to come back), dropped by a wipe; live queries on another
 * connection hear of every batch.
 */
import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import { liveQuery } from 'dexie';
import { Journal } from '../../src/capture/journal.js';
import { Pipeline } from '../../src/capture/pipeline.js';
import { forgetCapturedVisits, loadCaptureState } from '../../src/capture/capture-state.js';
import { forgetSite, wipeAll } from '../../src/store/controls.js';
import { unobservedDb, UpstreamDb } from '../../src/store/db.js';
import { domainOnlyClassifier } from '../../src/store/domain-only-classifier.js';
import type { JournalEntry } from '../../src/shared/types.js';
import { dailyRecords, freshDb, settings, visitRecords } from './helpers/test-store.js';
import { JsonSessionArea } from './helpers/session-area.js';
import { aggregates, expectRollupsMatchVisits, threeBatches } from './helpers/aggregates.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Each site of the daily rows, with its requests counted. */
async function dailyBySite(db: UpstreamDb): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const row of await dailyRecords(db)) counts[row.site] = (counts[row.site] ?? 0) + row.requests;
  return counts;
}

function pipeline(db: UpstreamDb, aggregateEveryMs: number, ingestDb?: UpstreamDb) {
  return new Pipeline({
    db,
    ingestDb,
    journal: new Journal(new JsonSessionArea()),
    aggregateEveryMs,
    classifier: async () => domainOnlyClassifier,
    settings: async () => settings(),
  });
}

async function store(p: Pipeline, ...batches: JournalEntry[][]): Promise<void> {
  for (const batch of batches) for (const entry of batch) p.push(entry.event);
  await p.flush();
}

async function writtenWithEveryBatch(...batches: JournalEntry[][]): Promise<UpstreamDb> {
  const db = freshDb('every');
  await store(pipeline(db, 0), ...batches);
  return db;
}

test("the pipeline writes what waits within its delay, and the flush command's flushAggregates at once", async () => {
  const [a, b] = threeBatches();
  const db = freshDb('delay');
  const p = pipeline(db, 200);
  await store(p, a!);
  expect(await db.requests.count()).toBe(3);
  expect(await db.daily.count()).toBe(0);
  await sleep(400);
  expect(await db.daily.count()).toBe(2); // news.example and google-analytics.com, on news.example
  await expectRollupsMatchVisits(db);
  await store(p, b!);
  expect((await loadCaptureState(db)).agg).toBeDefined();
  await p.flushAggregates();
  expect((await loadCaptureState(db)).agg).toBeUndefined();
  expect(await aggregates(db)).toEqual(await aggregates(await writtenWithEveryBatch(a!, b!)));
});

test('what a stopped worker left waiting is written by the next one before any other work, and only once', async () => {
  const [a, b] = threeBatches();
  const db = freshDb('restart');
  await store(pipeline(db, 60_000), a!);
  expect(await db.daily.count()).toBe(0);
  // The first worker is stopped (it is never used again); the next one is asked for other
  // work on the store before its first batch.
  const next = pipeline(db, 60_000);
  expect(await next.exclusive(() => db.daily.count())).toBe(2);
  await store(next, b!);
  await next.flushAggregates();
  await next.flushAggregates();
  expect(await aggregates(db)).toEqual(await aggregates(await writtenWithEveryBatch(a!, b!)));
  await expectRollupsMatchVisits(db);
});

test("forgetting a site while its changes wait leaves nothing of it, and the other site's changes are kept", async () => {
  const [a, b, c] = threeBatches();
  const db = freshDb('forget');
  const p = pipeline(db, 60_000);
  await store(p, a!, b!, c!);
  expect((await loadCaptureState(db)).agg?.daily.map((row) => row.site)).toContain('news.example');
  // As the forget-site command does (src/capture/commands.ts).
  await p.exclusive(async () => {
    const result = await forgetSite(db, 'news.example');
    await forgetCapturedVisits(db, new Set(result.visitIds));
  });
  await p.flushAggregates();
  expect(await dailyBySite(db)).toEqual({ 'shop.example': 2 });
  expect(new Set((await db.dailyIps.toArray()).map((row) => row.site))).toEqual(new Set(['shop.example']));
  expect((await visitRecords(db)).map((visit) => visit.site)).toEqual(['shop.example']);
  await expectRollupsMatchVisits(db);
  // A later batch adds to what is there, and brings nothing of the site back.
  await store(p, threeBatches('later-worker')[2]!);
  await p.flushAggregates();
  expect(await dailyBySite(db)).toEqual({ 'shop.example': 4 });
  await expectRollupsMatchVisits(db);
});

test('a wipe drops what waits: nothing written before it comes back after it', async () => {
  const [a, b, c] = threeBatches();
  const db = freshDb('wipe');
  const p = pipeline(db, 300);
  await store(p, a!, b!);
  // As the wipe command does (src/capture/commands.ts).
  await p.exclusive(
    async () => {
      await wipeAll(db);
      p.interner.reset();
    },
    { dropsAggregates: true },
  );
  await sleep(500); // past the delay: the timer finds nothing to write
  for (const table of db.tables) expect(await table.count(), table.name).toBe(0);
  await store(p, c!);
  await p.flushAggregates();
  expect(await dailyBySite(db)).toEqual({ 'shop.example': 2 });
  await expectRollupsMatchVisits(db);
});

test('live queries on an observing connection hear of every batch written through the unobserved one', async () => {
  const name = `announce-${process.pid}`;
  const observing = new UpstreamDb(name);
  const p = pipeline(observing, 0, unobservedDb(name));
  const seen: number[] = [];
  const subscription = liveQuery(() => observing.requests.count()).subscribe((count) => seen.push(count));
  try {
    await expect.poll(() => seen.at(-1)).toBe(0);
    const [a, b] = threeBatches();
    await store(p, a!);
    await expect.poll(() => seen.at(-1), { timeout: 2000 }).toBe(3);
    await store(p, b!);
    await expect.poll(() => seen.at(-1), { timeout: 2000 }).toBe(5);
  } finally {
    subscription.unsubscribe();
  }
});
