/**
 * Junk details as capture events: what the listeners would push to the journal for each
 * generated details object (private and own requests are dropped there), for the capture
 * fuzz tests of the store and the pipeline.
 */
import { isOwnRequest, isPrivate, toNavigationStart, toObservation } from '../../../src/capture/observation.js';
import type { CaptureEvent } from '../../../src/shared/types.js';
import { OUTCOMES, OWN_ORIGIN } from './fuzz-details.js';

/** Turns details into the journal entries the listeners would push (private and own requests are dropped there). */
export function eventsOf(details: unknown[], pick: number[]): CaptureEvent[] {
  const events: CaptureEvent[] = [];
  details.forEach((d, i) => {
    if (isPrivate(d)) return;
    const choice = pick[i % pick.length]! % 6;
    if (choice < 3) {
      const request = toObservation(d, OUTCOMES[choice]!);
      if (request && !isOwnRequest(request, OWN_ORIGIN)) events.push({ kind: 'request', request });
    } else if (choice < 5) {
      const navigation = toNavigationStart(d);
      if (navigation && !navigation.url.startsWith(OWN_ORIGIN)) events.push({ kind: 'navigation', navigation });
    } else {
      const tabId = (d as { tabId?: unknown } | null)?.tabId;
      events.push({ kind: 'tab-closed', tabId: typeof tabId === 'number' && Number.isSafeInteger(tabId) ? tabId : 1, time: Date.now() });
    }
  });
  return events;
}
