import type { Classifier } from './classifier.js';
import { refreshedHostRow } from './cloaking.js';
import type { UpstreamDb } from './db.js';
import { refreshRollupsReferring } from './visit-rollups.js';

const CHUNK = 500;

/**
 * Brings stored verdicts up to the current knowledge. Request rows, visits and roll-ups
 * refer to hosts and IPs by id, so updating these two small tables re-classifies every
 * stored request at once. Runs in small transactions: `step` lets the caller interleave
 * capture batches between chunks. Returns how many rows changed.
 */
export async function reclassify(db: UpstreamDb, classifier: Classifier, step: <T>(work: () => Promise<T>) => Promise<T>): Promise<number> {
  let changed = 0;
  const changedHosts = new Set<number>();
  const changedIps = new Set<number>();
  for (;;) {
    const done = await step(() =>
      db.transaction('rw', db.hosts, async () => {
        const stale = await db.hosts
          .filter((row) => row.kv !== classifier.version)
          .limit(CHUNK)
          .toArray();
        const fresh = stale.map((row) => refreshedHostRow(row, classifier));
        fresh.forEach((row, i) => verdictChanged(stale[i]!, row) && changedHosts.add(row.id!));
        await db.hosts.bulkPut(fresh);
        return stale.length;
      }),
    );
    changed += done;
    if (done < CHUNK) break;
  }
  for (;;) {
    const done = await step(() =>
      db.transaction('rw', db.ips, async () => {
        const stale = await db.ips
          .filter((row) => row.kv !== classifier.version)
          .limit(CHUNK)
          .toArray();
        const fresh = stale.map((row) => ({ ...row, ...classifier.ip(row.a), kv: classifier.version }));
        fresh.forEach((row, i) => verdictChanged(stale[i]!, row) && changedIps.add(row.id!));
        await db.ips.bulkPut(fresh);
        return stale.length;
      }),
    );
    changed += done;
    if (done < CHUNK) break;
  }
  // The hour roll-ups counted visits with the old verdicts: rebuild those that refer to a changed one.
  await refreshRollupsReferring(db, changedHosts, changedIps, step);
  return changed;
}

/** True when anything but the version stamp differs. */
function verdictChanged(before: object, after: object): boolean {
  const strip = (row: object) => JSON.stringify({ ...row, kv: undefined });
  return strip(before) !== strip(after);
}
