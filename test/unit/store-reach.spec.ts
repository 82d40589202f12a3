import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import * as v from 'valibot';
import { reachedReceiver } from '../../src/store/reach.js';
import { exportSchema } from '../../src/store/export-file/export-schema.js';
import { UpstreamDb } from '../../src/store/db.js';
import { ingest } from '../../src/capture/ingest.js';
import { Interner } from '../../src/store/interner.js';
import { DEFAULT_SETTINGS } from '../../src/store/settings.js';
import { domainOnlyClassifier } from '../../src/store/domain-only-classifier.js';
import { JournalWriter } from './helpers/journal.js';

test('a request reached its receiver unless the browser says it failed before anything was sent', () => {
  const neverSent = [
    'net::ERR_BLOCKED_BY_CLIENT',
    'net::ERR_NAME_NOT_RESOLVED',
    'net::ERR_CONNECTION_REFUSED',
    'net::ERR_CERT_AUTHORITY_INVALID',
    'net::ERR_SSL_PROTOCOL_ERROR',
    'net::ERR_INTERNET_DISCONNECTED',
    'net::ERR_CONNECTION_TIMED_OUT',
    'net::ERR_CERTIFICATE_TRANSPARENCY_REQUIRED',
    'net::ERR_CONNECTION_FAILED',
    'NS_ERROR_BLOCKED_BY_POLICY',
    'NS_ERROR_HARMFULADDON_URI',
    'NS_ERROR_ABORT',
    'NS_ERROR_UNKNOWN_HOST',
    'NS_ERROR_CONNECTION_REFUSED',
    'NS_ERROR_TRACKING_URI',
    'NS_ERROR_SOCIALTRACKING_URI',
    'NS_ERROR_FINGERPRINTING_URI',
    'NS_ERROR_CRYPTOMINING_URI',
    'NS_ERROR_EMAILTRACKING_URI',
    'NS_ERROR_MALWARE_URI',
    'SEC_ERROR_UNKNOWN_ISSUER',
    'SSL_ERROR_BAD_CERT_DOMAIN',
    'MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT',
  ];
  for (const error of neverSent) expect(reachedReceiver(true, error, false), error).toBe(false);
  // An address named: a connection was made, and the server may well have the request (an
  // extension can cancel one once its answer has come: uBlock Origin's header= filters).
  for (const error of neverSent) expect(reachedReceiver(true, error, true), `${error} with an address`).toBe(true);
  // Cancelled after it went out (seen reaching the fixture server in both browsers), or unknown: reached.
  const mayHaveReached = [
    'net::ERR_ABORTED',
    'NS_BINDING_ABORTED',
    'net::ERR_TIMED_OUT',
    'net::ERR_EMPTY_RESPONSE',
    'net::ERR_FAILED',
    'NS_ERROR_NET_TIMEOUT',
    'net::ERR_BLOCKED_BY_ORB',
    'something new',
  ];
  for (const error of mayHaveReached) expect(reachedReceiver(true, error, false), error).toBe(true);
  expect(reachedReceiver(true, null, false)).toBe(true);
  expect(reachedReceiver(false, 'net::ERR_BLOCKED_BY_CLIENT', false)).toBe(true);
  // Whole texts only: a prefix or a longer text of the same start is not taken for one.
  expect(reachedReceiver(true, 'net::ERR_BLOCKED_BY_CLIENT_AND_MORE', false)).toBe(true);
  expect(reachedReceiver(true, 'xnet::ERR_NAME_NOT_RESOLVED', false)).toBe(true);
});

test('a tracker an ad blocker stopped is recorded, but makes nobody an observer of the page', async () => {
  const db = new UpstreamDb(`test-reach-${process.pid}`);
  const j = new JournalWriter();
  j.navigate('https://news.example/');
  j.request({
    url: 'https://www.google-analytics.com/g/collect',
    outcome: 'failed',
    statusCode: null,
    error: 'net::ERR_BLOCKED_BY_CLIENT',
  });
  j.request({ url: 'https://connect.facebook.net/sdk.js', outcome: 'failed', statusCode: null, error: 'net::ERR_ABORTED' });
  // Cancelled by an extension once the server had answered: an address, so it reached.
  j.request({
    url: 'https://media.example/big.mp4',
    outcome: 'failed',
    statusCode: null,
    error: 'net::ERR_BLOCKED_BY_CLIENT',
    ip: '192.0.2.9',
  });
  await ingest(db, j.take(), domainOnlyClassifier, { ...DEFAULT_SETTINGS, excludedSites: [] }, new Interner());
  expect(await db.requests.count()).toBe(4);
  const names = new Map((await db.hosts.toArray()).map((h) => [h.id!, h.n]));
  const [visit] = await db.visits.toArray();
  expect(visit!.d.map((id) => names.get(id)).sort()).toEqual(['connect.facebook.net', 'media.example', 'news.example']);
  // Still counted as requests of the page, and as failed ones, in the daily rows.
  expect((await db.daily.toArray()).map((d) => [names.get(d.host), d.n, d.failed, d.blocked]).sort()).toEqual([
    ['connect.facebook.net', 1, 1, 0],
    ['media.example', 1, 1, 0],
    ['news.example', 1, 0, 0],
    ['www.google-analytics.com', 1, 1, 1],
  ]);
});

test('an export written before blocked requests were counted still reads, with none blocked', () => {
  const day = { day: '2026-11-28', site: 'news.example', host: 1, requests: 3, clear: 0, cookies: 0, referrer: 0, failed: 1 };
  const parsed = v.parse(exportSchema.entries.daily, [day]);
  expect(parsed[0]).toEqual({ ...day, blocked: 0 });
  expect(() => v.parse(exportSchema.entries.daily, [{ ...day, blocked: -1 }])).toThrow();
});
