/**
 * The compare view's arithmetic: every figure of the registry on both sides and its change,
 * an unknown side never read as 0, companies on one side only and the change in share of
 * those on both; a site split at a moment; the periods each side can take; an export
 * compared only after the import's own checks.
 */
import { test, expect } from '@playwright/test';
import { compareExposures } from '../../src/report/aggregate/compare.js';
import { markChoices, splitAtMark } from '../../src/report/aggregate/compare-mark.js';
import { exposureIn } from '../../src/report/aggregate/exposure.js';
import { daysRange, slicesOver } from '../../src/report/aggregate/period.js';
import { exportToCompare } from '../../src/report/export/export-to-compare.js';
import { reportFromExport } from '../../src/report/export/export-report.js';
import { spanPeriod, SPANS } from '../../src/report/page/compare-spans.js';
import { FIGURES } from '../../src/store/figures.js';
import { parseExport } from '../../src/store/export-file/parse-export.js';
import type { ExportFile } from '../../src/store/export-file/export-format.js';
import type { HostFacts, IpFacts, VisitFacts } from '../../src/store/visit-facts.js';
import { ownedHost } from './helpers/owned-host.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date(2026, 10, 28, 12).getTime();

const hosts = new Map<number, HostFacts>([
  [1, ownedHost('www.news.example', null)],
  [10, ownedHost('www.google-analytics.com', 'Google', { jurisdiction: 'US', prism: true })],
  [11, ownedHost('cdn.ovh.example', 'OVHcloud', { jurisdiction: 'FR' })],
  [12, ownedHost('connect.facebook.net', 'Meta', { jurisdiction: 'US', prism: true })],
]);
const ips = new Map<number, IpFacts>([
  // Address 1 is run by a US operator and its CDN said it answered from the US; nothing is known of address 2.
  [1, { country: 'US', asn: 16509, network: 'Amazon.com, Inc.', operator: 'Amazon', operatorJurisdiction: 'US' }],
  [2, { country: null, asn: null, network: null }],
]);

let ids = 0;
const visit = (time: number, third: number[], ip: number[], requests = 4, clearText = 0): VisitFacts => ({
  id: ++ids,
  time,
  site: 'news.example',
  host: 1,
  shown: true,
  prerender: false,
  inferred: false,
  hosts: [1, ...third],
  ips: ip,
  requests,
  clearText,
  answered: ip.includes(1) ? ['US'] : [],
  unlocated: 0,
});

const exposureOver = (first: number, last: number, visits: VisitFacts[]) => {
  const range = daysRange(first, last);
  return exposureIn(range, slicesOver(range), visits, hosts, ips);
};

test('two periods: every figure of the registry, in its order, with b − a; a company on one side only; the change in share of the others', () => {
  // A: two visits, Google on both, OVH on one. B: two visits, Google on one, Meta on one.
  const a = exposureOver(NOW - 13 * DAY, NOW - 7 * DAY, [visit(NOW - 10 * DAY, [10, 11], [1]), visit(NOW - 9 * DAY, [10], [1], 4, 2)]);
  const b = exposureOver(NOW - 6 * DAY, NOW, [visit(NOW - 2 * DAY, [10], [1]), visit(NOW - DAY, [12], [2], 4, 0)]);
  const c = compareExposures(a, b);
  expect(c.figures.map((f) => f.key)).toEqual(FIGURES.map((f) => f.key));
  const us = c.figures.find((f) => f.key === 'usReach')!;
  expect(us).toMatchObject({ a: 1, b: 1, change: 0, share: true, unknownA: null, unknownB: null });
  const prism = c.figures.find((f) => f.key === 'prismReach')!;
  expect(prism.change).toBe(0);
  const upstream = c.figures.find((f) => f.key === 'upstreamReach')!;
  expect(upstream).toMatchObject({ a: 1, b: 0.5, change: -0.5 });
  const clear = c.figures.find((f) => f.key === 'clearText')!;
  expect(clear).toMatchObject({ a: 2 / 8, b: 0, change: -0.25 });
  expect(c.figures.find((f) => f.key === 'observersPerPage')!.share).toBe(false);
  expect(c.visits).toEqual({ a: 2, b: 2 });
  expect(c.onlyA.map((o) => [o.key, o.share])).toEqual([['c:OVHcloud', 0.5]]);
  expect(c.onlyB.map((o) => [o.key, o.share])).toEqual([['c:Meta', 0.5]]);
  expect(c.both.map((o) => [o.key, o.a, o.b, o.change])).toEqual([['c:Google', 1, 0.5, -0.5]]);
});

test('an empty period: its figures are unknown with their reason, no change is 0, and every company of the other side is on that side only', () => {
  const empty = exposureOver(NOW - 13 * DAY, NOW - 7 * DAY, []);
  const b = exposureOver(NOW - 6 * DAY, NOW, [visit(NOW - DAY, [10, 12], [1])]);
  const c = compareExposures(empty, b);
  for (const figure of c.figures) {
    expect(figure.a, figure.key).toBeNull();
    expect(figure.unknownA, figure.key).toBe('no-page-visits');
    expect(figure.change, figure.key).toBeNull();
    expect(figure.b, figure.key).not.toBeNull();
  }
  expect(c.onlyA).toEqual([]);
  expect(c.both).toEqual([]);
  expect(c.onlyB.map((o) => o.key).sort()).toEqual(['c:Google', 'c:Meta']);
  // Both empty: nothing to compare, and still nothing reads 0.
  const none = compareExposures(empty, empty);
  expect(none.figures.every((f) => f.change === null && f.unknownB === 'no-page-visits')).toBe(true);
  expect([none.onlyA, none.onlyB, none.both]).toEqual([[], [], []]);
});

test('figures unknown on one side only (no server located, no operator known): no change, with their reasons; the others have theirs', () => {
  const a = exposureOver(NOW - 3 * DAY, NOW - 2 * DAY, [visit(NOW - 3 * DAY, [10], [2])]);
  const b = exposureOver(NOW - DAY, NOW, [visit(NOW - DAY, [10], [1])]);
  const c = compareExposures(a, b);
  const upstream = c.figures.find((f) => f.key === 'upstreamReach')!;
  expect(upstream).toMatchObject({ a: null, unknownA: 'no-server-location', b: 1, unknownB: null, change: null });
  const hosted = c.figures.find((f) => f.key === 'usHostedReach')!;
  expect(hosted).toMatchObject({ a: null, unknownA: 'no-server-operator', b: 1, unknownB: null, change: null });
  const unknownOnA = FIGURES.filter((f) => f.key === 'upstreamReach' || f.key === 'usHostedReach').map((f) => f.key);
  expect(c.figures.filter((f) => f.change === null).map((f) => f.key)).toEqual(unknownOnA);
});

test("a site before and after a moment picked among its visits: the moment's own visit is on the after side", () => {
  const early = visit(NOW - 5 * HOUR, [10, 12], [1]);
  const moment = visit(NOW - 3 * HOUR, [11], [2]);
  const later = visit(NOW - HOUR, [11], [2]);
  const hidden = { ...visit(NOW - 2 * HOUR, [12], [1]), shown: false };
  const visits = [early, moment, hidden, later];
  expect(markChoices(visits)).toEqual([later.time, moment.time, early.time]);
  const { before, after } = splitAtMark(visits, moment.time, hosts, ips);
  expect([before.visits, after.visits]).toEqual([1, 2]);
  const c = compareExposures(before, after);
  expect(c.onlyA.map((o) => o.key).sort()).toEqual(['c:Google', 'c:Meta']);
  expect(c.onlyB.map((o) => o.key)).toEqual(['c:OVHcloud']);
  expect(c.figures.find((f) => f.key === 'usReach')).toMatchObject({ a: 1, b: 0, change: -1 });
  // A moment before every visit: nothing before it.
  const first = splitAtMark(visits, early.time, hosts, ips);
  expect([first.before.visits, first.after.visits]).toEqual([0, 3]);
});

test('the periods a side can take: the presets, the same length just before them, the report’s own choice', () => {
  const chosen = { kind: 'custom', first: '2026-01-01', last: '2026-01-31' } as const;
  const periods = Object.fromEntries(SPANS.map((span) => [span, spanPeriod(span, NOW, chosen)]));
  expect(periods).toEqual({
    week: { kind: 'week' },
    previousWeek: { kind: 'custom', first: '2026-11-15', last: '2026-11-21' },
    day: { kind: 'day' },
    previousDay: { kind: 'custom', first: '2026-11-27', last: '2026-11-27' },
    month: { kind: 'month' },
    previousMonth: { kind: 'custom', first: '2026-09-30', last: '2026-10-29' },
    chosen,
  });
});

/** An export as a browser writes it: one page visit on news.example that reached Google. */
function exportFile(): ExportFile {
  const time = NOW - 2 * HOUR;
  return {
    format: 'upstream-export',
    version: 1,
    exportedAt: new Date(NOW).toISOString(),
    extension: { name: 'Upstream', version: '0.1.0' },
    contains: 'browsing history',
    includesQueryStrings: false,
    knowledge: [],
    hosts: [
      { id: 1, ...hosts.get(1)! },
      { id: 10, ...hosts.get(10)! },
      { id: 12, ...hosts.get(12)! },
    ],
    ips: [{ id: 1, address: '192.0.2.1', ...ips.get(1)! }],
    visits: [
      { ...visit(time, [10], [1]), answered: [], unlocated: 0, url: 'https://www.news.example/' },
      { ...visit(time + HOUR, [12], [1]), answered: [], unlocated: 0, url: 'https://www.news.example/late' },
    ],
    requests: [],
    daily: [],
  };
}

test('an export compared with the record passes the import’s checks first: what capture could not have stored is left out and counted', () => {
  const range = daysRange(NOW - DAY, NOW);
  const clean = exportToCompare(parseExport(JSON.stringify(exportFile())), NOW);
  expect(clean.refused).toBe(0);
  expect(
    reportFromExport(clean.tables, range)
      .exposure.observers.map((o) => o.key)
      .sort(),
  ).toEqual(['c:Google', 'c:Meta']);
  // A javascript: page and a visit dated in the future: the schema lets them through, the boundary does not.
  const hostile = exportFile();
  hostile.visits[1]!.url = 'javascript:alert(document.cookie)';
  hostile.visits.push({ ...hostile.visits[0]!, id: 99, time: NOW + 400 * DAY, hosts: [1, 12] });
  const checked = exportToCompare(parseExport(JSON.stringify(hostile)), NOW);
  expect(checked.refused).toBe(2);
  const side = reportFromExport(checked.tables, daysRange(NOW - DAY, NOW + 500 * DAY)).exposure;
  expect(side.observers.map((o) => o.key)).toEqual(['c:Google']);
  // A file whose rows name what it does not hold is refused whole, before any comparison.
  const broken = exportFile();
  broken.visits[0]!.hosts.push(404);
  expect(() => parseExport(JSON.stringify(broken))).toThrow(/inconsistent/);
});
