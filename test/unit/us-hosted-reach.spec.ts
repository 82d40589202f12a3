/**
 * US-hosted reach (docs/report-figures.md): a page visit counts when one of its requests
 * reached a server whose hosting operator answers to US law, whoever owns the name it
 * answered for. Crafted visits: a European company's service on AWS counts, a US company's
 * service hosted by a European operator does not, and a period with no operator known is
 * unknown rather than 0 %. The same counts survive the stored roll-ups, packed and decoded,
 * and reach the workshop summary and the room report.
 */
import { test, expect } from '@playwright/test';
import { exposureFromPacked, exposureIn } from '../../src/report/aggregate/exposure.js';
import { daysRange, slicesOver } from '../../src/report/aggregate/period.js';
import { summariseVisit } from '../../src/store/visit-summary.js';
import { buildRollups } from '../../src/store/visit-rollup-build.js';
import { decodeRollup, encodeRollup, rollupParts, storedRollup, unpackRollup } from '../../src/store/visit-rollup.js';
import type { HostFacts, IpFacts, VisitFacts } from '../../src/store/visit-facts.js';
import { ownedHost } from './helpers/owned-host.js';
import { roomFigureUnknown } from '../../src/report/workshop/room-report.js';
import { UNKNOWN_REASON_TEXT } from '../../src/report/locale-text.js';

const NOW = Date.UTC(2026, 10, 28, 12);
const HOUR = 3_600_000;

/** Page hosts and third parties, by id: owners under US and EU law, and one nobody knows. */
const hosts = new Map<number, HostFacts>([
  [1, ownedHost('www.news.example', null)],
  [2, ownedHost('cdn.eu-analytics.example', 'EuAnalytics', { jurisdiction: 'FR' })],
  [3, ownedHost('api.us-service.example', 'UsService', { jurisdiction: 'US' })],
  [4, ownedHost('static.nobody.example', null)],
]);

const ip = (country: string | null, operator: string | null, operatorJurisdiction: string | null, asn: number | null): IpFacts => ({
  country,
  asn,
  network: operator ? `${operator} network` : null,
  operator,
  operatorJurisdiction,
});

/** Server addresses, by id: AWS (a US operator) standing in Germany, OVHcloud (French) in France, an unlisted network, loopback. */
const ips = new Map<number, IpFacts>([
  [1, ip('DE', 'Amazon', 'US', 16509)],
  [2, ip('FR', 'OVHcloud', 'FR', 16276)],
  [3, ip('NL', null, null, 64500)],
  [4, ip(null, null, null, null)],
]);

let nextId = 1;
function visit(hostIds: number[], ipIds: number[], hoursAgo = 1): VisitFacts {
  return {
    id: nextId++,
    time: NOW - hoursAgo * HOUR,
    site: 'news.example',
    host: 1,
    shown: true,
    prerender: false,
    inferred: false,
    hosts: [1, ...hostIds],
    ips: ipIds,
    requests: hostIds.length + 1,
    clearText: 0,
  };
}

const reached = (v: VisitFacts) => summariseVisit(v, hosts, ips)!.reached.has('usHostedReach');

test('a visit counts when a server it reached is operated under US law, whoever owns the name', () => {
  // Operator under US law (AWS), whatever its server's country.
  expect(reached(visit([4], [1]))).toBe(true);
  // Operator under EU law (OVHcloud).
  expect(reached(visit([4], [2]))).toBe(false);
  // Operator unknown: an unlisted network, loopback.
  expect(reached(visit([4], [3, 4]))).toBe(false);
  // Owner under EU law, hosted on AWS: counts.
  const euOnAws = summariseVisit(visit([2], [1]), hosts, ips)!;
  expect(euOnAws.reached.has('usHostedReach')).toBe(true);
  expect(euOnAws.reached.has('usReach')).toBe(false);
  // Owner under US law, hosted by a European operator: US reach, not US-hosted reach.
  const usOnOvh = summariseVisit(visit([3], [2]), hosts, ips)!;
  expect(usOnOvh.reached.has('usHostedReach')).toBe(false);
  expect(usOnOvh.reached.has('usReach')).toBe(true);
  // The operators' law is kept apart from the owners' and from the servers' countries.
  expect([...usOnOvh.hostedUnder]).toEqual(['FR']);
  expect([...usOnOvh.jurisdictions]).toEqual(['US']);
  expect([...euOnAws.hostedUnder, ...euOnAws.countries]).toEqual(['US', 'DE']);
});

test('the period share, its hosting jurisdictions and groups, from decoded and from packed roll-ups', () => {
  const visits = [
    visit([2], [1], 1), // EU owner on AWS: US-hosted
    visit([3], [2], 2), // US owner on OVHcloud: not
    visit([4], [3], 3), // unlisted network: not, and places no operator
    visit([3, 2], [2, 1], 4), // both: US-hosted
  ];
  const range = daysRange(NOW - 86_400_000, NOW);
  const slices = slicesOver(range);
  const e = exposureIn(range, slices, visits, hosts, ips);
  expect(e.visits).toBe(4);
  expect(e.usHostedReach).toEqual({ visits: 2, share: 0.5, unknown: null });
  expect(e.usReach).toEqual({ visits: 2, share: 0.5, unknown: null });
  expect(e.hostedUnder).toEqual([
    { country: 'FR', visits: 2, share: 0.5 },
    { country: 'US', visits: 2, share: 0.5 },
  ]);
  // Groups of the operators' law: the US is in the Five Eyes, France in the EU.
  expect(e.groups['h:five-eyes']).toEqual({ visits: 2, share: 0.5, unknown: null });
  expect(e.groups['h:eu-eea']).toEqual({ visits: 2, share: 0.5, unknown: null });
  // As the popup reads them: stored, unpacked, never rebuilt as objects.
  const stored = [...buildRollups(visits, hosts, ips).values()].map(encodeRollup);
  const packed = exposureFromPacked(
    range,
    slices,
    stored.map((row) => unpackRollup(row)!),
  );
  expect(packed.usHostedReach).toEqual(e.usHostedReach);
  expect(packed.hostedUnder).toEqual(e.hostedUnder);
  expect(stored.map((row) => decodeRollup(row).hj)).toEqual([{ US: 1 }, { FR: 1 }, {}, { FR: 1, US: 1 }]);
});

test('with no operator known the figure is unknown, not 0 %, and says why on every surface', () => {
  // A CDN said where the first visit's server answered from (NL): where it answered is known, who ran it is not.
  const visits = [{ ...visit([3], [3], 1), answered: ['NL'] }, visit([2], [4], 2)];
  const range = daysRange(NOW - 86_400_000, NOW);
  const e = exposureIn(range, slicesOver(range), visits, hosts, ips);
  expect(e.usHostedReach).toEqual({ visits: 0, share: null, unknown: 'no-server-operator' });
  expect(e.groups['h:five-eyes']!.unknown).toBe('no-server-operator');
  // Where it answered is known, so upstream reach is: the two are told apart.
  expect(e.upstreamReach.unknown).toBeNull();
  expect(roomFigureUnknown('usHostedReach')).toBe('no-server-operator');
  expect(UNKNOWN_REASON_TEXT['no-server-operator']).toContain('operator Upstream knows');
});

test('a stored roll-up counted before the figure existed is not read: it is rebuilt from the visits', () => {
  const [row] = [...buildRollups([visit([2], [1])], hosts, ips).values()].map(encodeRollup);
  const { start, json: text } = rollupParts(row!);
  const json = JSON.parse(text) as { c: number[]; f?: string; hj?: unknown };
  expect(unpackRollup(row)).not.toBeNull();
  // As an earlier build wrote it: one count fewer, no hosting jurisdictions, no mark.
  const before = { ...json, c: [json.c[0]!, ...json.c.slice(2)] };
  delete before.f;
  delete before.hj;
  expect(unpackRollup(storedRollup(start, JSON.stringify(before)))).toBeNull();
});
