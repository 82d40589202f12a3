import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import { ingest } from '../../src/capture/ingest.js';
import { forgetCapturedVisits, loadCaptureState } from '../../src/capture/capture-state.js';
import { Interner } from '../../src/store/interner.js';
import { domainOnlyClassifier } from '../../src/store/domain-only-classifier.js';
import { forgetSite, wipeAll } from '../../src/store/controls.js';
import { JournalWriter } from './helpers/journal.js';
import { freshDb as newDb, settings, records } from './helpers/test-store.js';

const freshDb = () => newDb('test');

test('a batch becomes request rows, a page visit, interned hosts and daily roll-ups', async () => {
  const db = freshDb();
  const j = new JournalWriter();
  j.navigate('https://news.example/article?id=42#top');
  j.request({ url: 'https://news.example/logo.png?v=3', ip: '192.0.2.1' });
  j.request({ url: 'https://www.google-analytics.com/g/collect?tid=G-1', method: 'POST', type: 'ping', ip: '192.0.2.2', cookies: true });
  j.request({ url: 'http://cdn.example/a.js', type: 'script', ip: '192.0.2.2' });
  const result = await ingest(db, j.take(), domainOnlyClassifier, settings(), new Interner());
  expect(result).toEqual({ stored: 4, skipped: 0, duplicates: 0 });
  const rows = await records(db);
  expect(rows.map((r) => [r.url, r.thirdParty, r.cleartext, r.cookies, r.pageUrl])).toEqual([
    ['https://news.example/article', false, false, false, 'https://news.example/article'],
    ['https://news.example/logo.png', false, false, false, 'https://news.example/article'],
    ['https://www.google-analytics.com/g/collect', true, false, true, 'https://news.example/article'],
    ['http://cdn.example/a.js', true, true, false, 'https://news.example/article'],
  ]);
  const [visit] = await db.visits.toArray();
  expect(visit).toMatchObject({ s: 'news.example', c: 1, n: 4 });
  expect(visit!.d).toHaveLength(3);
  expect(visit!.ip).toHaveLength(2);
  expect(await db.hosts.count()).toBe(3);
  const daily = await db.daily.toArray();
  expect(daily.reduce((sum, d) => sum + d.n, 0)).toBe(4);
  expect(daily.find((d) => d.n === 1 && d.cookies === 1)).toBeTruthy();
  // One row per day, site, host and server address: two hosts shared 192.0.2.2.
  const hostName = new Map((await db.hosts.toArray()).map((h) => [h.id!, h.n]));
  const ipOf = new Map((await db.ips.toArray()).map((i) => [i.id!, i.a]));
  expect((await db.dailyIps.toArray()).map((d) => [d.site, hostName.get(d.host), ipOf.get(d.ip), d.n]).sort()).toEqual([
    ['news.example', 'cdn.example', '192.0.2.2', 1],
    ['news.example', 'news.example', '192.0.2.1', 1],
    ['news.example', 'www.google-analytics.com', '192.0.2.2', 1],
  ]);
});

test('a batch stored twice (a restarted worker re-reading its journal) is not stored again', async () => {
  const db = freshDb();
  const j = new JournalWriter();
  j.navigate('https://a.example/');
  j.request({ url: 'https://b.example/x.gif' });
  const batch = j.take();
  await ingest(db, batch, domainOnlyClassifier, settings(), new Interner());
  const again = await ingest(db, batch, domainOnlyClassifier, settings(), new Interner());
  expect(again).toEqual({ stored: 0, skipped: 0, duplicates: 3 }); // a navigation and two requests
  expect(await db.requests.count()).toBe(2);
  expect((await db.daily.toArray()).reduce((s, d) => s + d.n, 0)).toBe(2);
});

test('query strings and fragments are kept only when the user asks', async () => {
  const db = freshDb();
  const j = new JournalWriter();
  j.navigate('https://a.example/search?q=secret#frag');
  j.request({ url: 'https://b.example/p.gif?uid=123' });
  await ingest(db, j.take(), domainOnlyClassifier, settings({ storeQueryStrings: true }), new Interner());
  expect((await records(db)).map((r) => r.url)).toEqual(['https://a.example/search?q=secret#frag', 'https://b.example/p.gif?uid=123']);
  const plain = freshDb();
  const k = new JournalWriter();
  k.navigate('https://a.example/search?q=secret#frag');
  k.request({ url: 'https://b.example/p.gif?uid=123' });
  await ingest(plain, k.take(), domainOnlyClassifier, settings(), new Interner());
  const everything = JSON.stringify([await plain.requests.toArray(), await plain.visits.toArray(), await plain.hosts.toArray()]);
  expect(everything).not.toMatch(/secret|uid=|frag/);
});

test('pause drops what happens after it; an excluded site leaves no visit and no request', async () => {
  const db = freshDb();
  const j = new JournalWriter();
  j.navigate('https://a.example/', 1, 1000);
  j.request({ url: 'https://t.example/1.gif', time: 1500 });
  j.request({ url: 'https://t.example/2.gif', time: 2500 });
  j.navigate('https://private.example/', 2, 1200);
  j.request({ url: 'https://t.example/3.gif', tabId: 2, time: 1300 });
  const result = await ingest(
    db,
    j.take(),
    domainOnlyClassifier,
    settings({ pausedSince: 2000, excludedSites: ['private.example'] }),
    new Interner(),
  );
  expect(result.stored).toBe(2);
  expect((await records(db)).map((r) => r.url)).toEqual(['https://a.example/', 'https://t.example/1.gif']);
  expect((await db.visits.toArray()).map((v) => v.s)).toEqual(['a.example']);
});

test('forget a site removes its visits, requests, roll-ups and hosts, and nothing else', async () => {
  const db = freshDb();
  const j = new JournalWriter();
  j.navigate('https://keep.example/', 1);
  j.request({ url: 'https://shared-tracker.example/p.gif', tabId: 1 });
  j.navigate('https://forget.example/', 2);
  j.request({ url: 'https://shared-tracker.example/p.gif', tabId: 2 });
  j.request({ url: 'https://only-on-forget.example/x.js', tabId: 2 });
  j.request({ url: 'https://beacon.example/b', tabId: -1, initiator: 'https://forget.example' });
  await ingest(db, j.take(), domainOnlyClassifier, settings(), new Interner());
  expect(await db.requests.count()).toBe(6);
  const result = await forgetSite(db, 'forget.example');
  expect(result).toEqual({ visitIds: [2], visits: 1, requests: 4, daily: 4 });
  await forgetCapturedVisits(db, new Set(result.visitIds));
  expect((await loadCaptureState(db)).pages.tabs['2']!.current).toBeNull();
  expect((await records(db)).map((r) => r.url)).toEqual(['https://keep.example/', 'https://shared-tracker.example/p.gif']);
  expect((await db.hosts.toArray()).map((h) => h.n).sort()).toEqual(['keep.example', 'shared-tracker.example']);
  expect(JSON.stringify(await Promise.all(db.tables.map((t) => t.toArray())))).not.toContain('forget.example');
});

test('wipe empties every table', async () => {
  const db = freshDb();
  const j = new JournalWriter();
  j.navigate('https://a.example/');
  j.request({ url: 'https://b.example/x', ip: '192.0.2.9' });
  await ingest(db, j.take(), domainOnlyClassifier, settings(), new Interner());
  await wipeAll(db);
  expect(await Promise.all(db.tables.map((t) => t.count()))).toEqual(db.tables.map(() => 0));
});

test('an answer from the cache places no server: Chrome gives the address the copy once came from', async () => {
  const db = freshDb();
  const j = new JournalWriter();
  j.navigate('https://news.example/');
  j.request({ url: 'https://fonts.example/font.woff2', ip: '192.0.2.7', fromCache: true });
  j.request({ url: 'https://cdn.example/a.js', ip: '192.0.2.8' });
  await ingest(db, j.take(), domainOnlyClassifier, settings(), new Interner());
  const rows = await records(db);
  expect(rows.map((r) => [r.url, r.fromCache, r.ip])).toEqual([
    ['https://news.example/', false, null],
    ['https://fonts.example/font.woff2', true, null],
    ['https://cdn.example/a.js', false, '192.0.2.8'],
  ]);
  expect((await db.ips.toArray()).map((i) => i.a)).toEqual(['192.0.2.8']);
  const [visit] = await db.visits.toArray();
  expect(visit!.ip).toHaveLength(1);
  expect(visit!.d).toHaveLength(3); // the cached font's host still counts as a receiver
  expect((await db.dailyIps.toArray()).map((d) => d.n)).toEqual([1]);
});
