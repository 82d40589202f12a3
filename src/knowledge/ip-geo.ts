/**
 * Build time: the geolocation table (ip-geo.bin, classify/ip-format.ts) out of DB-IP's
 * country of each address (@ip-location-db/dbip-country), the resolved registry countries
 * and the networks known to be anycast (data/anycast.json). Where the caller keeps DB-IP's answer
 * (`Keep`, ip-tables.ts) it stores DB-IP's country only
 * where it differs from the registry's and says "same" elsewhere: the two agree on most
 * addresses, and a label per agreement would cost what the table of differences costs
 * (docs/measurements.md). Anycast networks and prefixes get their own label whatever DB-IP
 * says, so the run time never places them.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GEO_ANYCAST, GEO_FIRST_CODE, GEO_SAME, IP_KIND_GEO, NO_DATA, SPLIT_COUNTRY } from '../classify/ip-format.js';
import { IPV4, IPV6, parseIp } from '../classify/ip-parse.js';
import { parseAddress, readCsv } from './ip-csv.js';
import { countsOf, encodeFile, encodeTables } from './ip-encode.js';
import { resolveRanges, splitIntoBlocks, type IpRange, type IpSegment } from './ip-ranges.js';
import { V4_MAX, V6_BLOCK_BITS, V6_MAX, V6_MAX_BLOCK } from './network-file.js';

export const GEO_PACKAGE = '@ip-location-db/dbip-country';
export const ANYCAST_TABLE = path.join('src', 'knowledge', 'data', 'anycast.json');

export interface AnycastTable {
  readonly updated: string;
  readonly networks: readonly { asn: number; holder: string; source: string }[];
  readonly prefixes: readonly { prefix: string; holder: string; source: string }[];
}

/** One address family of every source, already resolved most-specific-first. */
export interface GeoFamily {
  readonly registry: readonly IpSegment<string>[];
  readonly asn: readonly IpSegment<number>[];
  readonly family: 4 | 6;
}

export async function readAnycastTable(root: string): Promise<AnycastTable> {
  const table = JSON.parse(await readFile(path.join(root, ANYCAST_TABLE), 'utf8')) as AnycastTable;
  for (const { asn } of table.networks)
    if (!Number.isInteger(asn) || asn < 1) throw new Error(`${ANYCAST_TABLE}: not an AS number: ${asn}`);
  for (const { prefix } of table.prefixes) prefixRange(prefix);
  return table;
}

/** The inclusive range of a CIDR prefix, and its family. */
export function prefixRange(prefix: string): { family: 4 | 6; start: bigint; end: bigint } {
  const [address, length] = prefix.split('/');
  const words = new Uint32Array(4);
  const kind = parseIp(address, words);
  const bits = kind === IPV4 ? 32 : 128;
  const width = Number(length);
  if ((kind !== IPV4 && kind !== IPV6) || !/^\d{1,3}$/.test(length ?? '') || width > bits)
    throw new Error(`${ANYCAST_TABLE}: not a prefix: ${prefix}`);
  const value = kind === IPV4 ? BigInt(words[3]!) : words.reduce((sum, word) => (sum << 32n) | BigInt(word), 0n);
  const host = (1n << BigInt(bits - width)) - 1n;
  if ((value & host) !== 0n) throw new Error(`${ANYCAST_TABLE}: ${prefix} has bits set past its length`);
  return { family: kind === IPV4 ? 4 : 6, start: value, end: value | host };
}

async function readDbip(dir: string, file: string): Promise<IpRange<string>[]> {
  return (await readCsv(path.join(dir, file))).map(({ line, fields }) => {
    const where = `${file}:${line}`;
    const code = fields[2] ?? '';
    if (!/^[A-Z]{2}$/.test(code)) throw new Error(`${where}: not a country code: ${code}`);
    return { start: parseAddress(fields[0], where), end: parseAddress(fields[1], where), value: code };
  });
}

/** Sorted segment lists walked together: each start of any of them, with every list's value there. */
function* together(lists: readonly (readonly IpSegment<unknown>[])[]): Generator<{ start: bigint; at: number[] }> {
  const at = lists.map(() => 0);
  for (;;) {
    let next: bigint | null = null;
    lists.forEach((list, i) => {
      const segment = list[at[i]! + 1];
      if (segment !== undefined && (next === null || segment.start < next)) next = segment.start;
    });
    if (next === null) return;
    lists.forEach((list, i) => {
      while (list[at[i]! + 1] !== undefined && list[at[i]! + 1]!.start <= next!) at[i]!++;
    });
    yield { start: next, at: [...at] };
  }
}

/** The labels of one family: anycast, same as the registry, DB-IP's country, or nothing. */
function geoSegments(
  family: GeoFamily,
  dbip: readonly IpSegment<string>[],
  anycast: readonly IpSegment<boolean>[],
  anycastAsns: ReadonlySet<number>,
  label: (code: string) => number,
  keep: Keep,
): IpSegment<number>[] {
  const lists = [family.registry, dbip, family.asn, anycast] as const;
  const labelAt = (at: readonly number[]): number => {
    const asn = family.asn[at[2]!]!.value;
    if (anycast[at[3]!]!.value === true || (asn !== null && anycastAsns.has(asn))) return GEO_ANYCAST;
    const code = dbip[at[1]!]!.value;
    if (code === null || !keep(asn, family.family)) return NO_DATA;
    return code === family.registry[at[0]!]!.value ? GEO_SAME : label(code);
  };
  const out: IpSegment<number>[] = [{ start: 0n, value: labelAt([0, 0, 0, 0]) }];
  for (const { start, at } of together(lists)) {
    const value = labelAt(at);
    if (out[out.length - 1]!.value !== value) out.push({ start, value });
  }
  return out;
}

/** ip-geo.bin's bytes. */
/** Whether the table keeps DB-IP's answer for an address of network `asn` (null: none) in this family. */
export type Keep = (asn: number | null, family: 4 | 6) => boolean;

export async function compileGeo(dir: string, v4: GeoFamily, v6: GeoFamily, anycast: AnycastTable, keep: Keep): Promise<Uint8Array> {
  const dbip4 = resolveRanges(await readDbip(dir, 'dbip-country-ipv4-num.csv'), V4_MAX);
  const dbip6 = resolveRanges(await readDbip(dir, 'dbip-country-ipv6-num.csv'), V6_MAX);
  const codes = [...new Set([...dbip4, ...dbip6].flatMap((segment) => (segment.value === null ? [] : [segment.value])))].sort();
  if (codes.length + GEO_FIRST_CODE >= SPLIT_COUNTRY) throw new Error(`too many country codes: ${codes.length}`);
  const index = new Map(codes.map((code, i) => [code, i + GEO_FIRST_CODE]));
  const label = (code: string): number => index.get(code)!;
  const asns = new Set(anycast.networks.map((network) => network.asn));
  const prefixes = anycast.prefixes.map((entry) => prefixRange(entry.prefix));
  const marked = (family: 4 | 6, max: bigint) =>
    resolveRanges(
      prefixes.filter((range) => range.family === family).map((range) => ({ start: range.start, end: range.end, value: true })),
      max,
    );
  const sections = encodeTables(
    IP_KIND_GEO,
    geoSegments(v4, dbip4, marked(4, V4_MAX), asns, label, keep),
    splitIntoBlocks(geoSegments(v6, dbip6, marked(6, V6_MAX), asns, label, keep), V6_BLOCK_BITS, V6_MAX_BLOCK, SPLIT_COUNTRY),
  );
  const table = new Uint8Array(2 * (codes.length + GEO_FIRST_CODE));
  codes.forEach((code, i) => table.set([code.charCodeAt(0), code.charCodeAt(1)], 2 * (i + GEO_FIRST_CODE)));
  sections['codes'] = table;
  return encodeFile(IP_KIND_GEO, countsOf(codes.length + GEO_FIRST_CODE, sections, 0), sections);
}
