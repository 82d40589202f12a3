import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { splitCsvLine } from '../../src/knowledge/ip-csv.js';
import { resolveRanges, splitIntoBlocks, type IpRange, type IpSegment } from '../../src/knowledge/ip-ranges.js';
import { dataDateOf } from '../../src/knowledge/ip-tables.js';

const row = (start: number, end: number, value: string): IpRange<string> => ({ start: BigInt(start), end: BigInt(end), value });
const flat = (segments: IpSegment<unknown>[]) => segments.map(({ start, value }) => [Number(start), value]);

/** The value a segment list gives an address: the last segment starting at or before it. */
function valueAt<T>(segments: readonly IpSegment<T>[], address: bigint): T | null {
  let found: T | null = null;
  for (const segment of segments) if (segment.start <= address) found = segment.value;
  return found;
}

test('no rows: the whole space is one "no data" segment', () => {
  expect(flat(resolveRanges([], 255n))).toEqual([[0, null]]);
});

test('gaps become explicit "no data" segments, and the space ends where the data ends', () => {
  expect(flat(resolveRanges([row(10, 19, 'FR'), row(30, 39, 'DE')], 255n))).toEqual([
    [0, null],
    [10, 'FR'],
    [20, null],
    [30, 'DE'],
    [40, null],
  ]);
  expect(flat(resolveRanges([row(0, 9, 'FR'), row(10, 255, 'DE')], 255n))).toEqual([
    [0, 'FR'],
    [10, 'DE'],
  ]);
});

test('adjacent rows with the same value merge', () => {
  expect(flat(resolveRanges([row(0, 9, 'FR'), row(10, 19, 'FR'), row(20, 29, 'DE')], 255n))).toEqual([
    [0, 'FR'],
    [20, 'DE'],
    [30, null],
  ]);
});

test('a narrower range inside a wider one wins, on both sides of it', () => {
  // The shape of 2.58.196.0/23 DE holding 2.58.197.15 BE in geo-whois-asn-country.
  expect(flat(resolveRanges([row(0, 99, 'DE'), row(15, 15, 'BE'), row(16, 99, 'DE')], 255n))).toEqual([
    [0, 'DE'],
    [15, 'BE'],
    [16, 'DE'],
    [100, null],
  ]);
  // Nesting three deep.
  expect(flat(resolveRanges([row(0, 99, 'A'), row(10, 49, 'B'), row(20, 29, 'C')], 255n))).toEqual([
    [0, 'A'],
    [10, 'B'],
    [20, 'C'],
    [30, 'B'],
    [50, 'A'],
    [100, null],
  ]);
});

test('partial overlaps: the narrower row wins where they overlap', () => {
  // The shape of AS749 214.95.0.0-215.0.255.255 against AS721 215.0.0.0-215.1.3.255.
  expect(flat(resolveRanges([row(0, 49, 'wide'), row(40, 59, 'narrow')], 255n))).toEqual([
    [0, 'wide'],
    [40, 'narrow'],
    [60, null],
  ]);
  expect(flat(resolveRanges([row(40, 99, 'wide'), row(30, 49, 'narrow')], 255n))).toEqual([
    [0, null],
    [30, 'narrow'],
    [50, 'wide'],
    [100, null],
  ]);
});

test('equal widths: the row listed first wins; input order otherwise does not matter', () => {
  expect(flat(resolveRanges([row(10, 19, 'DE'), row(10, 19, 'US')], 255n))).toEqual([
    [0, null],
    [10, 'DE'],
    [20, null],
  ]);
  expect(flat(resolveRanges([row(10, 19, 'US'), row(10, 19, 'DE')], 255n))).toEqual([
    [0, null],
    [10, 'US'],
    [20, null],
  ]);
  const rows = [row(0, 99, 'A'), row(10, 19, 'B'), row(50, 59, 'C')];
  expect(resolveRanges([...rows].reverse(), 255n)).toEqual(resolveRanges(rows, 255n));
});

test('bad rows fail the build loudly', () => {
  expect(() => resolveRanges([row(10, 9, 'FR')], 255n)).toThrow(/invalid range/);
  expect(() => resolveRanges([row(10, 256, 'FR')], 255n)).toThrow(/invalid range/);
});

test('property: every address gets the narrowest row containing it, first listed on a tie', () => {
  const rows = fc.array(
    fc
      .tuple(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 0, max: 20 }), fc.constantFrom('A', 'B', 'C'))
      .map(([start, length, value]) => row(start, Math.min(63, start + length), value)),
    { maxLength: 12 },
  );
  fc.assert(
    fc.property(rows, (input) => {
      const segments = resolveRanges(input, 63n);
      for (let address = 0; address < 64; address++) {
        let best: IpRange<string> | null = null;
        for (const candidate of input) {
          if (candidate.start > address || candidate.end < address) continue;
          if (!best || candidate.end - candidate.start < best.end - best.start) best = candidate;
        }
        if (valueAt(segments, BigInt(address)) !== (best?.value ?? null)) return false;
      }
      // Minimal: starts at 0, strictly increasing, no two neighbours alike.
      return (
        segments[0]!.start === 0n &&
        segments.every((s, i) => i === 0 || (s.start > segments[i - 1]!.start && s.value !== segments[i - 1]!.value))
      );
    }),
    { numRuns: 2000 },
  );
});

test('blocks: a block with one value is one entry; a cut block is SPLIT with its pieces listed from its first address', () => {
  // Blocks of 16 addresses (lowBits 4); 255 marks a split block.
  const segments: IpSegment<number>[] = [
    { start: 0n, value: 0 },
    { start: 32n, value: 1 }, // block 2, aligned, alone
    { start: 52n, value: 2 }, // block 3 is cut: 48..51 = 1, 52.. = 2
    { start: 54n, value: 3 }, // 54.. = 3, runs on through blocks 4 and 5
    { start: 96n, value: 0 }, // block 6 aligned
  ];
  const { blocks, exceptions } = splitIntoBlocks(segments, 4n, 15n, 255);
  expect(flat(blocks)).toEqual([
    [0, 0],
    [2, 1],
    [3, 255],
    [4, 3],
    [6, 0],
  ]);
  expect(flat(exceptions)).toEqual([
    [48, 1],
    [52, 2],
    [54, 3],
  ]);
});

test('property: block table plus exceptions answer exactly like the segments', () => {
  const segmentsArb = fc
    .uniqueArray(fc.integer({ min: 1, max: 255 }), { maxLength: 30 })
    .chain((starts) =>
      fc.tuple(
        fc.constant([0, ...starts.sort((a, b) => a - b)]),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: starts.length + 1, maxLength: starts.length + 1 }),
      ),
    )
    .map(([starts, values]) => {
      const out: IpSegment<number>[] = [];
      starts.forEach((start, i) => {
        if (out.length === 0 || out[out.length - 1]!.value !== values[i]) out.push({ start: BigInt(start), value: values[i]! });
      });
      return out;
    });
  fc.assert(
    fc.property(segmentsArb, (segments) => {
      const { blocks, exceptions } = splitIntoBlocks(segments, 4n, 15n, 99);
      for (let address = 0n; address < 256n; address++) {
        let value = valueAt(blocks, address >> 4n);
        if (value === 99) {
          const piece = [...exceptions].reverse().find((e) => e.start <= address)!;
          if (piece.start >> 4n !== address >> 4n) return false; // a split block always lists its first address
          value = piece.value;
        }
        if (value !== valueAt(segments, address)) return false;
      }
      return true;
    }),
    { numRuns: 2000 },
  );
});

test('CSV lines with quoted AS names', () => {
  expect(splitCsvLine('16777216,16777471,13335,"Cloudflare, Inc."')).toEqual(['16777216', '16777471', '13335', 'Cloudflare, Inc.']);
  expect(splitCsvLine('35309568,35313663,201907,"LLC ""SPUTNIK"""')).toEqual(['35309568', '35313663', '201907', 'LLC "SPUTNIK"']);
  expect(splitCsvLine('1,2,AU')).toEqual(['1', '2', 'AU']);
  expect(splitCsvLine('1,2,3,')).toEqual(['1', '2', '3', '']);
  expect(() => splitCsvLine('1,2,3,"open')).toThrow(/unterminated/);
  expect(() => splitCsvLine('1,2,3,"a"b')).toThrow(/after a quoted field/);
});

test('the data date comes from the ip-location-db version', () => {
  expect(dataDateOf('2.3.2026061719')).toBe('2026-06-17');
  expect(dataDateOf('2.3.20260617')).toBe('2026-06-17');
  expect(dataDateOf('2.3.2026023119')).toBeNull(); // 31 February
  expect(dataDateOf('1.0.0')).toBeNull();
});
