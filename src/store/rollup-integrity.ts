/**
 * Visit roll-ups are derived data: whatever happens to one (a damaged row, a row in a
 * format this version does not read, such as the plain-object hours stored by the first
 * builds of schema 3 before they became JSON strings), it can be built again from the page
 * visits. Readers skip a row that does not decode; the worker rebuilds it (here, at each
 * maintenance round, and in the capture batch that touches it: visit-rollups.ts).
 */
import type { UpstreamDb } from './db.js';
import { GRAINS } from './rollup-grains.js';
import { decodeRollup, type VisitRollupRow } from './visit-rollup.js';

const isCount = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const isCounts = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every(isCount);

/** The row's figures, or null when it is not a roll-up this version wrote. Never throws. */
export function tryDecodeRollup(stored: unknown): VisitRollupRow | null {
  if (!stored || typeof stored !== 'object') return null;
  const { h, j } = stored as { h?: unknown; j?: unknown };
  if (!isCount(h) || typeof j !== 'string') return null;
  let packed: Record<string, unknown>;
  try {
    packed = JSON.parse(j) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!packed || typeof packed !== 'object') return null;
  const { c, s, o } = packed;
  if (!Array.isArray(c) || c.length !== 7 || !c.every(isCount)) return null;
  if (!Array.isArray(s) || !s.every((site) => Array.isArray(site) && typeof site[0] === 'string' && isCount(site[1]))) return null;
  if (!Array.isArray(o) || !o.every((observer) => Array.isArray(observer) && observer.length === 7 && typeof observer[0] === 'string' && Array.isArray(observer[5]) && Array.isArray(observer[6]))) return null;
  if (![packed.hi, packed.co, packed.ju, packed.g].every(isCounts)) return null;
  try {
    // Observers refer to sites by position: one pointing past the list throws here.
    return decodeRollup(stored as { h: number; j: string });
  } catch {
    return null;
  }
}

export interface BrokenRollup {
  table: 'hours' | 'days';
  /** the row's key, whatever it is */
  h: unknown;
}

/** Every roll-up row that does not decode, or does not start where its grain's buckets start. */
export async function findBrokenRollups(db: UpstreamDb): Promise<{ checked: number; broken: BrokenRollup[] }> {
  let checked = 0;
  const broken: BrokenRollup[] = [];
  for (const grain of GRAINS) {
    await db[grain.table].each((row: unknown) => {
      checked++;
      const decoded = tryDecodeRollup(row);
      if (!decoded || grain.start(decoded.h) !== decoded.h) broken.push({ table: grain.table, h: (row as { h?: unknown })?.h });
    });
  }
  return { checked, broken };
}
