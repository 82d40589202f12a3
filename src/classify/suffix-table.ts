/**
 * A set of host suffixes as owners.bin stores it (knowledge/owners-binary.ts writes it):
 * the suffixes' bytes and a hash table of their rows that the compiler built, so loading
 * one is taking views on the file (nothing decoded) and a lookup allocates nothing.
 */
import { NONE, SUFFIX_HASH_SEED, suffixHashStep } from './owners-format.js';

export interface SuffixTable {
  /** The suffixes in ASCII, each followed by a newline (the last one excepted). */
  readonly keys: Uint8Array;
  /** Per row, where its suffix starts in `keys`; one more entry marks the end. */
  readonly keyStart: Uint32Array;
  /** Rows by suffixHash of their suffix, linear probing; NONE is an empty slot. */
  readonly slots: Int16Array;
}

export function keyLength(table: SuffixTable, row: number): number {
  return table.keyStart[row + 1]! - table.keyStart[row]! - 1;
}

/** The row whose suffix is host[from, host.length), given that suffix's hash; else NONE. */
function suffixRow(table: SuffixTable, host: string, from: number, hash: number): number {
  const { slots, keys, keyStart } = table;
  const mask = slots.length - 1;
  const length = host.length - from;
  for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
    const row = slots[slot]!;
    if (row === NONE) return NONE;
    const start = keyStart[row]!;
    if (keyStart[row + 1]! - start - 1 !== length) continue;
    let same = true;
    for (let i = 0; i < length && same; i++) same = keys[start + i] === host.charCodeAt(from + i);
    if (same) return row;
  }
}

/**
 * Calls `visit(from, row)` for each suffix of `host` that starts a label, shortest first
 * (the whole host last), with its row or NONE: one right-to-left pass hashes every suffix.
 * Stops early when `visit` returns false.
 */
export function eachSuffix(table: SuffixTable, host: string, visit: (from: number, row: number) => boolean | void): void {
  let hash = SUFFIX_HASH_SEED;
  for (let i = host.length - 1; i >= 0; i--) {
    hash = suffixHashStep(hash, host.charCodeAt(i));
    if ((i === 0 || host.charCodeAt(i - 1) === 46) /* . */ && visit(i, suffixRow(table, host, i, hash >>> 0)) === false) return;
  }
}
