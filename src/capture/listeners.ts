import {
  isInternalRedirect,
  isPrivate,
  isOwnRequest,
  neverLeftTheBrowser,
  serviceWorkerNavigation,
  toHeaderFlags,
  toNavigationStart,
  toObservation,
} from './observation.js';
import { onRequestEnd, onRequestHeaders, onTabClosed, onTopLevelResponse, type RawDetails } from '../shared/browser.js';
import type { CaptureEvent, Outcome } from '../shared/types.js';

/** Requests in flight whose headers were seen; a bound so a flood of odd events cannot grow it for ever. */
const MAX_IN_FLIGHT = 20_000;

/**
 * Registers every capture listener. Each does the least possible while the page loads:
 * copy a few fields, hand them to `push`. Classification and storage happen in batches.
 * A listener never throws: one odd event must not stop capture.
 */
export function registerListeners(ownOrigin: string, push: (event: CaptureEvent) => void): void {
  // Cookie and referrer flags wait here between a request's headers and its end. A worker
  // restarted in between forgets them: the request is then stored with the flags unknown.
  const sentHeaders = new Map<string, [boolean, boolean, number]>();
  const guard = (handle: (details: RawDetails) => void) => (details: RawDetails) => {
    try {
      if (!isPrivate(details)) handle(details);
    } catch (error) {
      console.error('Upstream: could not record an event', error);
    }
  };
  const request = (outcome: Outcome) =>
    guard((details) => {
      const observation = toObservation(details, outcome);
      if (!observation) return;
      if (outcome === 'redirected' && isInternalRedirect(details)) {
        // Not a request of its own: its flags stay for the request it becomes.
        const navigation = serviceWorkerNavigation(observation);
        if (navigation && !isOwnRequest(observation, ownOrigin)) push({ kind: 'navigation', navigation });
        return;
      }
      const flags = sentHeaders.get(observation.requestId);
      // Each hop of a redirect sends its own headers, so the flags go with the hop.
      sentHeaders.delete(observation.requestId);
      if (isOwnRequest(observation, ownOrigin) || neverLeftTheBrowser(observation)) return;
      if (flags) [observation.cookies, observation.referrer, observation.sent] = flags;
      push({ kind: 'request', request: observation });
    });
  onRequestEnd({ completed: request('completed'), redirected: request('redirected'), failed: request('failed') });
  onRequestHeaders(
    guard((details) => {
      const headers = toHeaderFlags(details);
      if (!headers) return;
      if (sentHeaders.size >= MAX_IN_FLIGHT) sentHeaders.delete(sentHeaders.keys().next().value!);
      sentHeaders.set(headers.requestId, [headers.cookies, headers.referrer, headers.sent]);
    }),
  );
  onTopLevelResponse(
    guard((details) => {
      const navigation = toNavigationStart(details);
      if (navigation && !navigation.url.startsWith(ownOrigin)) push({ kind: 'navigation', navigation });
    }),
  );
  onTabClosed((tabId) => push({ kind: 'tab-closed', tabId, time: Date.now() }));
}
