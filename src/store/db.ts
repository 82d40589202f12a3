import Dexie, { RangeSet, type DexieOptions, type EntityTable, type ObservabilitySet, type Table } from 'dexie';
import type { DailyIpRow, DailyRow, HostRow, IpRow, MetaRow, RequestRow, VisitRow } from './schema.js';
import { encodeRollup, type StoredRollup } from './visit-rollup.js';
import { buildRollups } from './visit-rollup-build.js';
import { DAYS } from './rollup-grains.js';
import { dayOf } from './url-parts.js';

export type { RequestRow, VisitRow, HostRow, IpRow, DailyRow, DailyIpRow, MetaRow } from './schema.js';

const DB_NAME = 'upstream';

/**
 * The schema. Every `version()` stays here for good: Dexie upgrades an old profile by
 * walking them in order, so removing one would strand users on that version.
 */
export class UpstreamDb extends Dexie {
  requests!: EntityTable<RequestRow, 'id'>;
  visits!: Table<VisitRow, number>;
  hosts!: EntityTable<HostRow, 'id'>;
  ips!: EntityTable<IpRow, 'id'>;
  daily!: Table<DailyRow, [string, string, number]>;
  dailyIps!: Table<DailyIpRow, [string, string, number, number]>;
  meta!: Table<MetaRow, string>;
  hours!: Table<StoredRollup, number>;
  days!: Table<StoredRollup, number>;

  constructor(name = DB_NAME, options?: DexieOptions) {
    super(name, options);
    // Requests are found by visit (a page's requests, forgetting a site) and pruned by id,
    // which grows with time, so they need no time index.
    this.version(1).stores({
      requests: '++id, v',
      visits: 'id, t, s',
      hosts: '++id, &n',
      ips: '++id, &a',
      daily: '[day+site+host], day, site',
      dailyIps: '[day+site+ip], day, site',
      meta: 'key',
    });
    // The popup finds the page a tab shows by the tab's newest visit.
    this.version(2).stores({
      visits: 'id, t, s, [tab+t]',
    });
    // Page-visit figures per hour, so reports read a few hundred rows (store/hour-rollup.ts);
    // built once from the visits already stored.
    this.version(3)
      .stores({ hours: 'h' })
      .upgrade(async (tx) => {
        const visits = (await tx.table('visits').toArray()) as VisitRow[];
        const hosts = new Map(((await tx.table('hosts').toArray()) as HostRow[]).map((h) => [h.id!, h]));
        const ips = new Map(((await tx.table('ips').toArray()) as IpRow[]).map((i) => [i.id!, i]));
        await tx.table('hours').bulkPut([...buildRollups(visits, hosts, ips).values()].map(encodeRollup));
      });
    // The same figures per calendar day, so that a week reads 7 rows.
    this.version(4)
      .stores({ days: 'h' })
      .upgrade(async (tx) => {
        const visits = (await tx.table('visits').toArray()) as VisitRow[];
        const hosts = new Map(((await tx.table('hosts').toArray()) as HostRow[]).map((h) => [h.id!, h]));
        const ips = new Map(((await tx.table('ips').toArray()) as IpRow[]).map((i) => [i.id!, i]));
        await tx.table('days').bulkPut([...buildRollups(visits, hosts, ips, DAYS).values()].map(encodeRollup));
      });
    // Server addresses per day gain the host, so that a company's servers can be told from
    // the others' (IndexedDB cannot change a primary key: the table goes, then comes back).
    this.version(5).stores({ dailyIps: null });
    this.version(6)
      .stores({ dailyIps: '[day+site+host+ip], day, site' })
      .upgrade(async (tx) => {
        // Rebuilt from the raw requests still kept; older days lose their server addresses.
        const siteOf = new Map(((await tx.table('visits').toArray()) as VisitRow[]).map((v) => [v.id, v.s]));
        const rows = new Map<string, DailyIpRow>();
        await tx.table('requests').each((r: RequestRow) => {
          if (!r.i) return;
          const site = r.v ? siteOf.get(r.v) : r.ps;
          if (site === undefined) return;
          const day = dayOf(r.t);
          const key = `${day}\u0000${site}\u0000${r.h}\u0000${r.i}`;
          const row = rows.get(key) ?? { day, site, host: r.h, ip: r.i, n: 0 };
          row.n++;
          rows.set(key, row);
        });
        await tx.table('dailyIps').bulkPut([...rows.values()]);
      });
  }
}

let shared: UpstreamDb | null = null;

export function openDb(): UpstreamDb {
  shared ??= new UpstreamDb();
  return shared;
}

/**
 * The background worker's connection. It runs no live query, so it keeps no query cache:
 * Dexie's cache otherwise files every write of every batch against the cached queries.
 * (Live queries in the popup and report pages still hear of its writes.)
 */
export function openWorkerDb(): UpstreamDb {
  shared ??= new UpstreamDb(DB_NAME, { cache: 'disabled' });
  return shared;
}

/**
 * The capture batches' own connection: the same database without Dexie's observability
 * middleware, which files every key and index value of every write of a batch (RangeSets,
 * then a BroadcastChannel message cloning them to every extension page), a cost per page load
 * measured in docs/capture-reliability.md. The pipeline announces each committed batch
 * itself, once (`announceWrites`). Everything else the worker
 * writes (commands, maintenance, repairs) keeps going through `openWorkerDb`, whose writes
 * Dexie announces as before.
 */
let ingestShared: UpstreamDb | null = null;

export function openIngestDb(): UpstreamDb {
  ingestShared ??= unobservedDb(DB_NAME);
  return ingestShared;
}

/** A connection whose writes Dexie does not announce to live queries (see above). */
export function unobservedDb(name: string): UpstreamDb {
  const db = new UpstreamDb(name, { cache: 'disabled' });
  db.unuse({ stack: 'dbcore', name: 'Observability' });
  return db;
}

const announced = new Map<string, ObservabilitySet>();

function wholeTables(db: UpstreamDb, tables: Table[]): ObservabilitySet {
  // What Dexie itself announces for a bulk write of 50 values or more (it then files no keys):
  // the primary key, the deletions and every index of the table, over their full range.
  const parts: ObservabilitySet = {};
  const full = () => new RangeSet(-Infinity, [[]]);
  for (const table of tables) {
    const prefix = `idb://${db.name}/${table.name}/`;
    parts[prefix] = full();
    parts[`${prefix}:dels`] = full();
    for (const index of table.schema.indexes) parts[`${prefix}${index.name}`] = full();
  }
  return parts;
}

/**
 * Tells the extension's pages (their live queries) that these tables changed, as Dexie would
 * have after a transaction on a connection that observes: whole tables rather than the keys
 * written, so a page re-reads what it shows of them, as Dexie already made it do after any
 * batch of 50 requests or more.
 */
export function announceWrites(db: UpstreamDb, tables: Table[]): void {
  const key = `${db.name}/${tables.map((table) => table.name).join()}`;
  let parts = announced.get(key);
  if (!parts) announced.set(key, (parts = wholeTables(db, tables)));
  Dexie.on.storagemutated.fire(parts);
}
