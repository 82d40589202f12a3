/**
 * Packs resolved segments into the byte planes of classify/ip-format.ts. Build-time
 * only; the decoder on the other side is classify/ip-decode.ts.
 */
import {
  IP_FORMAT_VERSION, IP_HEADER_BYTES, IP_MAGIC, V4_BUCKETS, V6_ANCHOR_STRIDE, V6_RAW_DELTA, layoutOf, planesOf, type IpFileCounts,
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
  const v6Deltas = encodeV6Deltas(blocks.map((block) => block.start));
  putColumn(out, 'v6.groupAt', 4, v6Deltas.groupAt.length, (i) => BigInt(v6Deltas.groupAt[i]!));
  out['v6.deltas'] = v6Deltas.deltas;
  putColumn(out, 'v6.value', planes, blocks.length, value(blocks));
  putColumn(out, 'v6.exKey', 4, 4 * exceptions.length, (i) => (exceptions[i >> 2]!.start >> BigInt(96 - 32 * (i & 3))) & 0xffffffffn);
  putColumn(out, 'v6.exValue', planes, exceptions.length, value(exceptions));
  return out;
}

/** One delta as classify/ip-format.ts describes it: trailing zeros, then the rest as LEB128. */
function putDelta(out: number[], delta: bigint): void {
  if (delta <= 0n || delta >= 1n << 64n) throw new Error(`IPv6 keys must increase: delta ${delta}`);
  let zeros = 0;
  while (((delta >> BigInt(zeros)) & 1n) === 0n) zeros++;
  let rest = delta >> BigInt(zeros);
  if (rest >= 1n << 53n) {
    // The reader multiplies the rest in doubles: past 53 bits, store the delta whole.
    out.push(V6_RAW_DELTA);
    for (let b = 0; b < 8; b++) out.push(Number((delta >> BigInt(8 * b)) & 0xffn));
    return;
  }
  out.push(zeros);
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    out.push(rest > 0n ? low | 0x80 : low);
  } while (rest > 0n);
}

/** The deltas between sorted keys, without those of anchored keys, grouped per anchor. */
export function encodeV6Deltas(keys: readonly bigint[]): { groupAt: number[]; deltas: Uint8Array } {
  const groupAt: number[] = [];
  const bytes: number[] = [];
  keys.forEach((key, i) => {
    if (i % V6_ANCHOR_STRIDE === 0) groupAt.push(bytes.length);
    else putDelta(bytes, key - keys[i - 1]!);
  });
  return { groupAt, deltas: Uint8Array.from(bytes) };
}

/** Header plus sections in layout order; throws if a section is missing, extra or mis-sized. */
export function encodeFile(kind: number, counts: IpFileCounts, sections: Sections): Uint8Array {
  const layout = layoutOf(kind, counts);
  const bytes = new Uint8Array(layout.byteLength);
  const header = new DataView(bytes.buffer);
  const words = [IP_MAGIC, (IP_FORMAT_VERSION << 16) | kind, counts.labels, counts.v4, counts.v6, counts.exceptions, counts.nameBytes, counts.v6DeltaBytes];
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
