/**
 * Trackers behind a site's own name, in the stored record (docs/cname-uncloaking.md). Both
 * findings live on the host's row, which every request, daily row and roll-up refers to by id:
 * an attribution that comes after the host's requests were stored re-attributes all of them
 * at once, and every figure reads the same verdict.
 */
import type { Classifier } from './classifier.js';
import { hostRowOf } from './classifier.js';
import type { UpstreamDb } from './db.js';
import { FLAGS, type HostRow, type IpRow, type RequestRow } from './schema.js';
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
function noteTrackerNetwork(host: HostRow, ip: IpRow | undefined, thirdParty: boolean): boolean {
  if (thirdParty || host.cloaked || !ip?.operatorTracks || !ip.operator) return false;
  if (host.company === ip.operator || host.parent === ip.operator || host.trackerNetwork === ip.operator) return false;
  host.trackerNetwork = ip.operator;
  return true;
}

/**
 * What a batch's requests tell of their hosts (the capture's batch writer): the pages' own
 * hosts whose DNS alias is worth asking (the page's registrable domain, no alias stored yet),
 * and the hosts the network flag was just set on (noteTrackerNetwork).
 */
export class OwnHostFindings {
  readonly askAlias = new Set<string>();
  /** a request of the batch went through a proxy that resolves names itself: nothing is to be asked locally */
  proxiedDns = false;
  private readonly flagged: HostRow[] = [];

  /** A request just made into `row`, to `host`, served from `ip`, on a page of `pageSite`; `proxyDns`: through a proxy that resolves names. */
  note(row: RequestRow, host: HostRow, ip: IpRow | undefined, pageSite: string | null, proxyDns: boolean): void {
    if (proxyDns) this.proxiedDns = true;
    const thirdParty = (row.b & FLAGS.thirdParty) !== 0;
    if (!thirdParty && pageSite !== null && host.d === pageSite && host.cname === undefined) this.askAlias.add(host.n);
    if (noteTrackerNetwork(host, ip, thirdParty)) this.flagged.push(host);
  }

  /** Writes the flags set: only that field, as the rest of a cached row may be older than the stored one. */
  store(db: UpstreamDb): Promise<unknown> | undefined {
    if (this.flagged.length === 0) return undefined;
    return Promise.all(this.flagged.map((host) => db.hosts.update(host.id!, { trackerNetwork: host.trackerNetwork })));
  }
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
