/**
 * A slow, obviously-correct reference for the IP tables, read straight from the CSV
 * files: for an address, look at every row containing it and take the narrowest (the
 * first listed on a tie). It shares no code with the sweep-line resolver it checks.
 */
import path from 'node:path';
import { readCsv } from '../../../src/knowledge/ip-csv.js';
import { root } from './ip-knowledge.js';

export interface Row {
  readonly start: bigint;
  readonly end: bigint;
  readonly value: string;
  readonly index: number;
}

export class RangeOracle {
  readonly rows: readonly Row[];
  /**
   * Largest end over each node's rows, as a binary tree over the rows in start order
   * (node 1 is the root, the leaves from `leaves` on): a query visits only the subtrees
   * holding a row that reaches the address, so an address under a wide row does not scan
   * the thousands of narrow rows inside it (IPv6 geofeeds inside RIR blocks).
   */
  private readonly maxEnd: bigint[];
  private readonly leaves: number;

  constructor(rows: Row[]) {
    this.rows = [...rows].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.index - b.index));
    let leaves = 1;
    while (leaves < this.rows.length) leaves *= 2;
    this.leaves = leaves;
    this.maxEnd = new Array<bigint>(2 * leaves).fill(-1n);
    this.rows.forEach((row, i) => (this.maxEnd[leaves + i] = row.end));
    for (let node = leaves - 1; node >= 1; node--) {
      const [left, right] = [this.maxEnd[2 * node]!, this.maxEnd[2 * node + 1]!];
      this.maxEnd[node] = left > right ? left : right;
    }
  }

  /** Every row containing `address`: rows starting at or before it whose end reaches it. */
  containing(address: bigint): Row[] {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.rows[mid]!.start <= address) lo = mid + 1;
      else hi = mid;
    }
    const found: Row[] = [];
    // Node n covers rows [first, first + size); only rows before `lo` start at or before the address.
    const visit = (node: number, first: number, size: number): void => {
      if (first >= lo || this.maxEnd[node]! < address) return;
      if (size === 1) {
        found.push(this.rows[first]!);
        return;
      }
      visit(2 * node, first, size / 2);
      visit(2 * node + 1, first + size / 2, size / 2);
    };
    visit(1, 0, this.leaves);
    return found;
  }

  valueAt(address: bigint): string | null {
    let best: Row | null = null;
    for (const row of this.containing(address)) {
      const width = row.end - row.start;
      const bestWidth = best ? best.end - best.start : -1n;
      if (!best || width < bestWidth || (width === bestWidth && row.index < best.index)) best = row;
    }
    return best ? best.value : null;
  }
}

const cache = new Map<string, Promise<RangeOracle>>();

/** Rows of one ip-location-db CSV; `value` is the country code, or the AS number for ASN files. */
export function oracle(pkg: string, file: string): Promise<RangeOracle> {
  const key = `${pkg}/${file}`;
  let found = cache.get(key);
  if (!found) {
    found = readCsv(path.join(root, 'node_modules', pkg, file)).then(
      (lines) =>
        new RangeOracle(
          lines.map(({ fields }, index) => ({ start: BigInt(fields[0]!), end: BigInt(fields[1]!), value: fields[2]!, index })),
        ),
    );
    cache.set(key, found);
  }
  return found;
}

export function formatV4(address: bigint | number): string {
  const n = Number(address);
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Full, uncompressed IPv6 text (eight groups). */
export function formatV6(address: bigint): string {
  const groups: string[] = [];
  for (let g = 7; g >= 0; g--) groups.push(((address >> BigInt(16 * g)) & 0xffffn).toString(16));
  return groups.join(':');
}

/** The same address the way RFC 5952 writes it (longest run of zero groups as `::`). */
export function compressV6(address: bigint): string {
  const groups = formatV6(address).split(':');
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  if (bestStart < 0) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLength).join(':')}`;
}
