/**
 * Starts reading the core knowledge files (classify/knowledge.ts CORE_FILES) as soon as the
 * listeners are registered, so the browser reads them while the rest of the worker bundle
 * (database library, public-suffix list, pipeline: 20-40 ms measured in Chromium) is still
 * being evaluated, instead of after.
 * The worker imports this module right after early-capture; it imports nothing heavy itself
 * (file names only), so the reads start before the heavy modules run.
 */
import { OWNERS_FILE, PROVENANCE_FILE } from '../classify/owners-format.js';
import { readPackagedFile } from '../shared/browser.js';
import { WORKER_MARKS } from './worker-marks.js';

export type PrefetchedReads = Map<string, Promise<ArrayBuffer>>;

function prefetch(): PrefetchedReads {
  performance.mark(WORKER_MARKS.loadStart);
  const reads: PrefetchedReads = new Map();
  for (const file of [OWNERS_FILE, PROVENANCE_FILE]) {
    const read = readPackagedFile(`knowledge/${file}`);
    read.catch(() => undefined); // reported by the loader that awaits it, not as unhandled here
    reads.set(file, read);
  }
  return reads;
}

export const prefetched: PrefetchedReads = prefetch();
