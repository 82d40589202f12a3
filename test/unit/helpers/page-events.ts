/**
 * Observations and navigation starts for the page-context specs: every field as capture
 * hands it on, with what the test names changed. Request ids and times count up.
 */
import type { NavigationStart, Observation } from '../../../src/shared/types.js';

let ids = 0;

/** A completed request of tab 1's top frame (a script from cdn.example), with `over` applied. */
export function req(over: Partial<Observation>): Observation {
  return {
    requestId: String(++ids),
    time: 1000 + ids,
    url: 'https://cdn.example/x.js',
    method: 'GET',
    type: 'script',
    tabId: 1,
    frameId: 0,
    parentFrameId: -1,
    initiator: null,
    topUrl: null,
    documentId: null,
    documentLifecycle: null,
    frameType: null,
    outcome: 'completed',
    statusCode: 200,
    ip: null,
    fromCache: false,
    redirectUrl: null,
    error: null,
    cookies: null,
    referrer: null,
    ...over,
  };
}

/** A top-level response of tab 1 starting (a.example), with `over` applied. */
export function nav(over: Partial<NavigationStart>): NavigationStart {
  return {
    requestId: String(++ids),
    time: 1000 + ids,
    url: 'https://a.example/',
    tabId: 1,
    frameId: 0,
    statusCode: 200,
    documentLifecycle: null,
    commits: true,
    ...over,
  };
}
