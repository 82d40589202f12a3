/**
 * What the file's browser found out about its hosts and this store does not know: the name a
 * host is a DNS alias of (Firefox asks its DNS; Chrome cannot), and a site's own host served
 * from a tracker's network (docs/cname-uncloaking.md). Adopted only where this store has no
 * finding of its own for the host, so a file never overrides what this browser saw; the
 * verdict that follows is this browser's classifier's (the file's "cloaked" is not trusted).
 */
import type { Classifier } from '../classifier.js';
import { refreshedHostRow } from '../cloaking.js';
import type { UpstreamDb } from '../db.js';
import type { Interner } from '../interner.js';
import type { HostRow } from '../schema.js';
import type { ExportFile } from './export-format.js';
import { recordedHost } from './import-rows.js';

/**
 * Stores the findings on the interned host rows (inside the import's transaction) and returns
 * the ids of hosts whose verdict changed: the roll-ups of the visits that loaded them are then
 * rebuilt (visit-rollups.ts, refreshRollupsReferring).
 */
export async function adoptHostFindings(
  db: UpstreamDb,
  file: ExportFile,
  nameOf: ReadonlyMap<number, string>,
  classifier: Classifier,
  interner: Interner,
): Promise<Set<number>> {
  const changed: HostRow[] = [];
  const verdictChanged = new Set<number>();
  for (const host of file.hosts) {
    const row = interner.host(nameOf.get(host.id) ?? '');
    if (!row?.id) continue;
    let touched = false;
    const alias = host.canonicalName ? recordedHost(host.canonicalName) : null;
    if (alias && alias !== row.n && row.cname === undefined) {
      const fresh = refreshedHostRow({ ...row, cname: alias }, classifier);
      if (fresh.cloaked !== row.cloaked || fresh.company !== row.company) verdictChanged.add(row.id);
      delete row.cloaked;
      Object.assign(row, fresh);
      touched = true;
    }
    if (host.trackerNetwork && !row.trackerNetwork) {
      row.trackerNetwork = host.trackerNetwork;
      touched = true;
    }
    if (touched) changed.push(row);
  }
  if (changed.length) await db.hosts.bulkPut(changed);
  return verdictChanged;
}
