/**
 * A store for unit tests, in Node over fake-indexeddb (the spec file imports
 * 'fake-indexeddb/auto' first): a fresh database, settings with no site excluded, the
 * capture pipeline over a database with a storage.session stand-in for its journal, and the
 * request rows read back as records.
 */
import { Journal } from '../../../src/capture/journal.js';
import { Pipeline } from '../../../src/capture/pipeline.js';
import { UpstreamDb } from '../../../src/store/db.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/store/settings.js';
import { domainOnlyClassifier } from '../../../src/store/domain-only-classifier.js';
import { decodeHost, decodeRequest, decodeVisit, lookups } from '../../../src/store/decode.js';
import { dailyFacts } from '../../../src/store/rows-to-facts.js';
import type { StorageArea } from '../../../src/shared/browser.js';

/** The default settings with no site excluded, changed by `over`. */
export const settings = (over: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, excludedSites: [], ...over });

let dbs = 0;
/** A database of its own, named `${prefix}-${pid}-${n}`. */
export const freshDb = (prefix: string) => new UpstreamDb(`${prefix}-${process.pid}-${++dbs}`);

/** The pipeline as the worker builds it (domain-only classifier, default settings), journaling to `area`. */
export function pipelineOver<Area extends StorageArea>(db: UpstreamDb, area: Area) {
  const journal = new Journal(area);
  const pipeline = new Pipeline({ db, journal, classifier: async () => domainOnlyClassifier, settings: async () => settings() });
  return { area, journal, pipeline };
}

/** Every request row, decoded as the reports read it. */
export async function records(db: UpstreamDb) {
  const refs = lookups(await db.hosts.toArray(), await db.ips.toArray(), await db.visits.toArray());
  return (await db.requests.toArray()).map((row) => decodeRequest(row, refs));
}

/** Every visit row, decoded. */
export async function visitRecords(db: UpstreamDb) {
  return (await db.visits.toArray()).map(decodeVisit);
}

/** Every host row, decoded. */
export async function hostRecords(db: UpstreamDb) {
  return (await db.hosts.toArray()).map(decodeHost);
}

/** Every daily row (requests per day, page site and host), decoded. */
export async function dailyRecords(db: UpstreamDb) {
  return (await db.daily.toArray()).map(dailyFacts);
}
