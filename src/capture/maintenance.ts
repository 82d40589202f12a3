import type { Classifier } from '../store/classifier.js';
import type { UpstreamDb } from '../store/db.js';
import { reclassify } from '../store/reclassify.js';
import { applyRetention } from '../store/retention.js';
import { repairRollups } from '../store/visit-rollups.js';
import type { Settings } from '../store/settings.js';
import type { Pipeline } from './pipeline.js';

const EVERY_MS = 60 * 60_000;
/** Let the worker's first batches (the events that woke it) go first. */
const FIRST_DELAY_MS = 5_000;

export interface MaintenanceDeps {
  db: UpstreamDb;
  pipeline: Pipeline;
  settings: () => Promise<Settings>;
  classifier: () => Promise<Classifier>;
}

/** Brings stored verdicts up to the classifier `deps.classifier()` resolves with. */
export async function refreshVerdicts(deps: Pick<MaintenanceDeps, 'db' | 'pipeline' | 'classifier'>): Promise<void> {
  const { db, pipeline } = deps;
  const classifier = await deps.classifier();
  const changed = await reclassify(db, classifier, (work) => pipeline.exclusive(work));
  // The interner's cached rows still hold the verdicts just replaced.
  if (changed) pipeline.interner.reset();
}

/** One round: rebuild damaged roll-ups, re-classify what older knowledge classified, then apply retention. */
export async function maintain(deps: MaintenanceDeps): Promise<void> {
  const { db, pipeline } = deps;
  const { rebuilt } = await pipeline.exclusive(() => repairRollups(db));
  if (rebuilt) console.warn(`Upstream: rebuilt ${rebuilt} damaged roll-up rows from the page visits`);
  await refreshVerdicts(deps);
  const settings = await deps.settings();
  await pipeline.exclusive(() => applyRetention(db, settings));
}

/**
 * Background upkeep while the worker lives. Workers are short-lived, so a round also runs
 * shortly after each start; nothing here blocks capture for more than one small transaction.
 */
export function scheduleMaintenance(deps: MaintenanceDeps): void {
  const round = () =>
    maintain(deps)
      .catch((error) => console.error('Upstream: maintenance failed', error))
      .finally(() => setTimeout(round, EVERY_MS));
  setTimeout(round, FIRST_DELAY_MS);
}
