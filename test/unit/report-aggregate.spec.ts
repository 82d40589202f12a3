import { test, expect } from '@playwright/test';
import { exposureIn, exposureOf } from '../../src/report/aggregate/exposure.js';
import { summarisePage } from '../../src/report/aggregate/page-summary.js';
import { daysRange, periodRange, slicesOver, sliceOf } from '../../src/report/aggregate/period.js';
import type { HostFacts, IpFacts, VisitFacts } from '../../src/store/visit-facts.js';

const NOW = Date.UTC(2026, 10, 28, 12);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function host(n: string, d: string, company: string | null, extra: Partial<HostFacts> = {}): HostFacts {
  return { name: n, domain: d, company, parent: null, jurisdiction: null, prism: false, tracker: null, ...extra };
}

// Host ids: 1-3 first parties, 10+ third parties.
const hosts = new Map<number, HostFacts>([
  [1, host('www.news.example', 'news.example', null)],
  [2, host('shop.example', 'shop.example', null)],
  [3, host('www.google.com', 'google.com', 'Google', { parent: 'Alphabet', jurisdiction: 'US', prism: true })],
  [
    10,
    host('www.google-analytics.com', 'google-analytics.com', 'Google', {
      parent: 'Alphabet',
      jurisdiction: 'US',
      prism: true,
      tracker: { name: 'Google Analytics', category: 'site_analytics' },
    }),
  ],
  [11, host('fonts.gstatic.com', 'gstatic.com', 'Google', { parent: 'Alphabet', jurisdiction: 'US', prism: true })],
  [12, host('cdn.ovh.example', 'ovh.example', 'OVHcloud', { jurisdiction: 'FR' })],
  [13, host('px.unknown.example', 'unknown.example', null)],
  [
    14,
    host('connect.facebook.net', 'facebook.net', 'Meta', {
      jurisdiction: 'US',
      prism: true,
      tracker: { name: 'Facebook', category: 'advertising' },
    }),
  ],
]);
const ips = new Map<number, IpFacts>([
  [1, { country: 'US', asn: 15169, network: 'GOOGLE' }],
  [2, { country: 'FR', asn: 16276, network: 'OVH' }],
  [3, { country: null, asn: null, network: null }],
]);

function visit(
  id: number,
  t: number,
  s: string,
  h: number,
  d: number[],
  ip: number[],
  n: number,
  x = 0,
  over: Partial<VisitFacts> = {},
): VisitFacts {
  return {
    id,
    time: t,
    site: s,
    host: h,
    shown: true,
    prerender: false,
    inferred: false,
    hosts: [h, ...d],
    ips: ip,
    requests: n,
    clearText: x,
    ...over,
  };
}

const visits: VisitFacts[] = [
  // news: Google analytics (US, tracker) + OVH, servers in US and FR, a CDN answering from the US
  visit(1, NOW - 2 * HOUR, 'news.example', 1, [10, 12], [1, 2], 10, 2, { answered: ['US', 'FR'] }),
  // news again: only OVH and an unknown third party, servers in FR, a CDN answering from France
  visit(2, NOW - 3 * DAY, 'news.example', 1, [12, 13], [2], 5, 0, { answered: ['FR'] }),
  // shop: Meta and Google fonts, unknown server location
  visit(3, NOW - 5 * DAY, 'shop.example', 2, [14, 11], [3], 8, 1),
  // google.com itself: Google is first party, no third party; its server's place only registered (US)
  visit(4, NOW - 6 * DAY, 'google.com', 3, [11], [1], 4, 0, { unlocated: 4 }),
  // outside 7 days
  visit(5, NOW - 10 * DAY, 'shop.example', 2, [14], [1], 3, 3),
  // prerender never shown and a failed navigation: not page visits
  visit(6, NOW - HOUR, 'shop.example', 2, [14], [1], 2, 0, { prerender: true }),
  visit(7, NOW - HOUR, 'news.example', 1, [14], [1], 1, 0, { shown: false }),
];

test('headline figures of a week are shares of the page visits shown in it', () => {
  const e = exposureOf('7d', NOW, visits, hosts, ips);
  expect(e.visits).toBe(4);
  expect(e.sites).toBe(3);
  // US law reached on visits 1 (GA), 3 (Meta, Google), 4 (Google itself)
  expect(e.usReach).toEqual({ visits: 3, share: 0.75, unknown: null });
  expect(e.prismReach).toEqual({ visits: 3, share: 0.75, unknown: null });
  // answered from the US, on a CDN's word, on visit 1 only; visit 4's server is registered in
  // the US, which says nothing of where it stood: a visit the figure may miss
  expect(e.upstreamReach).toEqual({ visits: 1, share: 0.25, unknown: null, undetermined: 1 });
  // trackers on visits 1 and 3
  expect(e.trackerReach).toEqual({ visits: 2, share: 0.5, unknown: null });
  // third-party observers per visit: 2 (Google, OVH), 2 (OVH, unknown.example), 2 (Meta, Google), 0
  expect(e.observersPerPage).toBe(2);
  expect(e.clearText).toEqual({ requests: 27, clear: 3, share: 3 / 27, unknown: null });
  // Google on news (third party), shop (third party) and google.com (its own site): 3 of 3 sites
  expect(e.topObserver).toMatchObject({ name: 'Google', sites: 3, siteShare: 1, visits: 3, categories: ['site_analytics'] });
  // most sites first, then most visits (OVH: 2 visits); an uncatalogued site seeing itself is not an observer, an uncatalogued third party is
  expect(e.observers.map((o) => [o.name, o.sites, o.known])).toEqual([
    ['Google', 3, true],
    ['OVHcloud', 1, true],
    ['Meta', 1, true],
    ['unknown.example', 1, false],
  ]);
  expect(e.countries).toEqual([
    { country: 'FR', visits: 2, share: 0.5 },
    { country: 'US', visits: 2, share: 0.5 },
  ]);
  // Companies under US law on visits 1, 3 and 4; under French law (OVH) on visits 1 and 2.
  expect(e.jurisdictions).toEqual([
    { country: 'US', visits: 3, share: 0.75 },
    { country: 'FR', visits: 2, share: 0.5 },
  ]);
  // Servers: in the US (Five and Fourteen Eyes) on visits 1 and 4, in France (Fourteen Eyes, EU) on 1 and 2.
  expect(e.groups['s:five-eyes']).toEqual({ visits: 2, share: 0.5, unknown: null });
  expect(e.groups['s:fourteen-eyes']).toEqual({ visits: 3, share: 0.75, unknown: null });
  expect(e.groups['s:eu-eea']).toEqual({ visits: 2, share: 0.5, unknown: null });
  expect(e.groups['j:five-eyes']).toEqual({ visits: 3, share: 0.75, unknown: null });
  expect(e.groups['j:eu-eea']).toEqual({ visits: 2, share: 0.5, unknown: null });
  expect(e.trend.points).toHaveLength(7);
  expect(e.trend.points.reduce((sum, p) => sum + p.visits, 0)).toBe(4);
  expect(e.trend.points.reduce((sum, p) => sum + p.usVisits, 0)).toBe(3);
  expect(e.trend.points.at(-1)).toMatchObject({ visits: 1, usVisits: 1 });
});

test('periods: 24 hours end with the current hour; 7 and 30 days are calendar days ending today; "all" starts on the earliest visit\'s day', () => {
  expect(exposureOf('24h', NOW, visits, hosts, ips).visits).toBe(1);
  expect(exposureOf('30d', NOW, visits, hosts, ips).visits).toBe(5);
  const midnight = Date.UTC(2026, 10, 28); // the tests run in UTC (see playwright.config.ts)
  const all = exposureOf('all', NOW, visits, hosts, ips);
  expect(all.visits).toBe(5);
  expect(all.trend.slices.unit).toBe('day');
  expect(all.trend.slices.starts).toHaveLength(11);
  expect(all.trend.slices.starts[0]).toBe(midnight - 10 * DAY);
  const weekRange = periodRange('7d', NOW + 20 * 60_000, null);
  expect(weekRange).toEqual({ from: midnight - 6 * DAY, to: midnight + DAY });
  const week = slicesOver(weekRange);
  expect(week).toEqual({ starts: Array.from({ length: 7 }, (_, i) => midnight + (i - 6) * DAY), end: midnight + DAY, unit: 'day' });
  expect(sliceOf(week, weekRange.from)).toBe(0);
  expect(sliceOf(week, NOW - 1)).toBe(6);
  expect(sliceOf(week, NOW - 8 * DAY)).toBe(-1);
  expect(sliceOf(week, midnight + DAY)).toBe(-1);
  expect(periodRange('24h', NOW + 60_000, null)).toEqual({ from: NOW + HOUR - DAY, to: NOW + HOUR });
  expect(slicesOver(periodRange('24h', NOW, null))).toMatchObject({ unit: 'hour' });
  expect(slicesOver(periodRange('24h', NOW, null)).starts).toHaveLength(24);
  const long = slicesOver(daysRange(NOW - 199 * DAY, NOW));
  expect(long.unit).toBe('week');
  expect(long.starts).toHaveLength(29);
});

test('calendar days stay calendar days across a change of the clocks', () => {
  const previous = process.env.TZ;
  process.env.TZ = 'Europe/Paris';
  try {
    // The range holds the day summer time ended in Paris: that day had 25 hours.
    const range = daysRange(Date.UTC(2026, 9, 24, 12), Date.UTC(2026, 9, 26, 12));
    const slices = slicesOver(range);
    expect(slices.starts.map((t) => new Date(t).toLocaleString('en-GB', { timeZone: 'Europe/Paris' }))).toEqual([
      '24/10/2026, 00:00:00',
      '25/10/2026, 00:00:00',
      '26/10/2026, 00:00:00',
    ]);
    expect(slices.starts[2]! - slices.starts[1]!).toBe(25 * HOUR);
  } finally {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  }
});

test('an empty period has no shares rather than zero ones', () => {
  const e = exposureOf('24h', NOW, [], hosts, ips);
  expect(e).toMatchObject({ visits: 0, sites: 0, usReach: { visits: 0, share: null }, topObserver: null, observersPerPage: null });
  expect(e.clearText.share).toBeNull();
});

test('a page summary groups third parties by organisation and counts where the requests went', () => {
  const page = visits[0]!;
  const requests = [
    { host: 1, ip: 2, thirdParty: false, cleartext: false, failed: false },
    { host: 10, ip: 1, thirdParty: true, cleartext: false, failed: false },
    { host: 10, ip: 1, thirdParty: true, cleartext: true, failed: false },
    { host: 11, ip: 1, thirdParty: true, cleartext: false, failed: false },
    { host: 12, ip: 2, thirdParty: true, cleartext: true, failed: false },
    { host: 13, ip: 0, thirdParty: true, cleartext: false, failed: true },
    // Stopped before it went out (an ad blocker): a third-party request, but no observer.
    { host: 14, ip: 0, thirdParty: true, cleartext: false, failed: true, reached: false },
  ].map((r) => ({ reached: true, ...r }));
  const s = summarisePage(page, requests, hosts, ips);
  expect(s).toMatchObject({
    site: 'news.example',
    requests: 7,
    thirdPartyRequests: 6,
    thirdParties: 4,
    usCompanies: 1,
    prismCompanies: ['Google'],
    clearText: 2,
    failed: 2,
    stopped: 1,
    unlocatedRequests: 2,
  });
  expect(s.companies.map((c) => [c.name, c.requests, c.domains, c.trackers.map((t) => t.category)])).toEqual([
    ['Google', 3, ['google-analytics.com', 'gstatic.com'], ['site_analytics']],
    ['OVHcloud', 1, ['ovh.example'], []],
    ['unknown.example', 1, ['unknown.example'], []],
  ]);
  expect(s.countries).toEqual([
    { country: 'US', requests: 3 },
    { country: 'FR', requests: 2 },
  ]);
});

test('any range gets slices of hours, days or weeks, and its own figures', () => {
  expect(slicesOver({ from: NOW - 12 * HOUR, to: NOW }).starts).toHaveLength(12);
  expect(slicesOver({ from: NOW - 3 * DAY, to: NOW })).toMatchObject({ unit: 'day', end: NOW });
  // A custom range in the past: from 5½ days ago (midnight) to 2 days ago (noon) holds visits 2 and 3.
  const range = { from: NOW - 5.5 * DAY, to: NOW - 2 * DAY };
  const e = exposureIn(range, slicesOver(range), visits, hosts, ips);
  expect(e).toMatchObject({ period: null, visits: 2, sites: 2, usReach: { visits: 1, share: 0.5 } });
  // days: 23rd (visit 3 at noon), 24th, 25th (visit 2), 26th until noon
  expect(e.trend.points.map((p) => p.visits)).toEqual([1, 0, 1, 0]);
});
