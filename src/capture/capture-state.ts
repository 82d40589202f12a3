import { emptyPageState, forgetVisits, type PageState } from './page-context.js';
import type { UpstreamDb } from '../store/db.js';

/**
 * Everything ingestion needs to carry from one batch to the next, stored in the same
 * transaction as the rows it produced, so that rows and state can never disagree.
 */
export interface CaptureState {
  pages: PageState;
  /** worker instance → highest journal seq stored, and when (to forget old workers) */
  drained: Record<string, [number, number]>;
}

const KEY = 'capture';

export function emptyCaptureState(): CaptureState {
  return { pages: emptyPageState(), drained: {} };
}

export async function loadCaptureState(db: UpstreamDb): Promise<CaptureState> {
  const row = await db.meta.get(KEY);
  const value = row?.value as CaptureState | undefined;
  return value && typeof value === 'object' && value.pages && value.drained ? value : emptyCaptureState();
}

export async function saveCaptureState(db: UpstreamDb, state: CaptureState, now: number): Promise<void> {
  for (const [worker, [, time]] of Object.entries(state.drained)) if (now - time > 24 * 60 * 60_000) delete state.drained[worker];
  await db.meta.put({ key: KEY, value: state });
}

/** Removes deleted visits from the stored capture state. */
export async function forgetCapturedVisits(db: UpstreamDb, visitIds: ReadonlySet<number>): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const state = await loadCaptureState(db);
    forgetVisits(state.pages, visitIds);
    await saveCaptureState(db, state, Date.now());
  });
}
