import type { Classifier } from './classifier.js';
import type { UpstreamDb } from './db.js';

const CHUNK = 500;

/**
 * Brings stored verdicts up to the current knowledge. Request rows, visits and roll-ups
 * refer to hosts and IPs by id, so updating these two small tables re-classifies every
 * stored request at once. Runs in small transactions: `step` lets the caller interleave
 * capture batches between chunks. Returns how many rows changed.
 */
export async function reclassify(db: UpstreamDb, classifier: Classifier, step: <T>(work: () => Promise<T>) => Promise<T>): Promise<number> {
  let changed = 0;
  for (;;) {
    const done = await step(() =>
      db.transaction('rw', db.hosts, async () => {
        const stale = await db.hosts.filter((row) => row.kv !== classifier.version).limit(CHUNK).toArray();
        await db.hosts.bulkPut(stale.map((row) => ({ ...row, ...classifier.host(row.n), kv: classifier.version })));
        return stale.length;
      }),
    );
    changed += done;
    if (done < CHUNK) break;
  }
  for (;;) {
    const done = await step(() =>
      db.transaction('rw', db.ips, async () => {
        const stale = await db.ips.filter((row) => row.kv !== classifier.version).limit(CHUNK).toArray();
        await db.ips.bulkPut(stale.map((row) => ({ ...row, ...classifier.ip(row.a), kv: classifier.version })));
        return stale.length;
      }),
    );
    changed += done;
    if (done < CHUNK) break;
  }
  return changed;
}
