/**
 * Content script (every frame, at document idle): keeps the page's own list of what it
 * loaded (Resource Timing) inside the page, and sends nothing.
 *
 * Why: Chrome hands webRequest events to the worker and forgets them; when it stops the
 * worker, the events queued in it are lost, and an extension that starts after a page
 * began loading (a browser restoring its tabs, a fresh install) never hears of that page's
 * first requests. The page's own list is a second witness of the same requests. The worker
 * reads it only when it knows it may have missed something (witness-sweep.ts): a new worker
 * instance reads the part of every tab's list that falls in the gap before it. So a page
 * pays for one observer that appends entries to an array, and no message, no copy, no
 * journal write per request.
 *
 * The list is kept here rather than read from the browser's buffer because that buffer
 * stops at 250 entries by default (https://w3c.github.io/resource-timing/#dfn-resource-timing-buffer-size-limit);
 * `buffered: true` hands over what the buffer held before this script ran.
 */
import { WITNESS_KEPT, WITNESS_LIST } from './witness-page.js';

try {
  const kept: PerformanceEntry[] = [];
  (globalThis as Record<string, unknown>)[WITNESS_LIST] = kept;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) kept.push(entry);
    // A page that loads without end (a feed, a poller) keeps only its newest entries.
    if (kept.length > WITNESS_KEPT) kept.splice(0, kept.length - WITNESS_KEPT);
  }).observe({ type: 'resource', buffered: true });
} catch {
  // No Resource Timing here (a sandboxed frame): the worker reads the browser's own buffer, if any.
}
