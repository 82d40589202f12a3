/**
 * Packs resolved segments into the byte planes of classify/ip-format.ts. Build-time
 * only; the decoder on the other side is classify/ip-decode.ts.
 */
import {
  ANCHOR_STRIDE,
  IP_FORMAT_VERSION,
  IP_HEADER_BYTES,
  IP_MAGIC,
  STEP_MAX_ODD,
  STEP_SHIFT_BITS,
  anchorsOf,
  layoutOf,
  planesOf,
  type IpFileCounts,
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
  const out: Sections = {};
  putKeys(out, kind, 'v4', 4, toSteps(v4));
  putKeys(out, kind, 'v6', 8, toSteps(v6.blocks));
  const { exceptions } = v6;
  putColumn(out, 'v6.exKey', 4, 4 * exceptions.length, (i) => (exceptions[i >> 2]!.start >> BigInt(96 - 32 * (i & 3))) & 0xffffffffn);
  putColumn(out, 'v6.exValue', planesOf(kind), exceptions.length, (i) => BigInt(exceptions[i]!.value ?? 0));
  return out;
}

interface Steps {
  readonly keys: bigint[];
  /** Step code of each key's difference from the previous key (0 for the first, never read). */
  readonly codes: number[];
  readonly values: number[];
}

/**
 * Re-cuts segments into steps whose differences each fit one step code (ip-format.ts):
 * a difference that does not is taken apart from its low bits up, (2c + 1) · 2^s at a
 * time, and the steps in between keep the value of the segment they fall in, so every
 * address keeps its answer (a run of split /64s stays split: each of them is listed in the
 * exceptions).
 */
function toSteps(segments: readonly IpSegment<number>[]): Steps {
  const steps: Steps = { keys: [], codes: [], values: [] };
  const mask = BigInt(STEP_MAX_ODD);
  segments.forEach((segment, i) => {
    const value = segment.value ?? 0;
    if (i === 0) {
      if (segment.start !== 0n) throw new Error('segments must start at address 0');
      steps.keys.push(0n);
      steps.codes.push(0);
      steps.values.push(value);
      return;
    }
    const previous = segments[i - 1]!;
    let key = previous.start;
    let rest = segment.start - key;
    if (rest <= 0n) throw new Error(`keys must increase: ${key} then ${segment.start}`);
    while (rest > 0n) {
      let shift = 0n;
      while (((rest >> shift) & 1n) === 0n) shift++;
      const part = ((rest >> shift) & mask) << shift;
      rest -= part;
      key += part;
      steps.keys.push(key);
      steps.codes.push(Number(((part >> shift) >> 1n) << BigInt(STEP_SHIFT_BITS)) | Number(shift));
      steps.values.push(rest > 0n ? (previous.value ?? 0) : value);
    }
  });
  return steps;
}

function putKeys(out: Sections, kind: number, name: string, keyBytes: number, steps: Steps): void {
  const count = steps.keys.length;
  putColumn(out, `${name}.anchor`, keyBytes, anchorsOf(count), (i) => steps.keys[i * ANCHOR_STRIDE]!);
  const codes = Uint8Array.from(steps.codes);
  out[`${name}.step`] = codes;
  putColumn(out, `${name}.value`, planesOf(kind), count, (i) => BigInt(steps.values[i]!));
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

/** Segments with their values replaced by label indices, neighbours of equal label merged. */
export function relabel<T>(segments: readonly IpSegment<T>[], label: (value: T | null) => number): IpSegment<number>[] {
  const out: IpSegment<number>[] = [];
  for (const segment of segments) {
    const value = label(segment.value);
    // Distinct source values may share a label (a network left out of hosting.bin is "no data" like a gap).
    if (out.length === 0 || out[out.length - 1]!.value !== value) out.push({ start: segment.start, value });
  }
  return out;
}

export function countsOf(labels: number, sections: Sections, nameBytes: number): IpFileCounts {
  return {
    labels,
    v4: sections['v4.step']!.length,
    v6: sections['v6.step']!.length,
    exceptions: sections['v6.exValue0']!.length,
    nameBytes,
  };
}
