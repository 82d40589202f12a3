import Dexie, { RangeSet, type DexieOptions, type EntityTable, type ObservabilitySet, type Table } from 'dexie';
import type { DailyIpRow, DailyRow, HostRow, IpRow, MetaRow, RequestRow, VisitRow } from './schema.js';
import type { StoredRollup } from './visit-rollup.js';
import { SCHEMA_STEPS } from './migrations.js';

export type { RequestRow, VisitRow, HostRow, IpRow, DailyRow, DailyIpRow, MetaRow } from './schema.js';

const DB_NAME = 'upstream';

/** The database, at the last of its schema steps (migrations.ts). */
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
    for (const step of SCHEMA_STEPS) {
      const version = this.version(step.version).stores(step.stores);
      if (step.upgrade) version.upgrade(step.upgrade);
    }
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
