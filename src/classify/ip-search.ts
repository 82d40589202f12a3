/**
 * Finds the step holding an address in the tables of ip-decode.ts. Each function
 * returns an index into the table's value planes, reads only typed arrays and allocates
 * nothing, so a lookup costs a few dozen memory reads.
 */
import { ANCHOR_STRIDE, STEP_SHIFT_BITS, STEP_SHIFT_MASK } from './ip-format.js';
import type { V4Index, V6Index } from './ip-decode.js';

const STRIDE = ANCHOR_STRIDE; // a local copy: some loaders turn imports into getters
const TWO_32 = 0x100000000;

/**
 * What each step code adds to a key, (2c + 1) · 2^s (ip-format.ts), as a double: exact,
 * since the odd factor has 3 bits. HIGH is the same for IPv6 keys split into two u32
 * halves: the part added to the high half when s >= 32 (the low half then gets LOW = 0),
 * else 0 and the low half gets LOW (at most 7 · 2^31, carried over below).
 */
const STEP = new Float64Array(256);
const HIGH = new Float64Array(256);
const LOW = new Float64Array(256);
for (let code = 0; code < 256; code++) {
  const shift = code & STEP_SHIFT_MASK;
  const odd = 2 * (code >>> STEP_SHIFT_BITS) + 1;
  STEP[code] = odd * 2 ** shift;
  HIGH[code] = shift >= 32 ? odd * 2 ** (shift - 32) : 0;
  LOW[code] = shift >= 32 ? 0 : odd * 2 ** shift;
}

/** Index of the IPv4 step holding `address` (an unsigned 32-bit number). */
export function findV4(table: V4Index, address: number): number {
  const { a0, a1, a2, a3 } = table;
  let a = 0;
  let b = table.anchors;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if ((a0[mid]! | (a1[mid]! << 8) | (a2[mid]! << 16) | (a3[mid]! << 24)) >>> 0 <= address) a = mid + 1;
    else b = mid;
  }
  const anchor = a - 1; // anchor 0 is address 0, so anchor >= 0
  let key = (a0[anchor]! | (a1[anchor]! << 8) | (a2[anchor]! << 16) | (a3[anchor]! << 24)) >>> 0;
  let i = anchor * STRIDE;
  const end = Math.min(i + STRIDE, table.size);
  const steps = table.steps;
  for (let j = i + 1; j < end; j++) {
    key += STEP[steps[j]!]!;
    if (key > address) break;
    i = j;
  }
  return i;
}

/** Index of the IPv6 step holding the /64 whose two u32 halves are hi and lo. */
export function findV6(table: V6Index, hi: number, lo: number): number {
  const { a0, a1, a2, a3, a4, a5, a6, a7 } = table;
  let a = 0;
  let b = table.anchors;
  while (a < b) {
    const mid = (a + b) >>> 1;
    const h = (a4[mid]! | (a5[mid]! << 8) | (a6[mid]! << 16) | (a7[mid]! << 24)) >>> 0;
    if (h < hi || (h === hi && (a0[mid]! | (a1[mid]! << 8) | (a2[mid]! << 16) | (a3[mid]! << 24)) >>> 0 <= lo)) a = mid + 1;
    else b = mid;
  }
  const anchor = a - 1; // anchor 0 is key 0, so anchor >= 0
  let keyHi = (a4[anchor]! | (a5[anchor]! << 8) | (a6[anchor]! << 16) | (a7[anchor]! << 24)) >>> 0;
  let keyLo = (a0[anchor]! | (a1[anchor]! << 8) | (a2[anchor]! << 16) | (a3[anchor]! << 24)) >>> 0;
  let i = anchor * STRIDE;
  const end = Math.min(i + STRIDE, table.size);
  const steps = table.steps;
  for (let j = i + 1; j < end; j++) {
    const code = steps[j]!;
    let nextLo = keyLo + LOW[code]!;
    let nextHi = keyHi + HIGH[code]!;
    if (nextLo >= TWO_32) {
      const carry = Math.floor(nextLo / TWO_32);
      nextLo -= carry * TWO_32;
      nextHi += carry;
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
