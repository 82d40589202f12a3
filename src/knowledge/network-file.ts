/**
 * Build time: one networks-kind IP file (classify/ip-format.ts) out of the resolved AS
 * ranges: ip-asn.bin with every network, or hosting.bin with only the networks that map to
 * a company. Both are cut from the same resolved segments, so a network's addresses are
 * the same in the two files: a narrower range of another network inside a kept one stays
 * that other network's (no data in hosting.bin), never the kept network's.
 */
import { IP_KIND_HOSTING, MAX_NAME_BYTES, NAME_CHUNK, NO_DATA, SPLIT_NETWORK } from '../classify/ip-format.js';
import { countsOf, encodeFile, encodeTables, putColumn, relabel } from './ip-encode.js';
import { splitIntoBlocks, type IpSegment } from './ip-ranges.js';

export const V4_MAX = 2n ** 32n - 1n;
export const V6_MAX = 2n ** 128n - 1n;
export const V6_BLOCK_BITS = 64n;
export const V6_MAX_BLOCK = 2n ** 64n - 1n;
const U16_MAX = 0xffff;

export interface ResolvedNetworks {
  /** Most-specific-wins segments whose values are AS numbers. */
  readonly v4: readonly IpSegment<number>[];
  readonly v6: readonly IpSegment<number>[];
  /** AS number → name as the data gives it. */
  readonly names: ReadonlyMap<number, string>;
}

/**
 * The file holding the networks `keep` (each must have a name). `companies` (hosting files
 * only): AS number → index in owners.bin of the company operating it.
 */
export function encodeNetworkFile(
  kind: number,
  table: ResolvedNetworks,
  keep: readonly number[],
  companies?: ReadonlyMap<number, number>,
): Uint8Array {
  // Networks sorted by AS number (the order that deflates best); slot 0 is "no data".
  const asns = [...keep].sort((a, b) => a - b);
  if (asns.length + 1 >= SPLIT_NETWORK) throw new Error(`too many networks: ${asns.length}`);
  const index = new Map(asns.map((asn, i) => [asn, i + 1]));
  const label = (value: number | null): number => (value === null ? NO_DATA : (index.get(value) ?? NO_DATA));

  const sections = encodeTables(
    kind,
    relabel(table.v4, label),
    splitIntoBlocks(relabel(table.v6, label), V6_BLOCK_BITS, V6_MAX_BLOCK, SPLIT_NETWORK),
  );
  const encoded = [new Uint8Array(0), ...asns.map((asn) => encodeName(table.names.get(asn)!))];
  const utf8 = new Uint8Array(encoded.reduce((sum, bytes) => sum + bytes.length, 0));
  const starts: number[] = [];
  let end = 0;
  for (const bytes of encoded) {
    starts.push(end);
    utf8.set(bytes, end);
    end += bytes.length;
  }
  const labels = asns.length + 1;
  putColumn(sections, 'names.asn', 4, labels, (i) => BigInt(i === 0 ? 0 : asns[i - 1]!));
  putColumn(sections, 'names.chunk', 3, Math.ceil(labels / NAME_CHUNK), (i) => BigInt(starts[i * NAME_CHUNK]!));
  sections['names.length'] = Uint8Array.from(encoded, (bytes) => bytes.length);
  sections['names.utf8'] = utf8;
  if (kind === IP_KIND_HOSTING) {
    const companyOf = (asn: number): number => {
      const company = companies?.get(asn);
      if (company === undefined || company < 0 || company >= U16_MAX) throw new Error(`hosting.bin: AS${asn} has no company index`);
      return company;
    };
    // Slot 0 ("no data") holds U16_MAX: no company.
    putColumn(sections, 'names.company', 2, labels, (i) => BigInt(i === 0 ? U16_MAX : companyOf(asns[i - 1]!)));
  }
  return encodeFile(kind, countsOf(labels, sections, utf8.length), sections);
}

/** UTF-8 of an AS name, cut on a character boundary to fit its one-byte length (the longest today is 169 bytes). */
function encodeName(name: string): Uint8Array {
  const bytes = new TextEncoder().encode(name);
  if (bytes.length <= MAX_NAME_BYTES) return bytes;
  let end = MAX_NAME_BYTES;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--; // do not split a multi-byte character
  return bytes.slice(0, end);
}
