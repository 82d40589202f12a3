/**
 * Finds the segment holding an address in the tables of ip-decode.ts. Each function
 * returns an index into the table's value planes, reads only typed arrays and allocates
 * nothing, so a lookup costs a few dozen memory reads.
 */
import { V6_ANCHOR_STRIDE, V6_RAW_DELTA } from './ip-format.js';
import type { V4Index, V6Index } from './ip-decode.js';

const STRIDE = V6_ANCHOR_STRIDE; // a local copy: some loaders turn imports into getters

/** Index of the IPv4 segment holding `address` (an unsigned 32-bit number). */
export function findV4(table: V4Index, address: number): number {
  const { f0, f1, f2, d0, d1 } = table;
  const bucket = address >>> 16;
  const low = address & 0xffff;
  let i = f0[bucket]! | (f1[bucket]! << 8) | (f2[bucket]! << 16);
  const end = f0[bucket + 1]! | (f1[bucket + 1]! << 8) | (f2[bucket + 1]! << 16);
  // Starts inside one /16 are delta-coded from the /16 itself: walk them in order.
  let start = 0;
  for (; i < end; i++) {
    start += d0[i]! | (d1[i]! << 8);
    if (start > low) break;
  }
  // i - 1 may be the last segment of an earlier /16: it runs on until the next start.
  return i - 1;
}

/** Index of the IPv6 segment holding the /64 whose two u32 halves are hi and lo. */
export function findV6(table: V6Index, hi: number, lo: number): number {
  const { a0, a1, a2, a3, a4, a5, a6, a7 } = table;
  let a = 0;
  let b = table.anchors;
  while (a < b) {
    const mid = (a + b) >>> 1;
    const h = (a4[mid]! | (a5[mid]! << 8) | (a6[mid]! << 16) | (a7[mid]! << 24)) >>> 0;
    if (h < hi || (h === hi && ((a0[mid]! | (a1[mid]! << 8) | (a2[mid]! << 16) | (a3[mid]! << 24)) >>> 0) <= lo)) a = mid + 1;
    else b = mid;
  }
  const anchor = a - 1; // anchor 0 is key 0, so anchor >= 0
  let keyHi = (a4[anchor]! | (a5[anchor]! << 8) | (a6[anchor]! << 16) | (a7[anchor]! << 24)) >>> 0;
  let keyLo = (a0[anchor]! | (a1[anchor]! << 8) | (a2[anchor]! << 16) | (a3[anchor]! << 24)) >>> 0;
  let i = anchor * STRIDE;
  const end = Math.min(i + STRIDE, table.size);
  const { deltas, g0, g1, g2, g3 } = table;
  let at = (g0[anchor]! | (g1[anchor]! << 8) | (g2[anchor]! << 16) | (g3[anchor]! << 24)) >>> 0;
  for (let j = i + 1; j < end; j++) {
    // One delta (ip-format.ts): a zero count and a varint, exact in doubles below 2^53 · 2^zeros.
    const zeros = deltas[at++]!;
    let deltaHi: number;
    let deltaLo: number;
    if (zeros === V6_RAW_DELTA) {
      deltaLo = (deltas[at]! | (deltas[at + 1]! << 8) | (deltas[at + 2]! << 16) | (deltas[at + 3]! << 24)) >>> 0;
      deltaHi = (deltas[at + 4]! | (deltas[at + 5]! << 8) | (deltas[at + 6]! << 16) | (deltas[at + 7]! << 24)) >>> 0;
      at += 8;
    } else {
      let rest = 0;
      let scale = 1;
      let byte: number;
      do {
        byte = deltas[at++]!;
        rest += (byte & 0x7f) * scale;
        scale *= 128;
      } while (byte & 0x80 && scale < 2 ** 56);
      const delta = rest * 2 ** zeros;
      deltaHi = Math.floor(delta / 0x100000000);
      deltaLo = delta - deltaHi * 0x100000000;
    }
    let nextLo = keyLo + deltaLo;
    let nextHi = keyHi + deltaHi;
    if (nextLo > 0xffffffff) {
      nextLo -= 0x100000000;
      nextHi += 1;
    }
    if (nextHi > hi || (nextHi === hi && nextLo > lo)) break;
    keyHi = nextHi;
    keyLo = nextLo;
    i = j;
  }
  return i;
}

/**
 * Index of the exception (sub-/64 piece) holding the full address, or -1 when the
 * address's /64 has no exceptions (which a well-formed file never asks for).
 */
export function findException(table: V6Index, words: Uint32Array): number {
  let a = 0;
  let b = table.exceptions;
  while (a < b) {
    const mid = (a + b) >>> 1;
    let order = 0; // exception key minus address, by sign
    for (let w = 0; w < 4 && order === 0; w++) order = exceptionWord(table, 4 * mid + w) - words[w]!;
    if (order <= 0) a = mid + 1;
    else b = mid;
  }
  const found = a - 1;
  if (found < 0 || exceptionWord(table, 4 * found) !== words[0] || exceptionWord(table, 4 * found + 1) !== words[1]) return -1;
  return found;
}

function exceptionWord(table: V6Index, i: number): number {
  return (table.e0[i]! | (table.e1[i]! << 8) | (table.e2[i]! << 16) | (table.e3[i]! << 24)) >>> 0;
}
