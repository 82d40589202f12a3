/**
 * Entry point of the background worker (Chrome service worker, Firefox event page).
 * Listeners are registered synchronously at the top level: an MV3 worker woken by an
 * event only delivers it to listeners that exist by the end of the first turn.
 */
import { extensionOrigin, onWebRequest, type RawRequestDetails } from '../shared/browser.js';
import type { Outcome } from '../shared/types.js';
import { isOwnRequest, toObservation } from './observation.js';
import { openDb } from '../store/db.js';
import { BatchWriter } from '../store/writer.js';

const ownOrigin = extensionOrigin();
const writer = new BatchWriter(openDb());

function record(outcome: Outcome) {
  return (details: RawRequestDetails): void => {
    try {
      const observation = toObservation(details, outcome);
      if (observation && !isOwnRequest(observation, ownOrigin)) writer.add(observation);
    } catch (error) {
      // A single odd event must never stop capture.
      console.error('Upstream: could not record a request', error);
    }
  };
}

onWebRequest('onCompleted', record('completed'));
onWebRequest('onBeforeRedirect', record('redirected'));
onWebRequest('onErrorOccurred', record('failed'));
