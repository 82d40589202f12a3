/**
 * The geolocation table (ip-geo.bin) against its sources, by sampled rows: for a sample of
 * DB-IP's rows, the first and last address and those just outside must get what a reading of
 * the CSV files gives, with no code shared with the compiler (helpers/ip-oracle.ts): the
 * anycast label for an address of a network or prefix of src/knowledge/data/anycast.json;
 * in IPv4 addresses of the networks that map to a company, DB-IP's country where it differs
 * from the registry's and "same" where it agrees; nothing anywhere else.
 */
import { test, expect } from '@playwright/test';
import { GEO_ANYCAST_ANSWER, GEO_SAME_ANSWER, lookupGeo } from '../../src/classify/ip-lookup.js';
import { isPublicV4, isPublicV6 } from '../../src/classify/ip-special.js';
import { COUNTRY_PACKAGE, GEO_PACKAGE, NETWORK_PACKAGE } from '../../src/knowledge/ip-tables.js';
import { prefixRange, readAnycastTable } from '../../src/knowledge/ip-geo.js';
import { readJurisdictionTable } from '../../src/knowledge/jurisdictions.js';
import { readNetworkOperators } from '../../src/knowledge/network-operators.js';
import { ipKnowledge, root } from './helpers/ip-knowledge.js';
import { compressV6, formatV4, oracle } from './helpers/ip-oracle.js';

test.describe.configure({ timeout: 600_000 });

/** Every SAMPLE-th row of DB-IP's files is probed. */
const SAMPLE = 7;

async function expectation(family: 4 | 6) {
  const suffix = family === 4 ? 'ipv4-num.csv' : 'ipv6-num.csv';
  const [dbip, registry, network, anycast, networks] = await Promise.all([
    oracle(GEO_PACKAGE, `dbip-country-${suffix}`),
    oracle(COUNTRY_PACKAGE, `geo-whois-asn-country-${suffix}`),
    oracle(NETWORK_PACKAGE, `asn-${suffix}`),
    readAnycastTable(root),
    readJurisdictionTable(root).then((table) => readNetworkOperators(root, table)),
  ]);
  const operators = new Set(networks.networks.map((row) => String(row.asn)));
  const anycastAsns = new Set(anycast.networks.map((row) => String(row.asn)));
  const prefixes = anycast.prefixes.map((row) => prefixRange(row.prefix)).filter((range) => range.family === family);
  const words = (address: bigint) => Uint32Array.from([96n, 64n, 32n, 0n], (shift) => Number((address >> shift) & 0xffffffffn));
  const expected = (address: bigint): string | null => {
    if (family === 4 ? !isPublicV4(Number(address)) : !isPublicV6(words(address))) return null;
    const asn = network.valueAt(address);
    if ((asn !== null && anycastAsns.has(asn)) || prefixes.some((range) => range.start <= address && address <= range.end))
      return GEO_ANYCAST_ANSWER;
    const located = dbip.valueAt(address);
    if (family === 6 || located === null || asn === null || !operators.has(asn)) return null;
    return located === registry.valueAt(address) ? GEO_SAME_ANSWER : located;
  };
  const probes: bigint[] = [];
  dbip.rows.forEach((row, i) => {
    if (i % SAMPLE === 0) probes.push(row.start, row.end, row.start - 1n, row.end + 1n);
  });
  for (const range of prefixes) probes.push(range.start, range.end, range.start - 1n, range.end + 1n);
  return { probes: probes.filter((address) => address >= 0n && address < 1n << (family === 4 ? 32n : 128n)), expected };
}

for (const family of [4, 6] as const) {
  test(`IPv${family}: sampled rows of DB-IP's file get DB-IP's answer, "same", anycast or nothing, as the sources say`, async () => {
    const [{ tables }, { probes, expected }] = await Promise.all([ipKnowledge(), expectation(family)]);
    const wrong: string[] = [];
    const seen = new Map<string, number>();
    for (const address of probes) {
      const ip = family === 4 ? formatV4(address) : compressV6(address);
      const want = expected(address);
      const got = lookupGeo(tables.geo, ip);
      const kind = want === null || want === GEO_SAME_ANSWER || want === GEO_ANYCAST_ANSWER ? String(want) : 'country';
      seen.set(kind, (seen.get(kind) ?? 0) + 1);
      if (got !== want && wrong.length < 10) wrong.push(`${ip}: expected ${want}, got ${got}`);
    }
    expect(wrong).toEqual([]);
    // The sample reaches every kind of answer the family can give.
    const kinds = family === 4 ? ['null', 'same', 'anycast', 'country'] : ['null', 'anycast'];
    for (const kind of kinds) expect(seen.get(kind) ?? 0, kind).toBeGreaterThan(0);
  });
}

test('documented anycast addresses are never placed by the database', async () => {
  const { tables } = await ipKnowledge();
  for (const ip of ['1.1.1.1', '104.16.0.1', '8.8.8.8', '8.8.4.4', '2001:4860:4860::8888', '2606:4700:4700::1111'])
    expect(lookupGeo(tables.geo, ip), ip).toBe(GEO_ANYCAST_ANSWER);
});
