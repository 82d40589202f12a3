/**
 * Changes to the daily rows and the visit roll-ups that wait in the capture state
 * (src/capture/pending-aggregates.ts), batch by batch: the request and visit rows are stored
 * at once, the aggregates come out as if written with every batch, and a batch read twice
 * adds nothing twice.
 */
import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import { ingest, type IngestOptions } from '../../src/capture/ingest.js';
import { loadCaptureState } from '../../src/capture/capture-state.js';
import { Interner } from '../../src/store/interner.js';
import { DailyRowCache } from '../../src/store/daily-cache.js';
import { domainOnlyClassifier } from '../../src/store/domain-only-classifier.js';
import type { UpstreamDb } from '../../src/store/db.js';
import type { JournalEntry } from '../../src/shared/types.js';
import { freshDb, settings } from './helpers/test-store.js';
import { aggregates, expectRollupsMatchVisits, threeBatches } from './helpers/aggregates.js';

const EVERY = 60_000;
const clock = (time: number) => () => time;

/** A worker's view of the store: its interner and daily-row cache, kept across its batches. */
function worker(db: UpstreamDb) {
  const interner = new Interner();
  const cache = new DailyRowCache();
  return async (entries: JournalEntry[], options: IngestOptions = {}) => {
    let waiting: number | null | undefined;
    const result = await ingest(db, entries, domainOnlyClassifier, settings(), interner, cache, {
      ...options,
      onAggregates: (since) => (waiting = since),
    });
    cache.commit();
    return { ...result, waiting };
  };
}

async function writtenWithEveryBatch(batches: JournalEntry[][]): Promise<UpstreamDb> {
  const db = freshDb('every');
  const store = worker(db);
  for (const batch of batches) await store(batch);
  return db;
}

test('changes kept in the capture state come out as if written with every batch; requests and visits are stored at once', async () => {
  const batches = threeBatches();
  const every = await writtenWithEveryBatch(batches);
  const kept = freshDb('kept');
  const store = worker(kept);
  for (const [i, batch] of batches.entries()) {
    const { waiting } = await store(batch, { aggregateEveryMs: EVERY, now: clock(1000 + i) });
    expect(waiting, 'the oldest change that waits').toBe(1000);
    expect(await kept.daily.count()).toBe(0);
    expect(await kept.hours.count()).toBe(0);
  }
  expect(await kept.requests.count()).toBe(await every.requests.count());
  expect(await kept.visits.toArray()).toEqual(await every.visits.toArray());
  expect((await loadCaptureState(kept)).agg?.visits.map(([id]) => id)).toEqual([1, 2]);
  const { waiting } = await store([], { aggregateEveryMs: EVERY, aggregateNow: true, now: clock(1003) });
  expect(waiting).toBeNull();
  expect((await loadCaptureState(kept)).agg).toBeUndefined();
  expect(await aggregates(kept)).toEqual(await aggregates(every));
  await expectRollupsMatchVisits(kept);
});

test('once due, the next batch writes what waited with its own, even in a later worker that knows nothing of it', async () => {
  const [a, b, c] = threeBatches();
  const every = await writtenWithEveryBatch([a!, b!, c!]);
  const kept = freshDb('due');
  const first = worker(kept);
  await first(a!, { aggregateEveryMs: EVERY, now: clock(5000) });
  await first(b!, { aggregateEveryMs: EVERY, now: clock(5000 + EVERY - 1) });
  expect(await kept.daily.count(), 'not due yet').toBe(0);
  // The first worker was stopped; the next one (no interner, no cache) stores the third batch.
  const { waiting } = await worker(kept)(c!, { aggregateEveryMs: EVERY, now: clock(5000 + EVERY) });
  expect(waiting).toBeNull();
  expect((await loadCaptureState(kept)).agg).toBeUndefined();
  expect(await aggregates(kept)).toEqual(await aggregates(every));
  await expectRollupsMatchVisits(kept);
});

test('a clock set back writes what waits at once rather than holding it longer', async () => {
  const [a, b] = threeBatches();
  const kept = freshDb('back');
  const store = worker(kept);
  await store(a!, { aggregateEveryMs: EVERY, now: clock(10_000) });
  const { waiting } = await store(b!, { aggregateEveryMs: EVERY, now: clock(9_000) });
  expect(waiting).toBeNull();
  expect(await aggregates(kept)).toEqual(await aggregates(await writtenWithEveryBatch([a!, b!])));
});

test('a batch read twice (a successor re-reading a chunk the journal had not removed) adds nothing twice to what waits', async () => {
  const [a, b] = threeBatches();
  const kept = freshDb('twice');
  await worker(kept)(a!, { aggregateEveryMs: EVERY, now: clock(1000) });
  const successor = worker(kept);
  const again = await successor([...a!, ...b!], { aggregateEveryMs: EVERY, now: clock(1001) });
  expect(again.duplicates).toBe(a!.length);
  await successor([], { aggregateNow: true, aggregateEveryMs: EVERY, now: clock(1002) });
  expect(await aggregates(kept)).toEqual(await aggregates(await writtenWithEveryBatch([a!, b!])));
  await expectRollupsMatchVisits(kept);
});

test('a capture state with a damaged record of waiting changes is read without it', async () => {
  const db = freshDb('damaged');
  await worker(db)(threeBatches()[0]!, { aggregateEveryMs: EVERY, now: clock(1000) });
  const row = (await db.meta.get('capture'))!;
  await db.meta.put({ ...row, value: { ...(row.value as object), agg: { since: 'yesterday' } } });
  expect((await loadCaptureState(db)).agg).toBeUndefined();
});
