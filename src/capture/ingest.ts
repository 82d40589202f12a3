import { closeTab, startNavigation } from './page-context.js';
import type { JournalEntry } from '../shared/types.js';
import { addSeq, hasSeq } from './seq-set.js';
import { noteSwept, noteWorkerEvent, noteWorkerStart } from './witness-reconcile.js';
import type { Classifier } from '../store/classifier.js';
import { loadCaptureState, saveCaptureState } from './capture-state.js';
import type { UpstreamDb } from '../store/db.js';
import type { Interner } from '../store/interner.js';
import type { DailyRowCache } from '../store/daily-cache.js';
import type { Settings } from '../store/settings.js';
import { BatchWriter, type IngestOptions } from './batch-writer.js';

export type { IngestOptions } from './batch-writer.js';

export interface IngestResult {
  stored: number;
  /** dropped on purpose: paused, excluded site, not a network URL */
  skipped: number;
  /** already stored by an earlier batch (a restarted worker re-reading its journal) */
  duplicates: number;
}

/** The tables a capture batch writes, in one transaction. */
export function captureTables(db: UpstreamDb) {
  return [db.requests, db.visits, db.hosts, db.ips, db.daily, db.dailyIps, db.meta, db.hours, db.days];
}

/**
 * Stores a batch of journal entries in one transaction: request rows, page visits,
 * daily rows and visit roll-ups (or their changes, left waiting in the capture state: see
 * IngestOptions), interned hosts and IPs, and the capture state. Either all of it lands
 * or none does, so a batch can be retried safely. `dailyCache`: the daily rows this worker
 * wrote last (daily-cache.ts); the caller commits or clears it once the transaction is over.
 */
export async function ingest(
  db: UpstreamDb,
  entries: JournalEntry[],
  classifier: Classifier,
  settings: Settings,
  interner: Interner,
  dailyCache?: DailyRowCache,
  options: IngestOptions = {},
): Promise<IngestResult> {
  const result: IngestResult = { stored: 0, skipped: 0, duplicates: 0 };
  let firstParty: string[] | null = [];
  let waiting: number | null = null;
  await db.transaction('rw', captureTables(db), async () => {
    const state = await loadCaptureState(db);
    const fresh = entries.filter((entry) => !hasSeq(state.drained[entry.worker]?.[0] ?? [], entry.seq));
    result.duplicates = entries.length - fresh.length;
    const batch = new BatchWriter(db, classifier, settings, interner, state, dailyCache, options);
    for (const entry of fresh) {
      const drained = (state.drained[entry.worker] ??= [[], 0]);
      addSeq(drained[0], entry.seq);
      drained[1] = Date.now();
      const { event } = entry;
      switch (event.kind) {
        case 'request':
          noteWorkerEvent(state.witness, entry.worker, event.request.time);
          batch.request(event.request);
          break;
        case 'navigation':
          noteWorkerEvent(state.witness, entry.worker, event.navigation.time);
          batch.visit(startNavigation(state.pages, event.navigation).visit);
          break;
        case 'witness':
          batch.witness(event.witness);
          break;
        case 'tab-closed':
          closeTab(state.pages, event.tabId, event.time);
          break;
        case 'worker-start':
          noteWorkerStart(state.witness, entry.worker, event.time, event.ready, event.browserStart === true);
          break;
        case 'swept':
          noteSwept(state.witness, event.until);
          break;
        default: {
          // Every kind has its case (this line fails to compile otherwise); a kind journaled
          // by another version of the extension is skipped rather than misread.
          const _unknownKind: never = event;
        }
      }
    }
    // The state is complete once the batch is read, so it is written with the batch's rows.
    const { stored, skipped, firstPartyHosts } = await batch.commit(() => saveCaptureState(db, state, Date.now()));
    result.stored = stored;
    result.skipped = skipped;
    firstParty = firstPartyHosts;
    waiting = state.agg?.since ?? null;
  });
  options.onAggregates?.(waiting);
  // Told once the transaction committed: the rows a lookup's answer updates are there.
  if (firstParty === null || firstParty.length) options.onFirstPartyHosts?.(firstParty);
  return result;
}
