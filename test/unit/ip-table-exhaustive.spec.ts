/**
 * The compiled IP tables against their source CSV files, row by row: for every row of
 * every file, its first and last address and the addresses just outside it must get the
 * answer a brute-force reading of the rows gives (the narrowest row containing the
 * address, the first listed on a tie: helpers/ip-oracle.ts, which shares no code with the
 * compiler). Every boundary of the data is a row's first address or the one after a row's
 * last, so this checks each place where an answer changes, including the steps the
 * encoder inserts where a difference between keys needs more than one step code
 * (classify/ip-format.ts). Addresses that are not public must be null; IPv4-mapped and
 * NAT64 IPv6 addresses must answer as the IPv4 address they carry. hosting.bin is held to
 * the same reading, restricted to the networks of the network → operator table.
 */
import { test, expect } from '@playwright/test';
import { lookupCountry, lookupNetwork, networkAsn, networkLabel } from '../../src/classify/ip-lookup.js';
import { isPublicV4, isPublicV6 } from '../../src/classify/ip-special.js';
import { COUNTRY_PACKAGE, NETWORK_PACKAGE } from '../../src/knowledge/ip-tables.js';
import { ipKnowledge, root } from './helpers/ip-knowledge.js';
import { readJurisdictionTable } from '../../src/knowledge/jurisdictions.js';
import { readNetworkOperators } from '../../src/knowledge/network-operators.js';
import { compressV6, formatV4, oracle, type RangeOracle } from './helpers/ip-oracle.js';

// The first run compiles the real tables (several seconds); each file then takes seconds.
test.describe.configure({ timeout: 600_000 });

const V4_MAX = 2n ** 32n - 1n;
const V6_MAX = 2n ** 128n - 1n;
const NAT64 = 0x0064ff9b_0000_0000_0000_0000_0000_0000n; // 64:ff9b::/96 (RFC 6052)
const MAPPED = 0xffff_0000_0000n; // ::ffff:0:0/96

type Lookup = (ip: string) => string | null;

/** The first and last address of every row and the ones just outside it, sorted, each once. */
function boundaries(reference: RangeOracle, max: bigint): bigint[] {
  const addresses: bigint[] = [];
  for (const row of reference.rows) {
    addresses.push(row.start, row.end);
    if (row.start > 0n) addresses.push(row.start - 1n);
    if (row.end < max) addresses.push(row.end + 1n);
  }
  // Sorted rather than put in a Set: V8 hashes IPv6-sized BigInts so poorly that a Set of them is quadratic.
  addresses.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return addresses.filter((address, i) => i === 0 || address !== addresses[i - 1]);
}

function words(address: bigint): Uint32Array {
  return Uint32Array.from([96n, 64n, 32n, 0n], (shift) => Number((address >> shift) & 0xffffffffn));
}

/** Runs every check, returning the first mismatches (empty when all agree) and the count. */
function compare(checks: Iterable<[string, string | null]>, lookup: Lookup): { checked: number; wrong: string[] } {
  let checked = 0;
  const wrong: string[] = [];
  for (const [ip, expected] of checks) {
    checked++;
    const actual = lookup(ip);
    if (actual !== expected && wrong.length < 10) wrong.push(`${ip}: expected ${expected}, got ${actual}`);
  }
  return { checked, wrong };
}

/** The AS numbers of the network → operator table: the only networks hosting.bin keeps. */
async function operatorAsns(): Promise<Set<string>> {
  const networks = await readNetworkOperators(root, await readJurisdictionTable(root));
  return new Set(networks.networks.map((row) => String(row.asn)));
}

for (const [label, pkg, prefix] of [
  ['country', COUNTRY_PACKAGE, 'geo-whois-asn-country'],
  ['network', NETWORK_PACKAGE, 'asn'],
  ['hosting', NETWORK_PACKAGE, 'asn'],
] as const) {
  const v4File = `${prefix}-ipv4-num.csv`;
  const v6File = `${prefix}-ipv6-num.csv`;
  const lookupOf = async (): Promise<Lookup> => {
    const { tables } = await ipKnowledge();
    if (label === 'country') return (ip) => lookupCountry(tables.country, ip);
    if (label === 'network') return (ip) => lookupNetwork(tables.network, ip)?.asn.toString() ?? null;
    return (ip) => {
      const found = networkLabel(tables.hosting, ip);
      return found === 0 ? null : networkAsn(tables.hosting, found).toString();
    };
  };
  // hosting.bin answers what ip-asn.bin answers for the operator table's networks, and nothing elsewhere.
  const keptOf = async (): Promise<(value: string | null) => string | null> => {
    if (label !== 'hosting') return (value) => value;
    const kept = await operatorAsns();
    return (value) => (value !== null && kept.has(value) ? value : null);
  };

  test(`${label} IPv4, every row of ${v4File}: first, last and neighbouring addresses, also IPv4-mapped and NAT64`, async () => {
    const [reference, lookup, kept] = await Promise.all([oracle(pkg, v4File), lookupOf(), keptOf()]);
    const expected = (address: bigint) => (isPublicV4(Number(address)) ? kept(reference.valueAt(address)) : null);
    const addresses = boundaries(reference, V4_MAX);
    function* checks(): Generator<[string, string | null]> {
      for (const address of addresses) {
        const answer = expected(address);
        yield [formatV4(address), answer];
        yield [compressV6(MAPPED | address), answer];
        yield [compressV6(NAT64 | address), answer];
      }
    }
    const { checked, wrong } = compare(checks(), lookup);
    expect(wrong).toEqual([]);
    expect(checked).toBe(3 * addresses.length);
  });

  test(`${label} IPv6, every row of ${v6File}: first, last and neighbouring addresses`, async () => {
    const [reference, v4Reference, lookup, kept] = await Promise.all([oracle(pkg, v6File), oracle(pkg, v4File), lookupOf(), keptOf()]);
    const addresses = boundaries(reference, V6_MAX);
    function* checks(): Generator<[string, string | null]> {
      for (const address of addresses) {
        const parts = words(address);
        // Mapped and NAT64 addresses answer from the IPv4 rows (the IPv6 file has none there today).
        const embedded = address >> 32n === MAPPED >> 32n || address >> 32n === NAT64 >> 32n ? Number(address & 0xffffffffn) : -1;
        const answer =
          embedded >= 0
            ? isPublicV4(embedded)
              ? v4Reference.valueAt(BigInt(embedded))
              : null
            : isPublicV6(parts)
              ? reference.valueAt(address)
              : null;
        yield [compressV6(address), kept(answer)];
      }
    }
    const { checked, wrong } = compare(checks(), lookup);
    expect(wrong).toEqual([]);
    expect(checked).toBe(addresses.length);
  });
}
