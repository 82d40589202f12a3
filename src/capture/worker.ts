/**
 * Entry point of the background worker (Chrome service worker, Firefox event page).
 * Listeners are registered synchronously at the top level: a worker woken by an event
 * only delivers it to listeners that exist by the end of its first turn.
 */
import { extensionOrigin, onMessage, sessionArea } from '../shared/browser.js';
import { openDb } from '../store/db.js';
import { handleCommand } from './commands.js';
import { Journal } from './journal.js';
import { loadClassifier } from './knowledge-loader.js';
import { registerListeners } from './listeners.js';
import { Pipeline } from './pipeline.js';
import { scheduleMaintenance } from './maintenance.js';
import { SettingsCache } from './settings-cache.js';

const db = openDb();
const journal = new Journal(sessionArea);
const settings = new SettingsCache();
const classifier = loadClassifier();
const pipeline = new Pipeline({ db, journal, classifier: () => classifier, settings: () => settings.get() });

registerListeners(extensionOrigin(), (event) => pipeline.push(event));
onMessage((message) => handleCommand(message, { db, pipeline, journal, settings }));

// Store whatever an earlier instance of the worker left in the journal.
void pipeline.flush();
scheduleMaintenance({ db, pipeline, settings: () => settings.get(), classifier: () => classifier });
