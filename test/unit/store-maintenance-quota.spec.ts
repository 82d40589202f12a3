/**
 * Upkeep of the store, in Node over fake-indexeddb: what the pipeline does when the disk is
 * full (it prunes the oldest raw rows and retries; what it cannot store yet stays journaled).
 */
import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import type { DBCore, DBCoreMutateRequest, DBCoreTable } from 'dexie';
import type { UpstreamDb } from '../../src/store/db.js';
import { ingest } from '../../src/capture/ingest.js';
import { Interner } from '../../src/store/interner.js';
import { domainOnlyClassifier } from '../../src/store/domain-only-classifier.js';
import { isQuotaError } from '../../src/store/retention.js';
import { JournalWriter } from './helpers/journal.js';
import { newEvents } from './helpers/fresh-page-events.js';
import { SessionArea } from './helpers/session-area.js';
import { freshDb as newDb, pipelineOver as pipelineWithArea, records, settings } from './helpers/test-store.js';
import { DAY, NOW } from './helpers/upkeep-time.js';

const freshDb = () => newDb('maintenance');
const pipelineOver = (db: UpstreamDb) => pipelineWithArea(db, new SessionArea());

/**
 * A full disk, as the browser reports it: once `left` is set to N, the next N writes
 * (add/put) to the requests table throw a DOMException named QuotaExceededError. Deleting
 * still works. Installed before the database opens (Dexie builds its stack on open).
 */
function fullDisk(db: UpstreamDb) {
  const state = { left: 0, thrown: 0 };
  db.use({
    stack: 'dbcore',
    name: 'full-disk',
    create: (down: DBCore) => ({
      ...down,
      table: (name: string): DBCoreTable => {
        const table = down.table(name);
        if (name !== 'requests') return table;
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) => {
            if ((req.type === 'add' || req.type === 'put') && state.left > 0) {
              state.left--;
              state.thrown++;
              return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
            }
            return table.mutate(req);
          },
        };
      },
    }),
  });
  return state;
}

/**
 * Runs `body` with console.error collected instead of printed: the pipeline reports each
 * batch it could not store, and a full disk is what these tests cause on purpose. Calls
 * that are not such a report are printed as usual and fail the test.
 */
async function withExpectedQuotaReports<T>(body: () => Promise<T>): Promise<{ value: T; reports: number }> {
  const original = console.error;
  const unexpected: unknown[][] = [];
  let reports = 0;
  console.error = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('Upstream: could not store a batch') && isQuotaError(args[1])) reports++;
    else {
      unexpected.push(args);
      original(...args);
    }
  };
  try {
    const value = await body();
    expect(unexpected, 'console errors other than the expected quota reports').toEqual([]);
    return { value, reports };
  } finally {
    console.error = original;
  }
}

/** Fills the store with `count` old raw rows (on one old page visit). */
async function fillWithOldRows(db: UpstreamDb, count: number) {
  const j = new JournalWriter('old-worker');
  j.navigate('https://old.example/', 9, NOW - 5 * DAY);
  for (let i = 1; i < count; i++) j.request({ url: `https://old-cdn.example/${i}.gif`, tabId: 9, time: NOW - 5 * DAY + i });
  await ingest(db, j.take(), domainOnlyClassifier, settings(), new Interner());
  expect(await db.requests.count()).toBe(count);
}

test('the quota stand-in really looks like a full disk to the store', async () => {
  const db = freshDb();
  const disk = fullDisk(db);
  disk.left = 1;
  const error = await db.requests
    .add({ t: 1, v: 0, f: 0, h: 1, c: 1, p: '/', m: 1, y: 5, o: 0, s: 200, i: 0, b: 0 })
    .catch((e: unknown) => e);
  expect(isQuotaError(error)).toBe(true);
  await db.requests.add({ t: 1, v: 0, f: 0, h: 1, c: 1, p: '/', m: 1, y: 5, o: 0, s: 200, i: 0, b: 0 });
  expect(await db.requests.count()).toBe(1);
});

test('quota: the pipeline prunes the oldest raw rows, retries, and stores every new event', async () => {
  const db = freshDb();
  const disk = fullDisk(db);
  await fillWithOldRows(db, 3000);
  const oldIds = (await db.requests.toCollection().primaryKeys()) as number[];
  disk.left = 2;
  const { area, journal, pipeline } = pipelineOver(db);
  const events = newEvents(40);
  for (const event of events) pipeline.push(event);
  await pipeline.flush();

  expect(disk.thrown).toBe(2);
  expect(pipeline.stats).toMatchObject({ stored: 40, skipped: 0, failures: 2 });
  expect(pipeline.stats.lastError).toMatch(/quota/i);
  // Every new event is there, attributed to its page.
  const stored = await records(db);
  const fresh = stored.filter((r) => r.url.includes('fresh'));
  expect(fresh).toHaveLength(40);
  expect(new Set(fresh.map((r) => r.pageUrl))).toEqual(new Set(['https://fresh.example/']));
  // Room was made by dropping the oldest raw rows: 1,000 per failed attempt, oldest first.
  const remainingOld = ((await db.requests.toCollection().primaryKeys()) as number[]).filter((id) => oldIds.includes(id));
  expect(remainingOld).toEqual(oldIds.slice(2000));
  // The roll-ups still count the pruned requests: only raw detail was given up.
  const oldDaily = (await db.daily.where('site').equals('old.example').toArray()).reduce((sum, d) => sum + d.n, 0);
  expect(oldDaily).toBe(3000);
  // Nothing waits any more, in memory or in the session journal.
  expect(journal.size).toBe(0);
  expect(area.journaled()).toBe(0);
});

test('quota: when pruning does not help at once, the batch stays journaled and is stored on a later retry', async () => {
  test.setTimeout(20_000);
  const db = freshDb();
  const disk = fullDisk(db);
  await fillWithOldRows(db, 6000);
  disk.left = 5; // more failures than one flush retries
  const { area, journal, pipeline } = pipelineOver(db);
  const events = newEvents(25); // a navigation and 25 requests
  expect(events).toHaveLength(26);
  const { reports } = await withExpectedQuotaReports(async () => {
    for (const event of events) pipeline.push(event);
    await pipeline.flush();
    // The first flush gave up after its retries: nothing of the batch is lost, it waits.
    expect(pipeline.stats.stored).toBe(0);
    expect(pipeline.stats.failures).toBe(4);
    expect(journal.size).toBe(26);
    expect(area.journaled()).toBe(26);
    // The pipeline retries by itself.
    await expect.poll(async () => (await records(db)).filter((r) => r.url.includes('fresh')).length, { timeout: 10_000 }).toBe(25);
  });
  // One report for the flush that gave up; the retry that stored the batch reports nothing.
  expect(reports).toBe(1);
  expect(disk.thrown).toBe(5);
  expect(pipeline.stats.stored).toBe(25);
  await expect.poll(() => area.journaled()).toBe(0);
  expect(journal.size).toBe(0);
});
