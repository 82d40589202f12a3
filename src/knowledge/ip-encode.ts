/**
 * Packs resolved segments into the byte planes of classify/ip-format.ts. Build-time
 * only; the decoder on the other side is classify/ip-decode.ts.
 */
import {
  IP_FORMAT_VERSION, IP_HEADER_BYTES, IP_MAGIC, V4_BUCKETS, V6_ANCHOR_STRIDE, layoutOf, planesOf, type IpFileCounts,
} from '../classify/ip-format.js';
import type { BlockTable, IpSegment } from './ip-ranges.js';

export type Sections = Record<string, Uint8Array>;

/** Writes `bytes` planes named `${name}0`… holding byte b of each value at plane b. */
export function putColumn(out: Sections, name: string, bytes: number, count: number, valueAt: (i: number) => bigint): void {
  const planes = Array.from({ length: bytes }, () => new Uint8Array(count));
  const limit = 1n << BigInt(8 * bytes);
  for (let i = 0; i < count; i++) {
    const value = valueAt(i);
    if (value < 0n || value >= limit) throw new Error(`${name}[${i}] = ${value} does not fit in ${bytes} byte(s)`);
    for (let b = 0; b < bytes; b++) planes[b]![i] = Number((value >> BigInt(8 * b)) & 0xffn);
  }
  planes.forEach((plane, b) => (out[`${name}${b}`] = plane));
}

/** The IPv4 and IPv6 sections of one file; segment values are already label indices. */
export function encodeTables(kind: number, v4: readonly IpSegment<number>[], v6: BlockTable<number>): Sections {
  const planes = planesOf(kind);
  const out: Sections = {};
  const value = (segments: readonly IpSegment<number>[]) => (i: number): bigint => BigInt(segments[i]!.value ?? 0);

  // first[h] = number of segments starting before /16 h.
  const first = new Array<number>(V4_BUCKETS + 1).fill(0);
  const deltas = v4.map((segment, i) => {
    const start = Number(segment.start);
    const bucket = start >>> 16;
    first[bucket + 1]!++;
    const previous = i > 0 ? Number(v4[i - 1]!.start) : -1;
    return BigInt(previous >= 0 && previous >>> 16 === bucket ? start - previous : start & 0xffff);
  });
  for (let h = 1; h <= V4_BUCKETS; h++) first[h]! += first[h - 1]!;
  putColumn(out, 'v4.first', 3, V4_BUCKETS + 1, (i) => BigInt(first[i]!));
  putColumn(out, 'v4.delta', 2, v4.length, (i) => deltas[i]!);
  putColumn(out, 'v4.value', planes, v4.length, value(v4));

  const { blocks, exceptions } = v6;
  putColumn(out, 'v6.anchor', 8, Math.ceil(blocks.length / V6_ANCHOR_STRIDE), (i) => blocks[i * V6_ANCHOR_STRIDE]!.start);
  putColumn(out, 'v6.delta', 8, blocks.length, (i) => blocks[i]!.start - (i > 0 ? blocks[i - 1]!.start : 0n));
  putColumn(out, 'v6.value', planes, blocks.length, value(blocks));
  putColumn(out, 'v6.exKey', 4, 4 * exceptions.length, (i) => (exceptions[i >> 2]!.start >> BigInt(96 - 32 * (i & 3))) & 0xffffffffn);
  putColumn(out, 'v6.exValue', planes, exceptions.length, value(exceptions));
  return out;
}

/** Header plus sections in layout order; throws if a section is missing, extra or mis-sized. */
export function encodeFile(kind: number, counts: IpFileCounts, sections: Sections): Uint8Array {
  const layout = layoutOf(kind, counts);
  const bytes = new Uint8Array(layout.byteLength);
  const header = new DataView(bytes.buffer);
  const words = [IP_MAGIC, (IP_FORMAT_VERSION << 16) | kind, counts.labels, counts.v4, counts.v6, counts.exceptions, counts.nameBytes, 0];
  words.forEach((word, i) => header.setUint32(4 * i, word >>> 0, true));
  if (IP_HEADER_BYTES !== 4 * words.length) throw new Error('header size mismatch');
  const unused = new Set(Object.keys(sections));
  for (const section of layout.sections) {
    const data = sections[section.name];
    if (!data || data.length !== section.length) {
      throw new Error(`section ${section.name}: expected ${section.length} bytes, got ${data?.length ?? 'none'}`);
    }
    bytes.set(data, section.offset);
    unused.delete(section.name);
  }
  if (unused.size > 0) throw new Error(`sections not in the layout: ${[...unused].join(', ')}`);
  return bytes;
}
