/**
 * Turns the rows of an IP range file (inclusive start/end, possibly overlapping) into
 * flat segments: sorted starts that cover the whole address space, each value holding
 * until the next start. Pure and build-time only; unit tested on hand-made rows.
 *
 * Addresses are bigints so one resolver serves IPv4 and IPv6 (128-bit).
 */

export interface IpRange<T> {
  readonly start: bigint;
  /** Inclusive, as in the source CSV files. */
  readonly end: bigint;
  readonly value: T;
}

export interface IpSegment<T> {
  readonly start: bigint;
  /** null: no row covers these addresses (an explicit "no data" segment). */
  readonly value: T | null;
}

const compare = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Most specific wins: each address takes the value of the narrowest row covering it,
 * because the source files list a wide block (an RIR allocation) and then the narrower
 * exceptions inside it (geofeeds, reassignments). Two rows of equal width covering the
 * same address: the one listed first in the file wins (the data holds three such exact
 * duplicates with different countries; the rule only has to be stable).
 *
 * The result starts at 0, has no two neighbours with the same value (values compared
 * with ===, so callers intern them to primitives first), and covers up to maxAddress.
 */
export function resolveRanges<T>(rows: readonly IpRange<T>[], maxAddress: bigint): IpSegment<T>[] {
  const width: bigint[] = new Array<bigint>(rows.length);
  rows.forEach((row, i) => {
    if (row.start < 0n || row.start > row.end || row.end > maxAddress) {
      throw new Error(`IP range row ${i}: invalid range ${row.start}-${row.end}`);
    }
    width[i] = row.end - row.start;
  });
  const byStart = rows.map((_, i) => i);
  if (!isSortedByStart(rows)) byStart.sort((a, b) => compare(rows[a]!.start, rows[b]!.start) || a - b);

  // Every place where the winner can change: a row starts, or a row has just ended.
  const points: bigint[] = [];
  for (const row of rows) {
    points.push(row.start);
    if (row.end < maxAddress) points.push(row.end + 1n);
  }
  points.sort(compare);

  const heap = new RowHeap((a, b) => compare(width[a]!, width[b]!) || a - b);
  const out: IpSegment<T>[] = [];
  let next = 0;
  let previous: bigint | null = null;
  for (const point of points) {
    if (point === previous) continue;
    previous = point;
    while (next < byStart.length && rows[byStart[next]!]!.start === point) heap.push(byStart[next++]!);
    // Lazy removal: an ended row only matters once it reaches the top.
    while (heap.size > 0 && rows[heap.top()]!.end < point) heap.pop();
    const value = heap.size > 0 ? rows[heap.top()]!.value : null;
    if (out.length === 0 || out[out.length - 1]!.value !== value) out.push({ start: point, value });
  }
  if (out.length === 0 || out[0]!.start !== 0n) out.unshift({ start: 0n, value: null });
  return out;
}

export interface BlockTable<T> {
  /** Segments keyed on the block number (address >> lowBits). */
  readonly blocks: IpSegment<T>[];
  /** Full-address segments for every block whose value is `split`, each block listed from its first address. */
  readonly exceptions: IpSegment<T>[];
}

/**
 * Re-keys segments on blocks of 2^lowBits addresses (IPv6: /64, lowBits = 64). A block
 * holding one value becomes one block entry; a block cut into pieces gets the marker
 * `split` and all its pieces go to `exceptions`, starting with the block's first
 * address, so a search there never needs to look outside the block.
 */
export function splitIntoBlocks<T>(segments: readonly IpSegment<T>[], lowBits: bigint, maxBlock: bigint, split: T): BlockTable<T> {
  const mask = (1n << lowBits) - 1n;
  const blocks: IpSegment<T>[] = [];
  const exceptions: IpSegment<T>[] = [];
  const put = (start: bigint, value: T | null): void => {
    if (blocks.length === 0 || blocks[blocks.length - 1]!.value !== value) blocks.push({ start, value });
  };
  for (let i = 0; i < segments.length;) {
    const first = segments[i]!;
    const block = first.start >> lowBits;
    let j = i + 1;
    while (j < segments.length && segments[j]!.start >> lowBits === block) j++;
    const aligned = (first.start & mask) === 0n;
    if (aligned && j === i + 1) {
      put(block, first.value);
    } else {
      put(block, split);
      if (!aligned) {
        if (i === 0) throw new Error('segments must start at address 0');
        exceptions.push({ start: block << lowBits, value: segments[i - 1]!.value });
      }
      for (let k = i; k < j; k++) exceptions.push(segments[k]!);
      // The last piece runs on into the following blocks until the next segment starts.
      const nextBlock = block + 1n;
      if (nextBlock <= maxBlock && (j === segments.length || segments[j]!.start >> lowBits > nextBlock)) {
        put(nextBlock, segments[j - 1]!.value);
      }
    }
    i = j;
  }
  return { blocks, exceptions };
}

function isSortedByStart(rows: readonly IpRange<unknown>[]): boolean {
  for (let i = 1; i < rows.length; i++) if (rows[i - 1]!.start > rows[i]!.start) return false;
  return true;
}

/** Binary min-heap of row indices; small and local because nothing else needs one. */
class RowHeap {
  private readonly items: number[] = [];
  private readonly before: (a: number, b: number) => number;
  constructor(before: (a: number, b: number) => number) {
    this.before = before;
  }
  get size(): number {
    return this.items.length;
  }
  top(): number {
    return this.items[0]!;
  }
  push(item: number): void {
    const items = this.items;
    let i = items.push(item) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.before(items[parent]!, item) <= 0) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = item;
  }
  pop(): void {
    const items = this.items;
    const last = items.pop()!;
    if (items.length === 0) return;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= items.length) break;
      if (child + 1 < items.length && this.before(items[child + 1]!, items[child]!) < 0) child++;
      if (this.before(last, items[child]!) <= 0) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
  }
}
