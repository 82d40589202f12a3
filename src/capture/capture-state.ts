import { dictionary, dictionaryOf, type Dictionary } from '../shared/dictionary.js';
import type { SeqSet } from './seq-set.js';
import { emptyPageState, forgetVisits, type PageState } from './page-context.js';
import { emptyWitnessState, noteSwept, pruneWitnessState, type WitnessState } from './witness-reconcile.js';
import type { UpstreamDb } from '../store/db.js';
import { isPendingAggregates, type PendingAggregates } from './pending-aggregates.js';

/**
 * Everything ingestion needs to carry from one batch to the next, stored in the same
 * transaction as the rows it produced, so that rows and state can never disagree.
 */
export interface CaptureState {
  pages: PageState;
  /** worker instance → [journal seqs already stored, when last stored] (to forget old workers) */
  drained: Dictionary<[SeqSet, number]>;
  /** what the pages' own reports are checked against */
  witness: WitnessState;
  /** changes to the daily rows and visit roll-ups not written yet (pending-aggregates.ts) */
  agg?: PendingAggregates;
}

const KEY = 'capture';

function emptyCaptureState(): CaptureState {
  return { pages: emptyPageState(), drained: dictionary(), witness: emptyWitnessState() };
}

/**
 * IndexedDB hands the state's maps back as plain objects: they become dictionaries again
 * (shared/dictionary.ts), so that no tab, frame, request or worker id meets Object.prototype.
 */
function withDictionaries(state: CaptureState): void {
  const { pages } = state;
  pages.tabs = dictionaryOf(pages.tabs);
  for (const tab of Object.values(pages.tabs)) if (tab) tab.frames = dictionaryOf(tab.frames);
  pages.navigations = dictionaryOf(pages.navigations);
  if (pages.closed) pages.closed = dictionaryOf(pages.closed);
  state.drained = dictionaryOf(state.drained);
  state.witness.workers = dictionaryOf(state.witness.workers);
}

export async function loadCaptureState(db: UpstreamDb): Promise<CaptureState> {
  const row = await db.meta.get(KEY);
  const value = row?.value as CaptureState | undefined;
  if (!value || typeof value !== 'object' || !value.pages || !value.drained) return emptyCaptureState();
  // Before the pages' lists were read on demand, the state also matched every page's report.
  if (!value.witness?.workers) value.witness = emptyWitnessState();
  else
    value.witness = {
      workers: value.witness.workers,
      ...(value.witness.initial ? { initial: value.witness.initial } : {}),
      ...(value.witness.swept !== undefined ? { swept: value.witness.swept } : {}),
      ...(Number.isFinite(value.witness.recovered) ? { recovered: value.witness.recovered } : {}),
    };
  withDictionaries(value);
  // Earlier versions kept a high-water mark per worker: read it as the range 0..mark.
  for (const [worker, [stored, time]] of Object.entries(value.drained)) {
    if (typeof stored === 'number') value.drained[worker] = [[[0, stored]], time];
  }
  if (value.agg !== undefined && !isPendingAggregates(value.agg)) delete value.agg;
  return value;
}

export async function saveCaptureState(db: UpstreamDb, state: CaptureState, now: number): Promise<void> {
  for (const [worker, [, time]] of Object.entries(state.drained)) if (now - time > 24 * 60 * 60_000) delete state.drained[worker];
  pruneWitnessState(state.witness, now);
  await db.meta.put({ key: KEY, value: state });
}

/**
 * Takes `count` page-visit ids from capture's own sequence (imported visits), inside the
 * caller's transaction, so that imported and captured visits never share an id.
 */
export async function reserveVisitIds(db: UpstreamDb, count: number): Promise<number> {
  const state = await loadCaptureState(db);
  const first = state.pages.nextVisitId;
  state.pages.nextVisitId += count;
  await db.meta.put({ key: KEY, value: state });
  return first;
}

/** Removes deleted visits from the stored capture state. */
export async function forgetCapturedVisits(db: UpstreamDb, visitIds: ReadonlySet<number>): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const state = await loadCaptureState(db);
    forgetVisits(state.pages, visitIds);
    noteSwept(state.witness, Date.now());
    await saveCaptureState(db, state, Date.now());
  });
}
