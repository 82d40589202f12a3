/**
 * The visit roll-ups (hours and days) must always equal what the stored visits give when folded from
 * scratch: through capture batches (visits growing over several batches, a redirect onto
 * an excluded site), forgetting a site, re-classification and retention.
 */
import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import { ingest } from '../../src/capture/ingest.js';
import type { Classifier } from '../../src/store/classifier.js';
import { forgetSite } from '../../src/store/controls.js';
import { UpstreamDb } from '../../src/store/db.js';
import { domainOnlyClassifier } from '../../src/store/domain-only-classifier.js';
import { buildRollupsOfRows } from '../../src/store/visit-rollup-build.js';
import { applySummary, decodeRollup, emptyRollup, encodeRollup, tryDecodeRollup } from '../../src/store/visit-rollup.js';
import { REACH_FIGURES } from '../../src/store/figures.js';
import { Interner } from '../../src/store/interner.js';
import { DAYS, HOURS, type Grain } from '../../src/store/rollup-grains.js';
import { reclassify } from '../../src/store/reclassify.js';
import { applyRetention } from '../../src/store/retention.js';
import { summariseVisit } from '../../src/store/visit-summary.js';
import { JournalWriter } from './helpers/journal.js';
import { freshDb as newDb, settings } from './helpers/test-store.js';

const freshDb = () => newDb('hours');
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 28, 12, 30);

/** Google-like hosts are a US company (and PRISM); everything else is unknown. */
function classifier(version: string, googleCountry = 'US'): Classifier {
  return {
    version,
    host(host) {
      const base = domainOnlyClassifier.host(host);
      return base.domain.includes('google')
        ? {
            ...base,
            company: 'Google',
            parent: 'Alphabet',
            jurisdiction: googleCountry,
            prism: googleCountry === 'US',
            tracker: { name: 'GA', category: 'site_analytics' },
          }
        : base;
    },
    ip: (address) => ({ country: address.startsWith('192.0.2.') ? 'US' : 'FR', asn: null, network: null }),
    thirdParty: (page, request) => domainOnlyClassifier.thirdParty(page, request),
  };
}

/** Both grains of stored roll-ups equal the stored visits folded from scratch; returns the hours. */
async function expectHoursMatchVisits(db: UpstreamDb) {
  const [visits, hosts, ips] = await Promise.all([db.visits.toArray(), db.hosts.toArray(), db.ips.toArray()]);
  const hostTable = new Map(hosts.map((h) => [h.id!, h]));
  const ipTable = new Map(ips.map((i) => [i.id!, i]));
  const stored = async (grain: Grain) => (await db[grain.table].orderBy('h').toArray()).map(decodeRollup);
  const rebuilt = (grain: Grain) => [...buildRollupsOfRows(visits, hostTable, ipTable, grain).values()].sort((a, b) => a.h - b.h);
  expect(await stored(DAYS)).toEqual(rebuilt(DAYS));
  const hours = await stored(HOURS);
  expect(hours).toEqual(rebuilt(HOURS));
  return hours;
}

test('capture batches keep the hour roll-ups equal to the visits folded from scratch', async () => {
  const db = freshDb();
  const interner = new Interner();
  const c = classifier('v1');
  const j = new JournalWriter();
  j.navigate('https://news.example/a', 1, NOW - 2 * HOUR);
  j.request({ url: 'https://news.example/logo.png', time: NOW - 2 * HOUR + 10, ip: '198.51.100.1' });
  j.navigate('https://shop.example/', 2, NOW);
  await ingest(db, j.take(), c, settings(), interner);
  let hours = await expectHoursMatchVisits(db);
  expect(hours.map((h) => [h.h, h.v, h.reach.usReach])).toEqual([
    [NOW - 2 * HOUR - 30 * 60_000, 1, 0],
    [NOW - 30 * 60_000, 1, 0],
  ]);
  // The news page keeps loading in later batches: Google arrives, answered from a US edge (its CDN says so).
  j.request({ url: 'https://www.google-analytics.com/collect', tabId: 1, time: NOW - HOUR, ip: '192.0.2.7', edge: 'cloudfront:IAD' });
  await ingest(db, j.take(), c, settings(), interner);
  hours = await expectHoursMatchVisits(db);
  expect(hours[0]).toMatchObject({
    v: 1,
    reach: { usReach: 1, prismReach: 1, upstreamReach: 1, trackerReach: 1 },
    hist: { 1: 1 },
    co: { FR: 1, US: 1 },
  });
  expect(hours[0]!.obs['c:Google']).toMatchObject({ v: 1, sites: { 'news.example': 1 }, cat: { site_analytics: 1 } });
  // A fresh worker (empty interner) adds more to the same visit: verdicts come from the database.
  j.request({ url: 'http://cdn.example/x.js', tabId: 1, time: NOW - HOUR + 5 });
  await ingest(db, j.take(), c, settings(), new Interner());
  hours = await expectHoursMatchVisits(db);
  expect(hours[0]).toMatchObject({ n: 4, x: 1, hist: { 2: 1 } });
  // A navigation that redirects onto an excluded site leaves nothing behind, in the hours too.
  j.navigate('https://go.example/', 3, NOW + 60_000);
  await ingest(db, j.take(), c, settings({ excludedSites: ['go.example'] }), interner);
  await expectHoursMatchVisits(db);
});

test('forgetting a site, re-classifying and retention rebuild the hours they affect', async () => {
  const db = freshDb();
  const interner = new Interner();
  const j = new JournalWriter();
  for (let i = 0; i < 6; i++) {
    j.navigate(`https://${i % 2 ? 'news' : 'shop'}.example/${i}`, i + 1, NOW - i * 20 * 24 * HOUR);
    j.request({ url: 'https://www.google-analytics.com/collect', tabId: i + 1, time: NOW - i * 20 * 24 * HOUR + 10, ip: '192.0.2.1' });
  }
  await ingest(db, j.take(), classifier('v1'), settings(), interner);
  expect((await expectHoursMatchVisits(db)).reduce((sum, h) => sum + h.reach.usReach, 0)).toBe(6);

  await forgetSite(db, 'news.example');
  const afterForget = await expectHoursMatchVisits(db);
  expect(afterForget.flatMap((h) => Object.keys(h.sites))).toEqual(['shop.example', 'shop.example', 'shop.example']);

  // New knowledge says Google answers to another country: US reach drops everywhere.
  const changed = await reclassify(db, classifier('v2', 'IE'), (work) => work());
  expect(changed).toBeGreaterThan(0);
  const reclassified = await expectHoursMatchVisits(db);
  expect(reclassified.map((h) => h.reach.usReach)).toEqual([0, 0, 0]);

  // One month of history kept: the visits of 40 and 80 days ago go, with their hours.
  await applyRetention(db, settings({ rawRetentionDays: 28, rollupRetentionMonths: 1 }), NOW);
  const kept = await expectHoursMatchVisits(db);
  expect(kept.map((h) => h.h)).toEqual([NOW - 30 * 60_000]);
});

test('a visit added and taken out leaves an hour as it was', () => {
  const visit = {
    id: 1,
    time: NOW,
    site: 'news.example',
    host: 1,
    shown: true,
    prerender: false,
    inferred: false,
    hosts: [1, 2],
    ips: [1],
    requests: 3,
    clearText: 1,
    answered: ['US'],
  };
  const hosts = new Map([
    [1, { name: 'news.example', domain: 'news.example', company: null, parent: null, jurisdiction: null, prism: false, tracker: null }],
    [2, { name: 'www.google.com', domain: 'google.com', company: 'Google', parent: null, jurisdiction: 'US', prism: true, tracker: null }],
  ]);
  const ips = new Map([[1, { country: 'US', asn: null, network: null }]]);
  const row = emptyRollup(NOW);
  const summary = summariseVisit(visit, hosts, ips)!;
  applySummary(row, summary, 1);
  expect(row).toMatchObject({ v: 1, reach: { usReach: 1, upstreamReach: 1 }, n: 3, x: 1 });
  applySummary(row, summary, -1);
  expect(row).toEqual(emptyRollup(NOW));
});

test('a batch after something else rewrote its hour (a forget) builds on the stored row, not on what it wrote last', async () => {
  const db = freshDb();
  const interner = new Interner();
  const c = classifier('v1');
  const j = new JournalWriter();
  j.navigate('https://news.example/', 1, NOW);
  j.request({ url: 'https://www.google-analytics.com/collect', tabId: 1, time: NOW + 10, ip: '192.0.2.1' });
  j.navigate('https://shop.example/', 2, NOW + 20);
  await ingest(db, j.take(), c, settings(), interner);
  await expectHoursMatchVisits(db);
  // The worker remembers the hour it wrote; the forget rewrites it from the visits.
  await forgetSite(db, 'news.example');
  interner.reset(); // as the worker does after a forget: hosts were deleted
  j.request({ url: 'https://www.google-analytics.com/collect', tabId: 2, time: NOW + 30, ip: '192.0.2.1' });
  await ingest(db, j.take(), c, settings(), interner);
  const hours = await expectHoursMatchVisits(db);
  expect(hours.map((h) => [h.v, Object.keys(h.sites)])).toEqual([[1, ['shop.example']]]);
});

test('a roll-up counts every reach figure of the registry, and reads it back', () => {
  const row = emptyRollup(0);
  for (const [i, figure] of REACH_FIGURES.entries()) row.reach[figure.key] = i + 1;
  row.v = REACH_FIGURES.length;
  row.sites['a.example'] = row.v; // a row's visits are its sites' visits, or it does not decode
  expect(tryDecodeRollup(encodeRollup(row))?.reach).toEqual(row.reach);
});
