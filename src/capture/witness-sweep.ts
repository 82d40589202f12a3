/**
 * Reads, from every open tab, the part of each frame's own list of what it loaded that falls
 * in the gap before this worker (witness-reconcile.ts): what webRequest may not have told.
 * Runs once per worker start, not per page: in the common case (a worker woken after an
 * idle stop) every frame answers with an empty list.
 */
import { openTabs, runInFrames } from '../shared/browser.js';
import type { CaptureEvent } from '../shared/types.js';
import { FACTS, readWitness, WITNESS_LIST, WITNESS_READ_MAX } from './witness-page.js';
import { toWitnessReport } from './witness-report.js';
import { SLACK_MS, sweepSince, type WitnessState } from './witness-reconcile.js';

/** Returns how many frames reported at least one entry. */
export async function sweepTabs(since: number, until: number, capture: (event: CaptureEvent) => unknown): Promise<number> {
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
  await deps.flush();
  const since = sweepSince(await deps.witnessState());
  if (since === null) return;
  const until = Date.now();
  await sweepTabs(since, until, deps.capture);
  deps.capture({ kind: 'swept', until, time: Date.now() });
}
