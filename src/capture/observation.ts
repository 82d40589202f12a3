import type { Observation, Outcome } from '../shared/types.js';
import type { RawRequestDetails } from '../shared/browser.js';

/** Longest URL kept; anything longer is cut so one hostile request cannot bloat the store. */
export const MAX_URL_LENGTH = 4096;

function text(value: unknown, max = 256): string | null {
  return typeof value === 'string' && value.length > 0 ? value.slice(0, max) : null;
}

function integer(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) ? value : fallback;
}

/**
 * Chrome reports the sender as `initiator` (an origin); Firefox has no `initiator` and gives
 * `documentUrl` (the frame's document) and `originUrl` (whatever caused the load).
 * See https://bugzilla.mozilla.org/show_bug.cgi?id=1470537.
 */
function initiatorOf(details: RawRequestDetails): string | null {
  return text(details.initiator, MAX_URL_LENGTH) ?? text(details.documentUrl, MAX_URL_LENGTH) ?? text(details.originUrl, MAX_URL_LENGTH);
}

/**
 * Turns one webRequest `details` object from either browser into an Observation.
 * Returns null for anything that is not a request worth recording (no id, no URL).
 * Never throws: `details` is untrusted input.
 */
export function toObservation(details: RawRequestDetails, outcome: Outcome): Observation | null {
  if (details === null || typeof details !== 'object') return null;
  const requestId = text(details.requestId, 64);
  const url = text(details.url, MAX_URL_LENGTH);
  if (!requestId || !url) return null;
  const time = typeof details.timeStamp === 'number' && Number.isFinite(details.timeStamp) ? details.timeStamp : Date.now();
  return {
    requestId,
    time,
    url,
    method: text(details.method, 16) ?? 'GET',
    type: text(details.type, 32) ?? 'other',
    tabId: integer(details.tabId, -1),
    frameId: integer(details.frameId, -1),
    parentFrameId: integer(details.parentFrameId, -1),
    initiator: initiatorOf(details),
    outcome,
    statusCode: outcome === 'failed' ? null : integer(details.statusCode, 0) || null,
    ip: text(details.ip, 64),
    fromCache: details.fromCache === true,
    redirectUrl: outcome === 'redirected' ? text(details.redirectUrl, MAX_URL_LENGTH) : null,
    error: outcome === 'failed' ? text(details.error, 256) : null,
  };
}

/** True for requests made by this extension itself, or by the browser's own pages. */
export function isOwnRequest(observation: Observation, ownOrigin: string): boolean {
  return (
    observation.url.startsWith(ownOrigin) ||
    (observation.initiator !== null && observation.initiator.startsWith(ownOrigin))
  );
}
