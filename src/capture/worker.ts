/**
 * Entry point of the background worker (Chrome service worker, Firefox event page).
 * `early-capture` comes first on purpose (after a timing mark that costs microseconds):
 * it registers the listeners, synchronously and before the heavy modules below are
 * evaluated (see its comment).
 */
import './start-mark.js';
import { capture, journal, startJournaled, whenEvent } from './early-capture.js';
import { canResolveNames, onMessage, resolveCanonicalName } from '../shared/browser.js';
import { CanonicalNames } from './cname-uncloak.js';
import { storeCanonicalName } from '../store/cloaking.js';
import { openIngestDb, openWorkerDb } from '../store/db.js';
import { handleCommand } from './commands.js';
import { embeddedOwners } from './knowledge-embedded.js';
import { loadClassifier } from './classifier-load.js';
import { AGGREGATE_EVERY_MS, Pipeline } from './pipeline.js';
import { refreshVerdicts, scheduleMaintenance } from './maintenance.js';
import { SettingsCache } from './settings-cache.js';
import { WORKER_MARKS } from './worker-marks.js';
import { sweepAfterStart } from './witness-sweep.js';
import { loadCaptureState } from './capture-state.js';

const db = openWorkerDb();
const settings = new SettingsCache();
// Every start stores at least its own worker-start event, so the knowledge is always needed.
const knowledge = loadClassifier(embeddedOwners);
// Batches go through their own connection, announced by the pipeline itself (store/db.ts,
// openIngestDb); daily rows and roll-ups are written at most every AGGREGATE_EVERY_MS.
const pipeline = new Pipeline({
  db,
  ingestDb: openIngestDb(),
  aggregateEveryMs: AGGREGATE_EVERY_MS,
  journal,
  classifier: () => knowledge.ready,
  settings: () => settings.get(),
  onFirstPartyHosts: (hosts) => canonicalNames?.note(hosts),
});
// Where the browser can tell (Firefox), what pages' own hosts are aliases of: a tracker
// behind a site's name is then counted as the tracker (docs/cname-uncloaking.md).
const canonicalNames = canResolveNames()
  ? new CanonicalNames({
      resolve: resolveCanonicalName,
      store: async (host, canonicalName) => {
        const classifier = await knowledge.complete;
        const step = <T>(work: () => Promise<T>) => pipeline.exclusive(work);
        // The interner's cached row of the host no longer holds its verdict.
        if (await storeCanonicalName(db, classifier, host, canonicalName, step)) await step(async () => pipeline.interner.reset());
      },
    })
  : null;
// Rows stored before the server-country table arrived get their countries now, not at the next round.
const verdictsCompleted = knowledge.complete
  .then((classifier) =>
    classifier.gavePartialVerdicts ? refreshVerdicts({ db, pipeline, classifier: () => knowledge.complete }) : undefined,
  )
  .catch((error: unknown) => console.error('Upstream: could not complete the verdicts stored early', error));

// Commands change or wipe the record: only the extension's own pages may send them.
const domainOf = async (host: string) => (await knowledge.ready).host(host).domain;
onMessage((message, sender) =>
  sender.fromExtension
    ? handleCommand(message, {
        db,
        pipeline,
        journal,
        settings,
        domainOf,
        classifier: () => knowledge.complete,
        verdictsCompleted: () => verdictsCompleted,
        hostsForgotten: () => canonicalNames?.forget(),
      })
    : undefined,
);
// Each event schedules a flush; the first flush also stores what an earlier worker left.
whenEvent(() => pipeline.scheduleFlush());
pipeline.scheduleFlush();
// What this worker may not have heard of (the gap before it) is read from the pages' own lists.
void sweepAfterStart({
  started: startJournaled,
  flush: () => pipeline.flush(),
  witnessState: () => pipeline.exclusive(async () => (await loadCaptureState(db)).witness),
  capture: (event) => void capture(event),
}).catch((error: unknown) => console.error("Upstream: could not read the pages' own lists", error));
scheduleMaintenance({ db, pipeline, settings: () => settings.get(), classifier: () => knowledge.complete });
performance.mark(WORKER_MARKS.evaluated);
