import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import { UpstreamDb } from '../../src/store/db.js';
import { decodeRollup } from '../../src/store/visit-rollup.js';
import { dailyBetween, pageRows, visitOfTab } from '../../src/store/queries.js';
import { serverUsesBetween } from '../../src/store/server-queries.js';
import { dayOf } from '../../src/store/url-parts.js';
import { FLAGS, OUTCOMES, type HostRow, type VisitRow } from '../../src/store/schema.js';
import { freshDb as newDb } from './helpers/test-store.js';

const freshDb = () => newDb('queries');
const NOW = Date.UTC(2026, 10, 28, 12);
const DAY = 86_400_000;

function hostRow(id: number, name: string): HostRow {
  return {
    id,
    n: name,
    d: name.split('.').slice(-2).join('.'),
    kv: 'k',
    company: null,
    parent: null,
    jurisdiction: null,
    prism: false,
    tracker: null,
  };
}

function visitRow(id: number, tab: number, t: number, s: string, h: number, d: number[] = [], ip: number[] = []): VisitRow {
  return { id, t, tab, u: `https://${s}/`, s, h, c: 1, pr: 0, inf: 0, d: [h, ...d], ip, n: 0 };
}

test("the visit a tab shows is its newest, as long as it is still on the tab's site", async () => {
  const db = freshDb();
  await db.visits.bulkPut([
    visitRow(1, 7, NOW - 3 * DAY, 'news.example', 1),
    visitRow(2, 7, NOW - DAY, 'shop.example', 2),
    visitRow(3, 8, NOW - 1000, 'news.example', 1),
    visitRow(4, 7, NOW - 40 * DAY, 'old.example', 3),
  ]);
  expect((await visitOfTab(db, 7, 'www.shop.example', NOW))?.id).toBe(2);
  // The tab moved to a site whose visit is not stored (excluded, paused): nothing, not the previous site.
  expect(await visitOfTab(db, 7, 'news.example', NOW)).toBeUndefined();
  expect((await visitOfTab(db, 8, 'news.example', NOW))?.id).toBe(3);
  // Older than the look-back: a tab left open for weeks shows nothing rather than a stale page.
  expect(await visitOfTab(db, 9, 'old.example', NOW)).toBeUndefined();
});

test('a page reads exactly the hosts and IPs it contacted, few or many', async () => {
  const db = freshDb();
  const hosts = Array.from({ length: 600 }, (_, i) => hostRow(i + 1, `h${i + 1}.example`));
  await db.hosts.bulkPut(hosts);
  await db.ips.bulkPut([
    { id: 1, a: '192.0.2.1', kv: 'k', country: 'FR', asn: null, network: null },
    { id: 2, a: '192.0.2.2', kv: 'k', country: 'US', asn: null, network: null },
  ]);
  // Few ids are read one by one; many (a page that contacted hundreds of hosts) read the table and keep those asked for.
  const few = await pageRows(db, visitRow(1, 1, NOW - DAY, 'a.example', 1, [2, 3], [2]));
  expect([...few.hosts.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3]);
  expect([...few.ips.keys()]).toEqual([2]);
  const many = await pageRows(
    db,
    visitRow(
      3,
      2,
      NOW - 1000,
      'c.example',
      6,
      hosts.slice(100, 400).map((h) => h.id!),
      [1, 2],
    ),
  );
  expect(many.hosts.size).toBe(301);
  expect(many.hosts.has(500)).toBe(false);
  expect(many.ips.size).toBe(2);
});

test("a page's requests come with their flags spelt out", async () => {
  const db = freshDb();
  await db.hosts.bulkPut([hostRow(1, 'www.news.example'), hostRow(2, 'px.tracker.example')]);
  const visit = visitRow(5, 1, NOW, 'news.example', 1, [2]);
  await db.visits.put(visit);
  await db.requests.bulkAdd([
    { t: NOW, v: 5, f: 0, h: 1, c: 1, p: '/', m: 1, y: 1, o: 0, s: 200, i: 0, b: 0 },
    {
      t: NOW,
      v: 5,
      f: 0,
      h: 2,
      c: 2,
      p: '/p.gif',
      m: 1,
      y: 5,
      o: OUTCOMES.indexOf('failed'),
      s: 0,
      i: 0,
      b: FLAGS.thirdParty | FLAGS.cleartext,
      e: 'net::ERR_ABORTED',
    },
    {
      t: NOW,
      v: 5,
      f: 0,
      h: 2,
      c: 2,
      p: '/q.gif',
      m: 1,
      y: 5,
      o: OUTCOMES.indexOf('failed'),
      s: 0,
      i: 0,
      b: FLAGS.thirdParty,
      e: 'net::ERR_BLOCKED_BY_CLIENT',
    },
    { t: NOW, v: 6, f: 0, h: 2, c: 1, p: '/other', m: 1, y: 5, o: 0, s: 200, i: 0, b: FLAGS.thirdParty },
  ]);
  const rows = await pageRows(db, visit);
  expect(rows.requests).toEqual([
    { host: 1, ip: 0, thirdParty: false, cleartext: false, failed: false, reached: true },
    { host: 2, ip: 0, thirdParty: true, cleartext: true, failed: true, reached: true },
    { host: 2, ip: 0, thirdParty: true, cleartext: false, failed: true, reached: false },
  ]);
  expect([...rows.hosts.keys()].sort()).toEqual([1, 2]);
});

test('a profile made by schema version 1 upgrades with its visits kept, found by tab and rolled up by hour', async () => {
  const name = `queries-upgrade-${process.pid}`;
  const { default: Dexie } = await import('dexie');
  const v1 = new Dexie(name);
  v1.version(1).stores({
    requests: '++id, v',
    visits: 'id, t, s',
    hosts: '++id, &n',
    ips: '++id, &a',
    daily: '[day+site+host], day, site',
    dailyIps: '[day+site+ip], day, site',
    meta: 'key',
  });
  await v1.table('visits').bulkPut([visitRow(1, 4, NOW - DAY, 'news.example', 1), visitRow(2, 4, NOW - 1000, 'news.example', 1)]);
  // Server addresses per day were kept without their host until version 6.
  await v1.table('requests').bulkAdd([
    { t: NOW - DAY, v: 1, f: 0, h: 1, c: 1, p: '/', m: 1, y: 1, o: 0, s: 200, i: 7, b: 0 },
    { t: NOW - 1000, v: 2, f: 0, h: 1, c: 1, p: '/', m: 1, y: 1, o: 0, s: 200, i: 7, b: 0 },
    { t: NOW - 900, v: 2, f: 0, h: 3, c: 1, p: '/pixel', m: 1, y: 5, o: 0, s: 200, i: 8, b: FLAGS.thirdParty },
    { t: NOW - 800, v: 2, f: 0, h: 3, c: 1, p: '/pixel', m: 1, y: 5, o: 0, s: 200, i: 8, b: FLAGS.thirdParty },
    { t: NOW - 700, v: 0, ps: 'news.example', f: 0, h: 3, c: 1, p: '/beacon', m: 2, y: 9, o: 0, s: 204, i: 8, b: FLAGS.thirdParty },
    { t: NOW - 600, v: 2, f: 0, h: 3, c: 1, p: '/cached', m: 1, y: 5, o: 0, s: 200, i: 0, b: FLAGS.thirdParty | FLAGS.fromCache },
  ]);
  await v1.table('dailyIps').bulkPut([{ day: dayOf(NOW - 1000), site: 'news.example', ip: 7, n: 1 }]);
  v1.close();
  const db = new UpstreamDb(name);
  expect(await db.visits.count()).toBe(2);
  expect((await visitOfTab(db, 4, 'news.example', NOW))?.id).toBe(2);
  expect(db.verno).toBe(6);
  // Version 6 rebuilt the server addresses per day from the requests, with their hosts.
  expect((await db.dailyIps.toArray()).map((r) => [r.day, r.site, r.host, r.ip, r.n]).sort()).toEqual(
    [
      [dayOf(NOW - DAY), 'news.example', 1, 7, 1],
      [dayOf(NOW - 1000), 'news.example', 1, 7, 1],
      [dayOf(NOW - 1000), 'news.example', 3, 8, 3],
    ].sort(),
  );
  // Versions 3 and 4 built the hour and day roll-ups of the visits already there.
  expect((await db.days.toArray()).map(decodeRollup).map((d) => [d.v, d.sites])).toEqual([
    [1, { 'news.example': 1 }],
    [1, { 'news.example': 1 }],
  ]);
  const hours = (await db.hours.toArray()).map(decodeRollup);
  expect(hours.map((h) => [h.h, h.v, h.sites])).toEqual([
    [Math.floor((NOW - DAY) / 3_600_000) * 3_600_000, 1, { 'news.example': 1 }],
    [Math.floor((NOW - 1000) / 3_600_000) * 3_600_000, 1, { 'news.example': 1 }],
  ]);
});

test('daily request rows and server addresses of a span of days: both ends included, nothing outside', async () => {
  const db = new UpstreamDb(`queries-daily-${process.pid}`);
  const days = ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24'];
  await db.hosts.bulkAdd([
    { n: 'www.a.example', d: 'a.example', kv: 'k', company: null, parent: null, jurisdiction: null, prism: false, tracker: null },
    { n: 'cdn.b.example', d: 'b.example', kv: 'k', company: 'B', parent: null, jurisdiction: 'US', prism: false, tracker: null },
  ]);
  await db.ips.bulkAdd([{ a: '192.0.2.1', kv: 'k', country: 'US', asn: null, network: null }]);
  for (const day of days) {
    for (const [site, host] of [
      ['', 2],
      ['a.example', 1],
      ['a.example', 2],
      ['zz.example', 2],
    ] as const) {
      await db.daily.put({ day, site, host, n: 1, clear: 0, cookies: 0, referrer: 0, failed: 0 });
      await db.dailyIps.put({ day, site, host, ip: 1, n: 2 });
    }
  }
  const { rows, hosts } = await dailyBetween(db, '2026-11-21', '2026-11-23');
  expect([...new Set(rows.map((r) => r.day))].sort()).toEqual(['2026-11-21', '2026-11-22', '2026-11-23']);
  expect(rows).toHaveLength(12);
  expect([...hosts.keys()].sort()).toEqual([1, 2]);
  const servers = await serverUsesBetween(db, ['cdn.b.example'], '2026-11-22', '2026-11-22');
  expect(servers.uses.map((u) => [u.day, u.site, u.host])).toEqual([
    ['2026-11-22', '', 2],
    ['2026-11-22', 'a.example', 2],
    ['2026-11-22', 'zz.example', 2],
  ]);
  expect([...servers.ips.values()].map((i) => i.country)).toEqual(['US']);
});
