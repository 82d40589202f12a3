/**
 * Upkeep of the store, in Node over fake-indexeddb: retention, which prunes raw rows older
 * than N days and visits and roll-ups older than M months, and leaves nothing of what it pruned.
 */
import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import type { UpstreamDb } from '../../src/store/db.js';
import { ingest } from '../../src/capture/ingest.js';
import { Interner } from '../../src/store/interner.js';
import { DEFAULT_SETTINGS, validateSettings } from '../../src/store/settings.js';
import { domainOnlyClassifier } from '../../src/store/domain-only-classifier.js';
import { applyRetention } from '../../src/store/retention.js';
import { forgetSite } from '../../src/store/controls.js';
import { dayOf } from '../../src/store/url-parts.js';
import type { RequestRow } from '../../src/store/schema.js';
import { JournalWriter } from './helpers/journal.js';
import { freshDb as newDb, records, settings } from './helpers/test-store.js';
import { DAY, NOW } from './helpers/upkeep-time.js';

const freshDb = () => newDb('maintenance');

const monthsAgo = (months: number, days = 0) => {
  const d = new Date(NOW);
  d.setMonth(d.getMonth() - months);
  return d.getTime() - days * DAY;
};

/** One page visit per entry, in time order (ids grow with time, as in real capture), each with two requests. */
async function browseHistory(db: UpstreamDb, pages: { site: string; time: number }[], tabId = 1) {
  const j = new JournalWriter();
  for (const { site, time } of pages) {
    j.navigate(`https://${site}/`, tabId, time);
    j.request({ url: `https://${site}/own.png`, tabId, time: time + 1, ip: '192.0.2.1' });
    j.request({ url: `https://tracker-of-${site}/p.gif`, tabId, time: time + 2, ip: '192.0.2.2' });
  }
  const result = await ingest(db, j.take(), domainOnlyClassifier, settings(), new Interner());
  expect(result.skipped).toBe(0);
}

// The two tests below are the specification of retention. applyRetention (src/store/retention.ts)
// reads rows, not `.primaryKeys()`: with it Dexie walks a key-only cursor, the row handed to
// `until` is undefined, and every maintenance round would fail as soon as one request row exists.
test('retention: raw rows older than N days go, visits and roll-ups older than M months go, everything newer stays', async () => {
  const db = freshDb();
  const retention = settings({ rawRetentionDays: 10, rollupRetentionMonths: 2 });
  const rawCutoff = NOW - 10 * DAY;
  await browseHistory(db, [
    { site: 'ancient.example', time: monthsAgo(2, 5) }, // older than both limits
    { site: 'month-old.example', time: NOW - 31 * DAY }, // raw rows go, visit and roll-ups stay
    { site: 'edge.example', time: rawCutoff - 1 }, // its page request is 1 ms too old; its sub-resources (1 and 2 ms later) are not
    { site: 'recent.example', time: NOW - 3 * DAY },
    { site: 'today.example', time: NOW - 60_000 },
  ]);
  const before = await records(db);
  expect(before).toHaveLength(15);

  const result = await applyRetention(db, retention, NOW);

  const after = await records(db);
  const expectedKept = before.filter((r) => r.time >= rawCutoff);
  expect(after.map((r) => r.url)).toEqual(expectedKept.map((r) => r.url));
  expect(after.map((r) => r.url)).toEqual([
    'https://edge.example/own.png',
    'https://tracker-of-edge.example/p.gif',
    'https://recent.example/',
    'https://recent.example/own.png',
    'https://tracker-of-recent.example/p.gif',
    'https://today.example/',
    'https://today.example/own.png',
    'https://tracker-of-today.example/p.gif',
  ]);
  expect(result.requests).toBe(before.length - after.length);
  // Visits: only the one older than 2 months is gone.
  expect((await db.visits.toArray()).map((v) => v.s)).toEqual(['month-old.example', 'edge.example', 'recent.example', 'today.example']);
  expect(result.visits).toBe(1);
  // Roll-ups: by day; the first day kept is the day of the cutoff.
  const firstDay = dayOf(monthsAgo(2));
  const days = [...new Set((await db.daily.toArray()).map((d) => d.day))];
  expect(days.every((day) => day >= firstDay)).toBe(true);
  expect(days).not.toContain(dayOf(monthsAgo(2, 5)));
  // One roll-up row per day, site and host: the page's own host and its tracker.
  expect((await db.daily.toArray()).map((d) => d.site).sort()).toEqual(
    ['edge.example', 'month-old.example', 'recent.example', 'today.example'].flatMap((s) => [s, s]).sort(),
  );
  expect((await db.dailyIps.toArray()).every((d) => d.day >= firstDay)).toBe(true);
  expect((await db.dailyIps.toArray()).map((d) => d.site)).not.toContain('ancient.example');
  expect(result.daily).toBe(2);
  // Running it again removes nothing more.
  expect(await applyRetention(db, retention, NOW)).toEqual({ requests: 0, visits: 0, daily: 0 });
});

test('retention prunes many thousand old raw rows in chunks and keeps the newer ones', async () => {
  const db = freshDb();
  const row = (t: number): RequestRow => ({ t, v: 0, f: 0, h: 1, c: 1, p: '/x', m: 1, y: 5, o: 0, s: 200, i: 0, b: 0 });
  const old = Array.from({ length: 12_345 }, (_, i) => row(NOW - 40 * DAY + i));
  const fresh = Array.from({ length: 100 }, (_, i) => row(NOW - DAY + i));
  await db.requests.bulkAdd([...old, ...fresh]);
  const result = await applyRetention(db, settings({ rawRetentionDays: 30 }), NOW);
  expect(result.requests).toBe(12_345);
  expect(await db.requests.count()).toBe(100);
  expect((await db.requests.toArray()).every((r) => r.t >= NOW - 30 * DAY)).toBe(true);
});

// The next two fail today first because of the crash above; with that fixed (checked with a
// corrected copy of applyRetention) each still fails for its own reason, described here.
//
// A privacy tool's retention must leave nothing of what it pruned. It deletes requests,
// visits and roll-ups, but the interned host and IP rows of the pruned pages stay for ever
// (src/store/retention.ts applyRetention never calls collectUnreferenced), so the hosts table
// still lists every site visited years ago.
test('retention leaves no trace of a site whose every visit, request and roll-up it pruned', async () => {
  const db = freshDb();
  await browseHistory(db, [
    { site: 'secret-clinic.example', time: monthsAgo(14) },
    { site: 'today.example', time: NOW - 60_000 },
  ]);
  const j = new JournalWriter('closer');
  j.entries.push({ worker: 'closer', seq: 0, event: { kind: 'tab-closed', tabId: 1, time: NOW } });
  await ingest(db, j.take(), domainOnlyClassifier, settings(), new Interner());
  await applyRetention(db, settings(), NOW);
  expect(await db.visits.where('s').equals('secret-clinic.example').count()).toBe(0);
  expect(await db.daily.where('site').equals('secret-clinic.example').count()).toBe(0);
  const everything = JSON.stringify(await Promise.all(db.tables.map((t) => t.toArray())));
  expect(everything).not.toContain('secret-clinic.example');
});

// Settings allow raw rows to be kept longer than visits (rawRetentionDays up to 3650,
// rollupRetentionMonths down to 1). Retention then deletes the visits of raw rows it keeps,
// and the next forget-site drops the hosts those rows point to (collectUnreferenced looks at
// visits and roll-ups, not at request rows): kept requests lose their page and their host.
test('requests cannot be kept longer than their page visits; with valid settings kept requests keep their page and host', async () => {
  // 60 days of requests with 1 month of visits would leave requests without their page.
  expect(() => validateSettings({ ...DEFAULT_SETTINGS, rawRetentionDays: 60, rollupRetentionMonths: 1 })).toThrow(/must not be longer/);
  const db = freshDb();
  await browseHistory(db, [
    { site: 'kept.example', time: NOW - 20 * DAY },
    { site: 'other.example', time: NOW - DAY },
  ]);
  await applyRetention(db, validateSettings({ ...DEFAULT_SETTINGS, rawRetentionDays: 28, rollupRetentionMonths: 1 }), NOW);
  await forgetSite(db, 'other.example');
  const kept = await records(db);
  expect(kept.map((r) => r.url)).toEqual([
    'https://kept.example/',
    'https://kept.example/own.png',
    'https://tracker-of-kept.example/p.gif',
  ]);
  for (const r of kept) {
    expect(r.host, `host of request ${r.id}`).not.toBe('');
    expect(r.pageUrl, `page of ${r.url}`).toBe('https://kept.example/');
  }
});
