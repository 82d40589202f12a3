/** The stored requests of page visits, found by visit: what the capture reads back and drops (capture/witness-ingest.ts, batch-writer.ts). */
import Dexie from 'dexie';
import type { UpstreamDb } from './db.js';
import { FLAGS } from './schema.js';

/** A stored request, as the capture matches a page's own list against it. */
export interface StoredRequest {
  id: number;
  time: number;
  /** page visit id */
  visit: number;
  /** host id (interner.ts) */
  host: number;
  /** path, without query or fragment */
  path: string;
  /** it reached a known server address */
  addressed: boolean;
  /** recorded from a page's own list rather than from webRequest */
  recovered: boolean;
}

/** The requests stored between `from` and `to` (inclusive) for the last `visits` visits of a tab that started by `to`. */
export async function requestsOfRecentVisits(
  db: UpstreamDb,
  tab: number,
  from: number,
  to: number,
  visits: number,
): Promise<StoredRequest[]> {
  const ids = await db.visits.where('[tab+t]').between([tab, Dexie.minKey], [tab, to], true, true).reverse().limit(visits).primaryKeys();
  if (!ids.length) return [];
  const rows = await db.requests
    .where('v')
    .anyOf(ids as number[])
    .filter((row) => row.t >= from && row.t <= to)
    .toArray();
  return rows.map((row) => ({
    id: row.id!,
    time: row.t,
    visit: row.v,
    host: row.h,
    path: row.p,
    addressed: row.i !== 0,
    recovered: (row.b & FLAGS.recovered) !== 0,
  }));
}

/** Deletes the requests of these visits. */
export async function deleteRequestsOfVisits(db: UpstreamDb, visits: number[]): Promise<void> {
  await db.requests.where('v').anyOf(visits).delete();
}
