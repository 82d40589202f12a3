/**
 * URLs with credentials (https://user:password@host/) are real: both browsers let a top-level
 * navigation carry them (routers, dev servers and intranets behind Basic auth), and Firefox
 * reports them in `documentUrl`/`originUrl` of the page's own requests. The password must
 * never be stored, in the request rows, the visits or the capture state.
 */
import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import { toNavigationStart, toObservation } from '../../src/capture/observation.js';
import { toWitnessReport } from '../../src/capture/witness-report.js';
import { ingest } from '../../src/capture/ingest.js';
import { Interner } from '../../src/store/interner.js';
import { domainOnlyClassifier } from '../../src/store/domain-only-classifier.js';
import type { CaptureEvent, JournalEntry } from '../../src/shared/types.js';
import { freshDb, settings, visitRecords } from './helpers/test-store.js';

const page = 'https://admin:SECRET-PASSWORD@router.example/status?x=1';

test('a page opened with user:password@ in its URL leaves no password in any table', async () => {
  const now = Date.now();
  const events: CaptureEvent[] = [];
  const main = { requestId: '1', url: page, type: 'main_frame', tabId: 3, frameId: 0, parentFrameId: -1, timeStamp: now, statusCode: 200 };
  events.push({ kind: 'navigation', navigation: toNavigationStart(main)! });
  events.push({ kind: 'request', request: toObservation(main, 'completed')! });
  // Firefox: the page's own requests name it in documentUrl and originUrl, credentials included.
  const sub = {
    requestId: '2',
    url: 'https://cdn.example/app.js',
    type: 'script',
    tabId: 3,
    frameId: 0,
    parentFrameId: -1,
    timeStamp: now,
    documentUrl: page,
    originUrl: page,
    statusCode: 200,
  };
  events.push({ kind: 'request', request: toObservation(sub, 'completed')! });
  // A tab Upstream did not see open: its page is inferred from the request, in tab 4.
  events.push({ kind: 'request', request: toObservation({ ...sub, requestId: '3', tabId: 4 }, 'completed')! });
  const redirect = { ...main, requestId: '4', tabId: 5, url: 'http://router.example/', statusCode: 301, redirectUrl: page };
  events.push({ kind: 'request', request: toObservation(redirect, 'redirected')! });
  // What the page's own list says when the worker reads it (witness-page.ts): a RawEntry per request.
  const witness = toWitnessReport(
    { documentUrl: page, navigation: null, entries: [['https://u:SECRET-PASSWORD@cdn.example/late.js', 'script', now, now, 200, 0]] },
    6,
    0,
  )!;
  events.push({ kind: 'witness', witness, time: now });
  const entries: JournalEntry[] = events.map((event, seq) => ({ worker: 'w', seq, event }));
  expect(JSON.stringify(entries)).not.toContain('SECRET');
  const db = freshDb('credentials');
  await ingest(db, entries, domainOnlyClassifier, settings(), new Interner());
  expect((await visitRecords(db)).map((v) => v.url).sort()).toEqual([
    'http://router.example/',
    'https://router.example/status',
    'https://router.example/status',
  ]);
  for (const table of db.tables) expect(JSON.stringify(await table.toArray()), `table ${table.name}`).not.toContain('SECRET');
});
