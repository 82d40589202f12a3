/**
 * Trackers behind a site's own name, in the stored record (docs/cname-uncloaking.md). Both
 * findings live on the host's row, which every request, daily row and roll-up refers to by id:
 * an attribution that comes after the host's requests were stored re-attributes all of them
 * at once, and every figure reads the same verdict.
 */
import type { Classifier } from './classifier.js';
import { hostRowOf } from './classifier.js';
import type { UpstreamDb } from './db.js';
import type { HostRow, IpRow } from './schema.js';
import { refreshRollupsReferring } from './visit-rollups.js';

/**
 * A host row with the classifier's current verdict, its canonical name taken into account.
 * `cloaked` is dropped first: a verdict that no longer finds the tracker says so by leaving it out.
 */
export function refreshedHostRow(row: HostRow, classifier: Classifier): HostRow {
  const { cloaked: _earlier, ...rest } = row;
  return { ...rest, ...hostRowOf(row.n, classifier.version, classifier.host(row.n, row.cname)) };
}

/**
 * Notes, on a host a page loaded as its own, that a company that only tracks operates the
 * network its server stood in. True when the row changed (the caller stores the change).
 * A host of that same company, or one already attributed to a tracker, needs no flag.
 */
export function noteTrackerNetwork(host: HostRow, ip: IpRow | undefined, thirdParty: boolean): boolean {
  if (thirdParty || host.cloaked || !ip?.operatorTracks || !ip.operator) return false;
  if (host.company === ip.operator || host.parent === ip.operator || host.trackerNetwork === ip.operator) return false;
  host.trackerNetwork = ip.operator;
  return true;
}

/**
 * Stores what the browser's DNS said `name` is an alias of, and the verdict that follows.
 * The roll-ups of the visits that loaded the host are rebuilt when the verdict changed.
 * Returns whether anything changed. `step` runs each transaction (the worker queues them
 * between capture batches).
 */
export async function storeCanonicalName(
  db: UpstreamDb,
  classifier: Classifier,
  name: string,
  canonicalName: string,
  step: <T>(work: () => Promise<T>) => Promise<T>,
): Promise<boolean> {
  const changed = await step(() =>
    db.transaction('rw', db.hosts, async () => {
      const row = await db.hosts.where('n').equals(name).first();
      if (!row || row.cname === canonicalName) return null;
      const fresh = refreshedHostRow({ ...row, cname: canonicalName }, classifier);
      await db.hosts.put(fresh);
      return { id: row.id!, verdictChanged: fresh.cloaked !== row.cloaked || fresh.company !== row.company };
    }),
  );
  if (changed === null) return false;
  if (changed.verdictChanged) await refreshRollupsReferring(db, new Set([changed.id]), new Set(), step);
  return true;
}
