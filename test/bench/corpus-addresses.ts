/**
 * Server addresses for the benchmark corpus: the real address ranges of the autonomous
 * systems a host's operator answers from, read from the ip-location-db package.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Canonical (RFC 5952) text of a 128-bit address, as browsers report `details.ip`. */
export function ipv6Text(value: bigint): string {
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

export interface Ranges {
  v4: [number, number][];
  v6: [bigint, bigint][];
}

/** Address ranges of the wanted autonomous systems, from the ip-location-db package. */
export function readRanges(root: string, wanted: ReadonlySet<number>): Map<number, Ranges> {
  const ranges = new Map<number, Ranges>();
  const dir = path.join(root, 'node_modules', '@ip-location-db', 'asn');
  for (const [file, v6] of [
    ['asn-ipv4-num.csv', false],
    ['asn-ipv6-num.csv', true],
  ] as const) {
    for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      const [start, end, asnText] = line.split(',', 3);
      const asn = Number(asnText);
      if (!wanted.has(asn)) continue;
      let entry = ranges.get(asn);
      if (!entry) ranges.set(asn, (entry = { v4: [], v6: [] }));
      if (v6) entry.v6.push([BigInt(start!), BigInt(end!)]);
      else entry.v4.push([Number(start), Number(end)]);
    }
  }
  return ranges;
}
