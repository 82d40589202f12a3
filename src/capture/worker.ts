/**
 * Entry point of the background worker (Chrome service worker, Firefox event page).
 * `early-capture` comes first on purpose (after a timing mark that costs microseconds):
 * it registers the listeners, synchronously and before the heavy modules below are
 * evaluated (see its comment).
 */
import './start-mark.js';
import { journal, whenEvent } from './early-capture.js';
import { onMessage } from '../shared/browser.js';
import { openDb } from '../store/db.js';
import { handleCommand } from './commands.js';
import { loadClassifier } from './knowledge-loader.js';
import { Pipeline } from './pipeline.js';
import { scheduleMaintenance } from './maintenance.js';
import { SettingsCache } from './settings-cache.js';
import type { Classifier } from '../store/classifier.js';
import { WORKER_MARKS } from './worker-marks.js';

const db = openDb();
const settings = new SettingsCache();
// The knowledge loads when the first batch needs it, not while the worker starts.
let classifier: Promise<Classifier> | null = null;
const knowledge = () => (classifier ??= loadClassifier());
const pipeline = new Pipeline({ db, journal, classifier: knowledge, settings: () => settings.get() });

// Commands change or wipe the record: only the extension's own pages may send them.
onMessage((message, sender) => (sender.fromExtension ? handleCommand(message, { db, pipeline, journal, settings }) : undefined));
// Each event schedules a flush; the first flush also stores what an earlier worker left.
whenEvent(() => pipeline.scheduleFlush());
pipeline.scheduleFlush();
scheduleMaintenance({ db, pipeline, settings: () => settings.get(), classifier: knowledge });
performance.mark(WORKER_MARKS.evaluated);
