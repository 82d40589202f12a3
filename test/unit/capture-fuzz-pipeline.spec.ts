/**
 * The capture pipeline under junk: browser event `details` are untrusted input, and no
 * batch of them, nor a request id named like an Object.prototype member, may stop capture:
 * a normal page after them is still stored and attributed to its page, and nothing waits.
 */
import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { toNavigationStart, toObservation } from '../../src/capture/observation.js';
import type { UpstreamDb } from '../../src/store/db.js';
import type { CaptureEvent } from '../../src/shared/types.js';
import { JournalWriter } from './helpers/journal.js';
import { JsonSessionArea } from './helpers/session-area.js';
import { freshDb as newDb, pipelineOver as pipelineWithArea, records } from './helpers/test-store.js';
import { anyDetails } from './helpers/fuzz-details.js';
import { checkIntegrity } from './helpers/fuzz-checks.js';
import { eventsOf } from './helpers/fuzz-events.js';

const freshDb = () => newDb('fuzz');
const pipelineOver = (db: UpstreamDb) => pipelineWithArea(db, new JsonSessionArea());

function normalEvents(tag: string, tabId: number): CaptureEvent[] {
  const j = new JournalWriter();
  j.navigate(`https://${tag}.example/`, tabId);
  j.request({ url: `https://${tag}.example/a.png`, tabId });
  j.request({ url: `https://tracker.example/${tag}.gif`, tabId });
  return j.take().map((e) => e.event);
}

async function pageUrlsOf(db: UpstreamDb, tag: string) {
  return (await records(db)).filter((r) => r.url.includes(tag)).map((r) => [r.url, r.pageUrl]);
}

test('the pipeline: 3,000 generated junk events, then a normal page: all of it is stored, nothing waits', async () => {
  test.setTimeout(120_000);
  const db = freshDb();
  const { area, journal, pipeline } = pipelineOver(db);
  const junk = fc.sample(anyDetails, { numRuns: 3000, seed: 20260615 });
  const events = eventsOf(junk, fc.sample(fc.nat(), { numRuns: 97, seed: 7 }));
  for (const event of events) pipeline.push(event);
  for (const event of normalEvents('after-junk', 555_555)) pipeline.push(event);
  await pipeline.flush();
  expect(pipeline.stats.failures).toBe(0);
  expect(pipeline.stats.stored + pipeline.stats.skipped).toBe(events.filter((e) => e.kind === 'request').length + 3);
  expect(await pageUrlsOf(db, 'after-junk')).toEqual([
    ['https://after-junk.example/', 'https://after-junk.example/'],
    ['https://after-junk.example/a.png', 'https://after-junk.example/'],
    ['https://tracker.example/after-junk.gif', 'https://after-junk.example/'],
  ]);
  expect(journal.size).toBe(0);
  expect(area.items.size).toBe(0);
  await checkIntegrity(db);
});

// A request id names the navigation it brings about in the capture state. Earlier, a plain
// object read `state.navigations[requestId] ??= …`: for a request id naming an
// Object.prototype member ("toString", "constructor", "__proto__", …) that returned the
// inherited function or object as the visit id, the visit row could not be stored, and the
// pipeline retried the batch for ever: capture stopped. Request ids come from the browser
// (numeric strings in practice), but details are untrusted input, and one odd event must never
// stop capture. The fuzz generators (helpers/fuzz-details.ts) now draw such ids too.
// Last in the file: the stuck pipeline keeps retrying in the background until the worker exits.
test('a request id named like an Object.prototype member does not stop capture', async () => {
  test.setTimeout(20_000);
  const db = freshDb();
  const { journal, pipeline } = pipelineOver(db);
  for (const requestId of ['toString', 'constructor', '__proto__']) {
    const navigation = toNavigationStart({
      requestId,
      url: `https://odd-${requestId.replace(/_/g, '')}.example/`,
      tabId: 4,
      statusCode: 200,
    });
    const request = toObservation(
      { requestId, url: `https://odd-${requestId.replace(/_/g, '')}.example/`, tabId: 4, type: 'main_frame', frameId: 0 },
      'completed',
    );
    pipeline.push({ kind: 'navigation', navigation: navigation! });
    pipeline.push({ kind: 'request', request: request! });
  }
  for (const event of normalEvents('after-odd-ids', 6)) pipeline.push(event);
  await pipeline.flush();
  expect(pipeline.stats.lastError).toBeNull();
  expect(await pageUrlsOf(db, 'after-odd-ids')).toHaveLength(3);
  expect(journal.size).toBe(0);
});
