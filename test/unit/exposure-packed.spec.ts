/**
 * The popup sums stored roll-ups left packed (exposureFromPacked); the report page and the
 * tests sum them decoded (exposureFromHours). One period must give the same figures both
 * ways, on a varied history, at both grains, and after visits were taken out again.
 */
import { test, expect } from '@playwright/test';
import { exposureFromHours, exposureFromPacked } from '../../src/report/aggregate/exposure.js';
import { periodRange, slicesOver, type Period } from '../../src/report/aggregate/period.js';
import { DAYS, HOURS, type Grain } from '../../src/store/rollup-grains.js';
import { buildRollups } from '../../src/store/visit-rollup-build.js';
import {
  applySummary,
  encodeRollup,
  rollupParts,
  storedRollup,
  unpackRollup,
  type StoredRollup,
  type VisitRollupRow,
} from '../../src/store/visit-rollup.js';
import { summariseVisit } from '../../src/store/visit-summary.js';
import type { HostFacts, IpFacts, VisitFacts } from '../../src/store/visit-facts.js';

const NOW = Date.UTC(2026, 10, 28, 15, 30);
const HOUR = 3_600_000;
const SITES = 40;
const THIRD_PARTIES = 120;
const COMPANIES = ['Google', 'Meta', 'Microsoft', 'OVHcloud', 'Criteo', 'Yandex', 'Usercentrics', 'Hotjar'];
const JURISDICTIONS = ['US', 'US', 'US', 'FR', 'FR', 'RU', 'DE', 'MT'];
const COUNTRIES = ['US', 'FR', 'DE', 'RU', null, 'GB', 'NL'];

function history(): { visits: VisitFacts[]; hosts: Map<number, HostFacts>; ips: Map<number, IpFacts> } {
  let seed = 7;
  const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const hosts = new Map<number, HostFacts>();
  for (let i = 1; i <= SITES; i++)
    hosts.set(i, {
      name: `www.site-${i}.example`,
      domain: `site-${i}.example`,
      company: null,
      parent: null,
      jurisdiction: null,
      prism: false,
      tracker: null,
    });
  for (let i = 0; i < THIRD_PARTIES; i++) {
    // A third of them uncatalogued: they count as observers under their own domain.
    const c = i % 3 === 0 ? -1 : i % COMPANIES.length;
    hosts.set(SITES + 1 + i, {
      name: `t${i}.cdn-${i % 50}.example`,
      domain: `cdn-${i % 50}.example`,
      company: c < 0 ? null : COMPANIES[c]!,
      parent: c === 0 ? 'Alphabet' : null,
      jurisdiction: c < 0 ? null : JURISDICTIONS[c]!,
      prism: c >= 0 && c < 3,
      tracker: i % 4 === 1 ? { name: `Tracker ${i}`, category: pick(['advertising', 'site_analytics', 'social_media']) } : null,
    });
  }
  const ips = new Map<number, IpFacts>(COUNTRIES.map((country, i) => [i + 1, { country, asn: null, network: null }]));
  const visits = Array.from({ length: 600 }, (_, id): VisitFacts => {
    const own = 1 + Math.floor(random() ** 2 * SITES);
    const third = Array.from({ length: Math.floor(random() * 12) }, () => SITES + 1 + Math.floor(random() ** 2 * THIRD_PARTIES));
    return {
      id: id + 1,
      time: Math.round(NOW - random() * 40 * 24 * HOUR),
      site: hosts.get(own)!.domain,
      host: own,
      shown: random() < 0.95,
      prerender: random() < 0.03,
      inferred: false,
      hosts: [own, ...new Set(third)],
      ips: [...new Set(third.map(() => 1 + Math.floor(random() * COUNTRIES.length)))],
      requests: 1 + Math.floor(random() * 80),
      clearText: Math.floor(random() * 3),
    };
  });
  return { visits, hosts, ips };
}

const { visits, hosts, ips } = history();

function stored(rows: Iterable<VisitRollupRow>) {
  return [...rows].map(encodeRollup).map((row) => unpackRollup(row)!);
}

const cases: [Period, Grain][] = [
  ['24h', HOURS],
  ['7d', DAYS],
  ['30d', DAYS],
  ['all', DAYS],
];

for (const [period, grain] of cases) {
  test(`packed and decoded rows give the same figures: ${period}`, () => {
    const range = periodRange(period, NOW, Math.min(...visits.map((v) => v.time)));
    const rows = [...buildRollups(visits, hosts, ips, grain).values()];
    const decoded = exposureFromHours(range, slicesOver(range), rows);
    expect(decoded.visits).toBeGreaterThan(period === '24h' ? 5 : 50);
    expect(decoded.observers.length).toBeGreaterThan(10);
    expect(exposureFromPacked(range, slicesOver(range), stored(rows))).toEqual(decoded);
  });
}

test('after visits are taken out again (a forgotten site), both ways still agree and the site is gone from every count', () => {
  const range = periodRange('30d', NOW, null);
  const rows = buildRollups(visits, hosts, ips, DAYS);
  const forgotten = visits.find((v) => v.shown && !v.prerender && v.time >= range.from)!.site;
  for (const visit of visits.filter((v) => v.site === forgotten)) {
    const summary = summariseVisit(visit, hosts, ips);
    if (summary) applySummary(rows.get(DAYS.start(visit.time))!, summary, -1);
  }
  const decoded = exposureFromHours(range, slicesOver(range), rows.values());
  const before = exposureFromHours(range, slicesOver(range), buildRollups(visits, hosts, ips, DAYS).values());
  expect(decoded.sites).toBe(before.sites - 1);
  expect(exposureFromPacked(range, slicesOver(range), stored(rows.values()))).toEqual(decoded);
  const fresh = exposureFromHours(
    range,
    slicesOver(range),
    buildRollups(
      visits.filter((v) => v.site !== forgotten),
      hosts,
      ips,
      DAYS,
    ).values(),
  );
  expect(decoded).toEqual(fresh);
});

test('a damaged stored row is refused whole rather than read in part', () => {
  const [row] = [...buildRollups(visits, hosts, ips, DAYS).values()].map(encodeRollup);
  const { start, json } = rollupParts(row!);
  const packed = JSON.parse(json);
  const variants: unknown[] = [
    storedRollup(start, json.slice(0, -3)),
    storedRollup(start, JSON.stringify({ ...packed, c: packed.c.slice(1) })),
    // an observer pointing past the site list
    storedRollup(start, JSON.stringify({ ...packed, o: [[...packed.o[0].slice(0, 5), [packed.s.length, 1], []]] })),
    storedRollup(start, JSON.stringify({ ...packed, o: [[...packed.o[0].slice(0, 5), [0], []]] })),
    storedRollup(start, JSON.stringify({ ...packed, co: { US: 'many' } })),
    // a start that is no time
    storedRollup('yesterday' as unknown as number, json),
    null,
  ];
  for (const variant of variants) expect(unpackRollup(variant)).toBeNull();
  expect(unpackRollup(row)).not.toBeNull();
});

test('tracker categories are named once per row, and rows that spell them out in every observer still read the same', () => {
  const rows = [...buildRollups(visits, hosts, ips, DAYS).values()];
  const range = periodRange('all', NOW, Math.min(...visits.map((v) => v.time)));
  const current = rows.map(encodeRollup);
  expect(current.every((row) => Array.isArray(JSON.parse(rollupParts(row).json).k))).toBe(true);
  // As builds before the category list wrote them: names in full, no `k`.
  const spelt = current.map((row) => {
    const { start, json } = rollupParts(row);
    const packed = JSON.parse(json);
    for (const observer of packed.o)
      observer[6] = observer[6].map((part: string | number, i: number) => (i % 2 ? part : packed.k[part as number]));
    delete packed.k;
    return storedRollup(start, JSON.stringify(packed));
  });
  const length = (rows: StoredRollup[]) => rows.reduce((n, r) => n + rollupParts(r).json.length, 0);
  expect(length(spelt)).toBeGreaterThan(length(current));
  const read = (stored: StoredRollup[]) =>
    exposureFromPacked(
      range,
      slicesOver(range),
      stored.map((row) => unpackRollup(row)!),
    );
  expect(read(spelt)).toEqual(read(current));
  expect(read(current)).toEqual(exposureFromHours(range, slicesOver(range), rows));
  expect(read(current).observers.some((o) => o.categories.length > 0)).toBe(true);
  // A category pointing outside the list is damage.
  const first = rollupParts(current[0]!);
  const packed = JSON.parse(first.json);
  const withCategory = packed.o.findIndex((o: unknown[]) => (o[6] as unknown[]).length > 0);
  packed.o[withCategory][6][0] = packed.k.length;
  expect(unpackRollup(storedRollup(first.start, JSON.stringify(packed)))).toBeNull();
});
