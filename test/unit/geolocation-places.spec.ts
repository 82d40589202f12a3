/**
 * The geolocation (DB-IP, ip-geo.bin) through the extension's store: an address's row carries
 * where the database places it and whether its network is anycast; a visit counts a geolocated
 * answer as a known place (upstream reach) and an anycast one as unlocated; the decoded
 * requests, the export and the report's places give it as evidence `geolocation`, anycast as
 * `registry` marked so; rows stored before it was recorded read as they did.
 */
import { test, expect } from '@playwright/test';
import { loadCoreKnowledge, loadKnowledge } from '../../src/classify/knowledge.js';
import { ensureKnowledge, folderReader } from '../../src/cli/knowledge-fs.js';
import { knowledgeClassifier } from '../../src/capture/knowledge-classifier.js';
import { exposureFromPacked } from '../../src/report/aggregate/exposure.js';
import { daysRange, slicesOver } from '../../src/report/aggregate/period.js';
import { answeredPlaces } from '../../src/report/aggregate/servers.js';
import type { Observation } from '../../src/shared/types.js';
import { decodeIp, decodeRequest, lookups } from '../../src/store/decode.js';
import { exportIp, exportRequest } from '../../src/store/export-file/export-rows.js';
import { parseExport } from '../../src/store/export-file/parse-export.js';
import { answeredPlace } from '../../src/store/request-row.js';
import { visitFacts } from '../../src/store/rows-to-facts.js';
import { hostRowOf, ipRowOf, type IpVerdict } from '../../src/store/classifier.js';
import { importedRequest } from '../../src/store/export-file/import-rows.js';
import type { HostRow, IpRow, VisitRow } from '../../src/store/schema.js';
import { buildRollups } from '../../src/store/visit-rollup-build.js';
import { encodeRollup, unpackRollup } from '../../src/store/visit-rollup.js';
import { newVisitRow, noteVisitRequest, showVisit } from '../../src/store/visit-row.js';
import { exportHeader } from '../../src/report/export/export-json.js';
import { ownedHost } from './helpers/owned-host.js';
import { req } from './helpers/page-events.js';
import { exportedRequest } from './helpers/exported-request.js';

const NOW = Date.UTC(2026, 10, 28, 12);

/** Addresses registered in the US: one placed in Ireland, one placed where registered, one anycast, one stored before geolocation. */
const VERDICTS: IpVerdict[] = [
  { country: 'US', geoCountry: 'IE', anycast: false },
  { country: 'US', geoCountry: 'US', anycast: false },
  { country: 'US', geoCountry: null, anycast: true },
  { country: 'US' },
];
const IPS: IpRow[] = VERDICTS.map((verdict, i) => ({ ...ipRowOf(`203.0.113.${i + 1}`, 'k', verdict), id: i + 1 }));
const HOST: HostRow = {
  ...hostRowOf('cdn.example', 'k', { domain: 'cdn.example', company: null, parent: null, jurisdiction: null, prism: false, tracker: null }),
  id: 1,
};
const ip = (id: number): IpRow => IPS.find((row) => row.id === id)!;

/** A completed script from cdn.example, answered from 203.0.113.1, with `extra` applied. */
const observation = (extra: Partial<Observation> = {}): Observation =>
  req({ time: NOW, ip: '203.0.113.1', cookies: false, referrer: false, ...extra });

function visit(id: number): VisitRow {
  const row = newVisitRow(id, NOW - id * 60_000, 1, 'https://cdn.example/', HOST);
  showVisit(row, 'https://cdn.example/', HOST);
  return row;
}

test("a visit counts a geolocated answer as a known place, an anycast one and a row from before as unlocated; a CDN's header still comes first", () => {
  expect(answeredPlace(observation(), true, ip(1))).toBe('IE');
  expect(answeredPlace(observation(), true, ip(2))).toBe('US');
  expect(answeredPlace(observation(), true, ip(3))).toBeNull();
  expect(answeredPlace(observation(), true, ip(4))).toBeNull();
  expect(answeredPlace(observation(), true)).toBeNull();
  expect(answeredPlace(observation({ edge: 'cloudflare:CDG' }), true, ip(1))).toBe('FR');
  // No server answered: nothing to count, whatever the address says.
  expect(answeredPlace(observation({ fromCache: true }), true, ip(1))).toBeUndefined();
  expect(answeredPlace(observation(), false, ip(1))).toBeUndefined();

  const visits = [1, 2, 3, 4].map((id) => {
    const row = visit(id);
    noteVisitRequest(row, 1, id, true, true, false, answeredPlace(observation(), true, ip(id)));
    return row;
  });
  expect(visits.map(visitFacts).map((facts) => [facts.answered ?? [], facts.unlocated ?? 0])).toEqual([
    [['IE'], 0],
    [['US'], 0],
    [[], 1],
    [[], 1],
  ]);
  // Upstream reach: the visit placed in the US by the database counts; the anycast one and the old row only may be missing.
  const hosts = new Map([[1, ownedHost('cdn.example', null)]]);
  const ips = new Map(IPS.map((row) => [row.id!, row]));
  const packed = [...buildRollups(visits.map(visitFacts), hosts, ips).values()].map((row) => unpackRollup(encodeRollup(row))!);
  const range = daysRange(NOW, NOW);
  expect(exposureFromPacked(range, slicesOver(range), packed).upstreamReach).toEqual({
    visits: 1,
    share: 0.25,
    unknown: null,
    undetermined: 2,
  });
});

test('the decoded request, the export and the report give the geolocation as evidence, anycast as registry marked so', () => {
  const fileRequest = exportedRequest({ time: NOW, ip: 1 });

  const same = (id: number) => id;
  const request = (id: number, ip: number, edge: string | null = null) => ({
    ...importedRequest({ ...fileRequest, ip, edge }, { host: same, ip: same, visit: same }, false),
    id,
  });
  const refs = lookups([HOST], IPS, [visit(1)]);
  const located = [1, 2, 3, 4].map((i) => decodeRequest(request(i, i), refs).location);
  expect(located).toEqual([
    { country: 'IE', city: null, evidence: 'geolocation' },
    { country: 'US', city: null, evidence: 'geolocation' },
    { country: 'US', city: null, evidence: 'registry' },
    { country: 'US', city: null, evidence: 'registry' },
  ]);
  expect(decodeRequest(request(5, 1, 'fastly:FRA'), refs).location).toEqual({ country: 'DE', city: 'Frankfurt', evidence: 'cdn-header' });

  // The export: the address's geolocation spelt out (old rows: none), each request's location from it.
  const exportedIps = IPS.map(exportIp);
  expect(exportedIps.map(({ geoCountry, anycast }) => [geoCountry, anycast])).toEqual([
    ['IE', false],
    ['US', false],
    [null, true],
    [null, false],
  ]);
  expect(decodeIp(ip(4))).toMatchObject({ geoCountry: null, anycast: false });
  const byId = new Map(exportedIps.map((row) => [row.id, row]));
  expect([1, 2, 3, 4].map((i) => exportRequest(request(i, i), (id) => byId.get(id)).location?.evidence)).toEqual([
    'geolocation',
    'geolocation',
    'registry',
    'registry',
  ]);

  // The report's places: geolocated first after CDNs, anycast kept apart from the plain registry country.
  const ips = new Map(IPS.map((row) => [row.id!, row]));
  const uses = [1, 2, 3, 4].map((i) => ({ host: 1, ip: i, n: i }));
  expect(answeredPlaces(uses, new Set([1]), ips)).toEqual({
    places: [
      { country: 'US', city: null, evidence: 'geolocation', cdn: null, anycast: false, requests: 2 },
      { country: 'IE', city: null, evidence: 'geolocation', cdn: null, anycast: false, requests: 1 },
      { country: 'US', city: null, evidence: 'registry', cdn: null, anycast: false, requests: 4 },
      { country: 'US', city: null, evidence: 'registry', cdn: null, anycast: true, requests: 3 },
    ],
    unknown: 0,
  });
});

test('an export file with the geolocation fields, and one written before them, both read', () => {
  const file = (ips: object[]) =>
    JSON.stringify({
      ...exportHeader('0.1.0', [{ package: 'x', version: '1', licence: 'MIT' }], false, new Date(NOW)),
      hosts: [],
      ips,
      visits: [],
      requests: [],
      daily: [],
    });
  const old = { id: 1, address: '203.0.113.4', country: 'US', asn: null, network: null };
  expect(parseExport(file([old])).ips[0]).toEqual(old);
  expect(parseExport(file([{ ...old, geoCountry: 'IE', anycast: false }])).ips[0]).toMatchObject({ geoCountry: 'IE', anycast: false });
  expect(() => parseExport(file([{ ...old, geoCountry: 'ireland' }]))).toThrow();
  expect(() => parseExport(file([{ ...old, anycast: 'yes' }]))).toThrow();
});

test("the worker's classifier records the geolocation once its table is in, resolved to a country, anycast marked", async () => {
  const read = folderReader(await ensureKnowledge(() => {}));
  const tables = await loadKnowledge(read);
  const classifier = knowledgeClassifier(await loadCoreKnowledge(read), 'v');
  // Before the table: the verdict leaves the fields out, so a re-classified row keeps its own.
  expect(classifier.ip('1.1.1.1')).not.toHaveProperty('geoCountry');
  classifier.addIpTables({ country: tables.country!, hosting: tables.hosting! });
  expect(classifier.ip('1.1.1.1')).not.toHaveProperty('anycast');
  classifier.addIpTables({ geo: tables.geo! });
  expect(classifier.ip('1.1.1.1')).toMatchObject({ geoCountry: null, anycast: true });
  expect(classifier.ip('192.0.2.1')).toMatchObject({ geoCountry: null, anycast: false });
  // A cloud's address the table keeps: the country DB-IP gives, never the "same" label.
  const cloud = ['52.95.110.1', '13.32.0.1', '34.64.0.1', '20.36.0.1'].map((address) => classifier.ip(address));
  const placed = cloud.filter((verdict) => verdict.geoCountry !== null);
  expect(placed.length).toBeGreaterThan(0);
  for (const verdict of placed) expect(verdict.geoCountry).toMatch(/^[A-Z]{2}$/);
});
