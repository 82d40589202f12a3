/**
 * Two things the pipeline does to cost less per page load (src/capture/pipeline.ts,
 * journal.ts): the chunks of stored events are removed from the session area together, at
 * most every RELEASE_EVERY_MS, unless a flush was asked for; and in a burst, a batch waits
 * until its oldest event has waited FLUSH_DELAY_MS, as after a quiet spell, instead of
 * following the one before at once.
 */
import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import { Journal, RELEASE_EVERY_MS } from '../../src/capture/journal.js';
import { DURABLE_WITHIN_MS, FLUSH_DELAY_MS, Pipeline } from '../../src/capture/pipeline.js';
import { domainOnlyClassifier } from '../../src/store/domain-only-classifier.js';
import { freshDb, settings } from './helpers/test-store.js';
import { SessionArea } from './helpers/session-area.js';
import { JournalWriter } from './helpers/journal.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function pageEvents(count: number, worker = 'page') {
  const j = new JournalWriter(worker);
  const t = Date.now();
  j.navigate('https://news.example/', 1, t);
  for (let i = 1; i < count; i++) j.request({ url: `https://cdn.example/${i}.png`, ip: '192.0.2.1', time: t + i });
  return j.take().map((entry) => entry.event);
}

test('chunks released for later stay until RELEASE_EVERY_MS or a release asked for now, which takes them all', async () => {
  const area = new SessionArea();
  const journal = new Journal(area);
  const [a, b, c] = pageEvents(3);
  await journal.append(a!);
  await sleep(20); // a chunk of its own
  await journal.append(b!);
  await sleep(20);
  await journal.append(c!);
  const [first, second, third] = journal.take(3).entries;
  await journal.release([first!], true);
  await journal.release([second!], true);
  expect(area.journaled(), 'released for later: still there').toBe(3);
  await journal.release([third!]);
  expect(area.journaled(), 'a release now takes the ones left for later too').toBe(0);
  const [d] = pageEvents(1, 'later');
  await journal.append(d!);
  await journal.release(journal.take(1).entries, true);
  expect(area.journaled()).toBe(1);
  await sleep(RELEASE_EVERY_MS + 100);
  expect(area.journaled(), 'removed by the timer').toBe(0);
});

test("the worker's own flushes leave stored chunks for the timer; a flush asked for leaves none, and a successor stores nothing twice", async () => {
  const db = freshDb('release');
  const area = new SessionArea();
  const deps = { db, classifier: async () => domainOnlyClassifier, settings: async () => settings() };
  const pipeline = new Pipeline({ ...deps, journal: new Journal(area) });
  const events = pageEvents(20);
  for (const event of events) pipeline.push(event);
  await expect.poll(() => db.requests.count(), { timeout: 2000 }).toBe(20);
  expect(area.journaled(), 'stored, not removed yet').toBeGreaterThan(0);
  // A successor that reads them (this worker stopped) skips what the store has.
  const successor = new Pipeline({ ...deps, journal: new Journal(area) });
  await successor.flush();
  expect(successor.stats.duplicates).toBe(events.length);
  expect(await db.requests.count()).toBe(20);
  await pipeline.flush();
  expect(area.journaled(), 'a flush asked for: nothing stored is left').toBe(0);
});

test("in a burst, batches wait for their oldest event's FLUSH_DELAY_MS rather than following each other; the last ones are stored promptly", async () => {
  const db = freshDb('paced');
  // Each batch takes 30 ms before its transaction (a busy worker): unpaced, the next batch
  // would start at once with the few events of those 30 ms.
  const slowSettings = async () => {
    await sleep(30);
    return settings();
  };
  const pipeline = new Pipeline({
    db,
    journal: new Journal(new SessionArea()),
    classifier: async () => domainOnlyClassifier,
    settings: slowSettings,
  });
  const events = pageEvents(120);
  const requests = events.length - 1; // the page's start is an event, not a row
  const started = performance.now();
  for (const event of events) {
    pipeline.push(event);
    await sleep(5);
  }
  const burst = performance.now() - started;
  // The promise is DURABLE_WITHIN_MS; twice that leaves room for a test machine shared with other jobs.
  await expect.poll(() => db.requests.count(), { timeout: 2 * DURABLE_WITHIN_MS, intervals: [10] }).toBe(requests);
  // About one batch per FLUSH_DELAY_MS of the burst (not one per 30 ms), the first included.
  expect(pipeline.stats.batches).toBeLessThanOrEqual(Math.ceil(burst / FLUSH_DELAY_MS) + 2);
});
