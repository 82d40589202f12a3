/**
 * What one participant can weigh in the room's pooled shares: a summary is a file anyone can
 * edit, so a claim of 2^40 page visits must not make the room's figure its own.
 */
import { test, expect } from '@playwright/test';
import { mergeSummaries } from '../../src/report/workshop/room-report.js';
import { MAX_WEIGHT_OF_MEDIAN, poolingWeights } from '../../src/report/workshop/room-shares.js';
import { ROOM, summary } from './helpers/workshop-summaries.js';

const company = (name: string, visitShare: number) => ({
  name,
  parent: null,
  jurisdiction: 'US',
  prism: false,
  siteShare: visitShare,
  visitShare,
});
const participant = (visits: number, companies: ReturnType<typeof company>[]) =>
  summary({
    visits,
    days: 7,
    lastDay: '2026-11-28',
    figures: {},
    companies,
    serverCountries: [{ country: 'US', visitShare: companies[0]?.visitShare ?? 0 }],
  });

test('a summary claiming 2^40 page visits weighs at most 4 times the median participant', () => {
  const honest = [
    participant(100, [company('Google', 0.5)]),
    participant(100, [company('Google', 0.5)]),
    participant(100, [company('Google', 0.5)]),
  ];
  const liar = participant(2 ** 40, [company('Inflated Corp', 1)]);
  const room = mergeSummaries([...honest, liar]);
  const cap = MAX_WEIGHT_OF_MEDIAN * 100;
  expect(room.companies.find((c) => c.name === 'Inflated Corp')!.pooledShare).toBeCloseTo(cap / (300 + cap), 12);
  expect(room.companies.find((c) => c.name === 'Google')!.pooledShare).toBeCloseTo((0.5 * 300) / (300 + cap), 12);
  expect(room.serverCountries.find((c) => c.country === 'US')!.pooledShare).toBeCloseTo((0.5 * 300 + cap) / (300 + cap), 12);
  // The mean share, where everyone counts once, is untouched.
  expect(room.companies.find((c) => c.name === 'Inflated Corp')!.meanShare).toBe(0.25);
});

test('with two participants, the larger one cannot raise the cap by itself', () => {
  expect(poolingWeights([100, 2 ** 40])).toEqual([100, MAX_WEIGHT_OF_MEDIAN * 100]);
  expect(poolingWeights([2 ** 40, 100, 1])).toEqual([MAX_WEIGHT_OF_MEDIAN * 100, 100, 1]);
  expect(poolingWeights([])).toEqual([]);
});

test('a room within the cap pools its page visits as they are', () => {
  const visits = ROOM.map((s) => s.figures.pageVisits);
  expect(poolingWeights(visits)).toEqual(visits);
  const google = mergeSummaries(ROOM).companies.find((c) => c.name === 'Google')!;
  expect(google.pooledShare).toBeCloseTo((0.5 * 10 + 0.8 * 30 + 0.2 * 60) / 100, 12);
});
