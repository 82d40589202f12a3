import { test, expect } from '@playwright/test';
import { blocOf, countryOfLocale, inGroup } from '../../src/classify/country-groups.js';
import { requestFigures } from '../../src/report/aggregate/requests.js';
import { sitesOf } from '../../src/report/aggregate/sites.js';
import { graphOf } from '../../src/report/aggregate/graph.js';
import { exposureFromHours } from '../../src/report/aggregate/exposure.js';
import { slicesOver } from '../../src/report/aggregate/period.js';
import { buildRollups } from '../../src/store/visit-rollup-build.js';
import type { DailyFacts, HostFacts, VisitFacts } from '../../src/store/visit-facts.js';

const NOW = Date.UTC(2026, 10, 28, 12);
const host = (n: string, d: string, company: string | null, jurisdiction: string | null = null, prism = false): HostFacts => ({
  name: n,
  domain: d,
  company,
  parent: null,
  jurisdiction,
  prism,
  tracker: null,
});
const hosts = new Map<number, HostFacts>([
  [1, host('www.news.example', 'news.example', null)],
  [2, host('www.youtube.com', 'youtube.com', 'Google', 'US', true)],
  [3, host('i.ytimg.com', 'ytimg.com', 'Google', 'US', true)],
  [4, host('cdn.ovh.example', 'ovh.example', 'OVHcloud', 'FR')],
  [5, host('px.unknown.example', 'unknown.example', null)],
]);
const daily = (day: string, site: string, h: number, n: number, over: Partial<DailyFacts> = {}): DailyFacts => ({
  day,
  site,
  host: h,
  requests: n,
  clear: 0,
  cookies: 0,
  referrer: 0,
  failed: 0,
  ...over,
});

test('request counts by organisation, by site and per day split by where the company answers to', () => {
  const rows = [
    daily('2026-11-27', 'news.example', 1, 10),
    daily('2026-11-27', 'news.example', 3, 4, { cookies: 1 }),
    daily('2026-11-27', 'news.example', 4, 2, { clear: 2 }),
    daily('2026-11-28', 'news.example', 5, 3, { referrer: 3 }),
    // On YouTube, ytimg.com is YouTube's own company: not a third party.
    daily('2026-11-28', 'youtube.com', 2, 20),
    daily('2026-11-28', 'youtube.com', 3, 7),
    // Sent with no page (a service worker): counted, but a third party of nothing.
    daily('2026-11-28', '', 4, 1),
  ];
  const f = requestFigures(rows, hosts);
  expect(f.total).toEqual({ requests: 47, clear: 2, cookies: 1, referrer: 3, failed: 0 });
  const google = f.byObserver.get('c:Google')!;
  expect(google).toMatchObject({ requests: 31, cookies: 1 });
  expect([...google.domains].sort()).toEqual(['youtube.com', 'ytimg.com']);
  expect(f.bySite.get('news.example')).toMatchObject({ requests: 19, thirdParty: 9, usThirdParty: 4 });
  expect(f.bySite.get('youtube.com')).toMatchObject({ requests: 27, thirdParty: 0 });
  expect(f.byDay.get('2026-11-27')).toEqual({ us: 4, eu: 2, other: 0, unknown: 0 });
  expect(f.byDay.get('2026-11-28')).toEqual({ us: 0, eu: 0, other: 0, unknown: 3 });
});

test("requests stopped before they went out (an ad blocker) are the site's recorded requests, and nobody's received ones", () => {
  const rows = [
    daily('2026-11-27', 'news.example', 1, 10),
    // Google: 4 sent, 6 stopped; OVHcloud: all 2 stopped; rows written before blocked was counted have none.
    daily('2026-11-27', 'news.example', 3, 10, { failed: 6, blocked: 6 }),
    daily('2026-11-27', 'news.example', 4, 2, { failed: 2, blocked: 2 }),
    daily('2026-11-26', 'news.example', 5, 1, { failed: 1 }),
  ];
  const f = requestFigures(rows, hosts);
  expect(f.total).toMatchObject({ requests: 23, failed: 9 });
  expect(f.byObserver.get('c:Google')).toMatchObject({ requests: 4, failed: 0 });
  expect(f.byObserver.has('c:OVHcloud'), 'an organisation every request to which was stopped received nothing').toBe(false);
  expect([...f.byHost.keys()].sort()).toEqual(['i.ytimg.com', 'px.unknown.example', 'www.news.example']);
  expect(f.bySite.get('news.example')).toMatchObject({ requests: 23, thirdParty: 5, usThirdParty: 4 });
  expect(f.byDay.get('2026-11-27')).toEqual({ us: 4, eu: 0, other: 0, unknown: 0 });
});

test('sites: visits and who saw them there, with the share of third-party requests that reached US law', () => {
  const visit = (id: number, s: string, h: number, d: number[]): VisitFacts => ({
    id,
    time: NOW - id * 1000,
    site: s,
    host: h,
    shown: true,
    prerender: false,
    inferred: false,
    hosts: [h, ...d],
    ips: [],
    requests: 1,
    clearText: 0,
  });
  const rows = buildRollups(
    [visit(1, 'news.example', 1, [3, 4]), visit(2, 'news.example', 1, [4]), visit(3, 'youtube.com', 2, [3])],
    hosts,
    new Map(),
  );
  const requests = requestFigures([daily('2026-11-28', 'news.example', 3, 3), daily('2026-11-28', 'news.example', 4, 1)], hosts);
  const sites = sitesOf(rows.values(), { from: 0, to: NOW + 1 }, requests);
  expect(sites.map((s) => [s.site, s.visits, s.observers.map((o) => [o.name, o.visits]), s.usObservers, s.usShare])).toEqual([
    [
      'news.example',
      2,
      [
        ['OVHcloud', 2],
        ['Google', 1],
      ],
      1,
      0.75,
    ],
    ['youtube.com', 1, [['Google', 1]], 1, null],
  ]);
});

test("country groups and blocs come from the cited data file; the reader's country from the locale", () => {
  expect(inGroup('FR', 'fourteen-eyes')).toBe(true);
  expect(inGroup('FR', 'five-eyes')).toBe(false);
  expect(inGroup('NO', 'eu-eea')).toBe(true);
  expect(inGroup('US', 'us')).toBe(true);
  expect(inGroup(null, 'us')).toBe(false);
  expect([blocOf('US'), blocOf('DE'), blocOf('CN'), blocOf(null)]).toEqual(['us', 'eu', 'other', 'unknown']);
  expect(countryOfLocale('fr-FR')).toBe('FR');
  expect(countryOfLocale('fr')).toBe('FR');
  expect(countryOfLocale('not a locale')).toBeNull();
});

test('graph: sites linked to the organisations present on them, filtered by law or category', () => {
  const visit = (id: number, s: string, h: number, d: number[]): VisitFacts => ({
    id,
    time: NOW - id * 1000,
    site: s,
    host: h,
    shown: true,
    prerender: false,
    inferred: false,
    hosts: [h, ...d],
    ips: [],
    requests: 1,
    clearText: 0,
  });
  const rows = buildRollups(
    [visit(1, 'news.example', 1, [3, 4]), visit(2, 'news.example', 1, [4]), visit(3, 'youtube.com', 2, [3])],
    hosts,
    new Map(),
  );
  const range = { from: 0, to: NOW + 1 };
  const sites = sitesOf(rows.values(), range, requestFigures([], hosts));
  const observers = exposureFromHours(range, slicesOver(range), rows.values()).observers;
  const all = graphOf(sites, observers, { bloc: 'all', category: 'all' });
  expect(all.nodes.map((n) => n.id).sort()).toEqual(['c:Google', 'c:OVHcloud', 's:news.example', 's:youtube.com']);
  expect(all.links).toContainEqual({ source: 's:news.example', target: 'c:OVHcloud', visits: 2 });
  const eu = graphOf(sites, observers, { bloc: 'eu', category: 'all' });
  expect(eu.nodes.map((n) => n.id).sort()).toEqual(['c:OVHcloud', 's:news.example']);
  expect(graphOf(sites, observers, { bloc: 'all', category: 'advertising' }).nodes).toEqual([]);
});

test('graph: a dozen lines per site, and every organisation drawn at least by its strongest link', () => {
  const observer = (i: number, visits: number) => ({
    key: `d:o${i}.example`,
    name: `o${i}.example`,
    known: false,
    parent: null,
    jurisdiction: null,
    prism: false,
    visits,
  });
  // Two sites share 20 organisations; o0..o11 are the first site's top dozen, o12..o19 come after.
  const siteRow = (site: string, weights: number[]) => ({
    site,
    visits: 10,
    usObservers: 0,
    requests: 0,
    thirdPartyRequests: 0,
    usShare: null,
    observers: weights.map((w, i) => observer(i, w)).sort((a, b) => b.visits - a.visits),
  });
  const sites = [
    siteRow(
      'a.example',
      Array.from({ length: 20 }, (_, i) => 20 - i),
    ),
    siteRow(
      'b.example',
      Array.from({ length: 20 }, (_, i) => (i === 15 ? 30 : 1)),
    ),
  ];
  const observers = Array.from({ length: 20 }, (_, i) => ({ ...observer(i, 1), sites: 2, siteShare: 1, categories: [] }));
  const { nodes, links } = graphOf(sites as never, observers, { bloc: 'all', category: 'all' });
  expect(nodes.filter((n) => n.kind === 'company')).toHaveLength(20);
  // a.example: its 12; b.example: its 12 (o15 first); o12..o19 not yet linked get one line each, from where they were seen most.
  const unlinkedByTop = [
    'd:o12.example',
    'd:o13.example',
    'd:o14.example',
    'd:o16.example',
    'd:o17.example',
    'd:o18.example',
    'd:o19.example',
  ].filter((key) => !links.slice(0, 24).some((l) => l.target === key));
  expect(links.length).toBe(24 + unlinkedByTop.length);
  expect(links).toContainEqual({ source: 's:b.example', target: 'd:o15.example', visits: 30 });
  for (const key of unlinkedByTop)
    expect(links.filter((l) => l.target === key)).toEqual([{ source: 's:a.example', target: key, visits: 20 - Number(key.slice(3, 5)) }]);
});
