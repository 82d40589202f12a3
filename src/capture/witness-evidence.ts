/**
 * Whether a page's Resource Timing entry shows that its request went to the network, and
 * what a recovered request says about it. Pure.
 *
 * A page's list also holds answers that never left the browser: its service worker's own
 * answers (`new Response()`, its Cache Storage), the HTTP cache, a script fetching what its
 * worker makes up on purpose. Recovering those would record receivers the browser never
 * contacted, so an entry counts only when:
 * - no service worker was in the path: the frame had no controlling worker and the entry's
 *   `workerStart` is 0 (a worker's answer and its fetch to the network look alike from the
 *   page; the worker's own fetches are webRequest events of their own);
 * - it did not come from a cache: `deliveryType` is "" (Chromium: "cache" for the HTTP
 *   cache, https://w3c.github.io/resource-timing/#dom-performanceresourcetiming-deliverytype);
 * - and something positive says it went out: bytes transferred, or a protocol, or (where
 *   neither is exposed, a cross-origin answer without Timing-Allow-Origin) the browser's
 *   own word that it was not delivered from a cache.
 */
import { FACTS } from './witness-page.js';

export function wentToNetwork(facts: number): boolean {
  if (facts & (FACTS.worker | FACTS.controlled | FACTS.cache)) return false;
  return (facts & (FACTS.transfer | FACTS.protocol | FACTS.deliveryKnown)) !== 0;
}

/** The evidence a recovered request carries (its row's detail, shown in exports). */
export function evidenceText(facts: number): string {
  const said: string[] = [];
  if (facts & FACTS.transfer) said.push('bytes transferred');
  if (facts & FACTS.protocol) said.push('protocol named');
  if (facts & FACTS.deliveryKnown) said.push('not delivered from a cache');
  said.push('no service worker');
  return `recovered from the page's Resource Timing: ${said.join(', ')}`;
}
