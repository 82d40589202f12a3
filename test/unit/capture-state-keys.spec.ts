/**
 * The capture state's maps (worker → journal seqs stored, worker → span, tab → pages) are
 * keyed by ids read back from the journal and the store: an id named like an Object.prototype
 * member is an ordinary key, and the state keeps it across batches.
 */
import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import { ingest } from '../../src/capture/ingest.js';
import { loadCaptureState } from '../../src/capture/capture-state.js';
import { domainOnlyClassifier } from '../../src/store/domain-only-classifier.js';
import { Interner } from '../../src/store/interner.js';
import { JournalWriter } from './helpers/journal.js';
import { freshDb, records, settings } from './helpers/test-store.js';
import { PROTOTYPE_NAMES } from './helpers/prototype-names.js';

const T = Date.UTC(2026, 10, 20, 9);

test('journal entries of workers whose ids are Object.prototype names are stored once, and a second reading adds nothing', async () => {
  const db = freshDb('state-keys');
  const batches = PROTOTYPE_NAMES.map((worker, i) => {
    const j = new JournalWriter(worker);
    j.navigate(`https://site-${i}.example/`, 1 + i, T + i * 60_000);
    j.request({ url: `https://cdn-${i}.example/a.js`, tabId: 1 + i, time: T + i * 60_000 + 10 });
    return j.take();
  });
  for (const [i, entries] of batches.entries()) {
    expect(await ingest(db, entries, domainOnlyClassifier, settings(), new Interner())).toEqual({ stored: 2, skipped: 0, duplicates: 0 });
    // The newest worker's span is kept (older ones are pruned once their gap is read).
    expect(Object.keys((await loadCaptureState(db)).witness.workers)).toContain(PROTOTYPE_NAMES[i]);
  }
  // The same journal read again (a worker stopped before releasing it): every entry is known.
  for (const entries of batches)
    expect(await ingest(db, entries, domainOnlyClassifier, settings(), new Interner())).toEqual({ stored: 0, skipped: 0, duplicates: 3 });
  expect((await records(db)).map((r) => r.pageUrl)).toEqual(
    PROTOTYPE_NAMES.flatMap((_, i) => [`https://site-${i}.example/`, `https://site-${i}.example/`]),
  );
  const state = await loadCaptureState(db);
  expect(Object.keys(state.drained).sort()).toEqual([...PROTOTYPE_NAMES].sort());
});
