/**
 * Visit roll-ups are derived data: whatever happens to one (a damaged row, a row in a
 * format this version does not read, such as the plain-object hours stored by the first
 * builds of schema 3 before they became JSON strings), it can be built again from the page
 * visits. Readers skip a row that does not decode; the worker rebuilds it (here, at each
 * maintenance round, and in the capture batch that touches it: visit-rollups.ts).
 */
import type { UpstreamDb } from './db.js';
import { GRAINS } from './rollup-grains.js';
import { tryDecodeRollup } from './visit-rollup.js';

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
