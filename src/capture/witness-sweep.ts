/**
 * Reads, from every open tab, the part of each frame's own list of what it loaded that falls
 * in the gap before this worker (witness-reconcile.ts): what webRequest may not have told.
 * Runs once per worker start, not per page: in the common case (a worker woken after an
 * idle stop) every frame answers with an empty list.
 */
import { openTabs, runInFrames, sessionArea } from '../shared/browser.js';
import type { CaptureEvent } from '../shared/types.js';
import { FACTS, readWitness, WITNESS_LIST, WITNESS_READ_MAX } from './witness-page.js';
import { toWitnessReport } from './witness-report.js';
import { SLACK_MS, sweepSince, type WitnessState } from './witness-reconcile.js';

/** Returns how many frames reported at least one entry. */
async function sweepTabs(since: number, until: number, capture: (event: CaptureEvent) => unknown): Promise<number> {
  const tabs = (await openTabs()).filter((tab) => tab.url === null || /^https?:/i.test(tab.url));
  const read = { since, until, list: WITNESS_LIST, max: WITNESS_READ_MAX, facts: FACTS };
  const perTab = await Promise.all(
    tabs.map(async (tab) => {
      let reported = 0;
      for (const frame of await runInFrames(tab.id, readWitness, read)) {
        const witness = toWitnessReport(frame.result, tab.id, frame.frameId);
        if (!witness || (witness.entries.length === 0 && !witness.navigation)) continue;
        capture({ kind: 'witness', witness, time: Date.now() });
        reported++;
      }
      return reported;
    }),
  );
  return perTab.reduce((a, b) => a + b, 0);
}

export interface StartSweepDeps {
  /** settles once this worker's start is journaled (its gaps are known only from it) */
  started: Promise<unknown>;
  /** the stored witness state, read between batches */
  witnessState: () => Promise<WitnessState>;
  /** stores what waits (this worker's start, what earlier workers left) */
  flush: () => Promise<void>;
  capture: (event: CaptureEvent) => unknown;
}

/**
 * After a worker starts: once its start and what earlier workers journaled are stored (so the
 * gaps are known and their requests are matched against what was stored), and once the slack
 * after its own readiness has passed, reads the gaps not read yet from every tab.
 */
export async function sweepAfterStart(deps: StartSweepDeps): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, SLACK_MS));
  // Journaled after a look at the session area, which a browser busy starting answers late.
  await deps.started;
  await deps.flush();
  const gapsFrom = sweepSince(await deps.witnessState());
  if (gapsFrom === null) return;
  const since = Math.max(gapsFrom, await wipedAt());
  const until = Date.now();
  await sweepTabs(since, until, deps.capture);
  deps.capture({ kind: 'swept', until, time: Date.now() });
}

/**
 * What the user wiped must not come back from the pages' own lists: a wipe empties the
 * capture state too, so the next worker would take its start for a profile's first and read
 * the minute before it. The moment is kept in the session area (a wiped database holds
 * nothing at all), which outlives the worker; after a browser restart every page is a new load.
 */
const WIPED_AT = 'witness:wiped-at';

export async function noteWipe(time: number): Promise<void> {
  await sessionArea.set({ [WIPED_AT]: time });
}

async function wipedAt(): Promise<number> {
  const value = (await sessionArea.get(WIPED_AT))[WIPED_AT];
  return typeof value === 'number' && Number.isFinite(value) ? value : -Infinity;
}
