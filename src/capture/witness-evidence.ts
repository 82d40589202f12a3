/**
 * What a page's Resource Timing entry shows of how its request was answered, and so whether
 * it may be recorded. Pure.
 *
 * A page's list also holds answers that never left the browser: its service worker's own
 * answers (`new Response()`, its Cache Storage), the HTTP cache, requests that failed before
 * anything was sent (an entry of zeros, in both browsers), and whatever a script makes its
 * own worker answer on purpose. Measured in Chromium 156 and Firefox ESR 153, read from a
 * content script, for cross-origin answers with and without Timing-Allow-Origin
 * (docs/capture-reliability.md):
 * - Chromium: `workerStart` > 0 exactly when the page's service worker handled the fetch; a
 *   byte count (`transferSize` > 0) only where Timing-Allow-Origin allows it, and then it
 *   means the network (a 304 included); without it the network, the HTTP cache and a failure
 *   give the same entry.
 * - Firefox: a content script sees entries unredacted: `transferSize` > 0 exactly when an
 *   answer came from the network; 0 for the HTTP cache, a service worker or a failure.
 *   It has no `deliveryType`, and `workerStart` stays 0.
 */
import { FACTS } from './witness-page.js';

/**
 * `network`: recorded as a request that reached its receiver. `unverified`: recorded as the
 * page's attempt, reaching nobody as far as anyone can tell. `never`: not recorded.
 */
export type Evidence = 'network' | 'unverified' | 'never';

export function evidenceOf(facts: number): Evidence {
  if (facts & FACTS.worker) return 'never';
  if (facts & FACTS.transfer) return 'network';
  if (facts & FACTS.cache) return 'never';
  // No deliveryType: Firefox, whose zero byte count means the answer did not come from the network.
  if (!(facts & FACTS.deliveryKnown)) return 'never';
  return 'unverified';
}

/** The evidence a recovered request carries (its row's detail, shown in exports). */
export function evidenceText(facts: number): string {
  return evidenceOf(facts) === 'network'
    ? "recovered from the page's Resource Timing list: bytes came over the network, no service worker"
    : "recovered from the page's Resource Timing list, unverified: no service worker, but the entry cannot tell the network from the HTTP cache or a failure (no Timing-Allow-Origin)";
}
