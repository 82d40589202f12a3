import type { StoredRollup, VisitRollupRow } from './visit-rollup.js';

/** Buckets kept per table: the current hour or day, and the one before it. */
const KEEP = 4;

/**
 * Roll-up rows as this worker last wrote them, decoded. Every capture batch updates the
 * current hour and day, and a busy hour's row is hundreds of kilobytes of JSON: parsing it
 * again for each batch cost more than the rest of the batch (docs/measurements.md). A row is taken from here only when the stored string is the
 * one this worker wrote (anything else that changed it, a forget, retention, a rebuild, or
 * a batch rolled back, makes them differ), and taking it removes it, so a batch that fails
 * after changing it cannot leave a changed row behind.
 */
class RollupCache {
  private readonly tables = new WeakMap<object, Map<number, { j: string; row: VisitRollupRow }>>();

  /** The stored row, decoded: from the cache when it is the one written here, else by `decode`. */
  take<T extends VisitRollupRow | null>(table: object, stored: StoredRollup, decode: (stored: StoredRollup) => T): VisitRollupRow | T {
    const rows = this.tables.get(table);
    const cached = rows?.get(stored.h);
    if (!cached) return decode(stored);
    rows!.delete(stored.h);
    return cached.j === stored.j ? cached.row : decode(stored);
  }

  /** After the row was written as `stored` (the transaction may still fail: then the strings differ). */
  remember(table: object, stored: StoredRollup, row: VisitRollupRow): void {
    let rows = this.tables.get(table);
    if (!rows) this.tables.set(table, (rows = new Map()));
    rows.set(stored.h, { j: stored.j, row });
    for (const h of rows.keys()) if (rows.size > KEEP) rows.delete(h);
  }
}

export const rollupCache = new RollupCache();
