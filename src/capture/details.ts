/**
 * Readers for fields of browser event `details`, which are untrusted input: each returns a
 * well-typed value or a fallback and never throws, whatever the object holds.
 */
import { isPlausibleFrame, isPlausibleTime } from '../store/plausible.js';
import { recordedUrl } from '../store/url-parts.js';

export type Details = Record<string, unknown>;

export { MAX_URL_LENGTH } from '../store/url-parts.js';

export function text(value: unknown, max = 256): string | null {
  return typeof value === 'string' && value.length > 0 ? value.slice(0, max) : null;
}

/**
 * A URL from the browser or a page, as the record may hold it: without user:password@ and at
 * most MAX_URL_LENGTH long (store/url-parts.ts, recordedUrl: the same rule applies to imports).
 * Firefox reports credentials in `url`, `documentUrl`, `originUrl` and `frameAncestors` of the
 * page's own requests, Chrome in the main frame's `url` and a redirect's `redirectUrl`; they
 * must never be kept in the session journal either.
 */
export function urlText(value: unknown): string | null {
  const url = text(value, Infinity);
  return url === null ? null : recordedUrl(url);
}

export function integer(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : fallback;
}

/** A frame id, or -1 (none) for what no browser gives (store/plausible.ts: imports are held to the same range). */
export function frameOf(value: unknown): number {
  return typeof value === 'number' && isPlausibleFrame(value) ? value : -1;
}

/** Browser times the record would not believe (store/plausible.ts) are replaced by the clock's now. */
export function timeOf(details: Details): number {
  const now = Date.now();
  const t = details.timeStamp;
  return typeof t === 'number' && isPlausibleTime(t, now) ? t : now;
}

export function isDetails(details: unknown): details is Details {
  return details !== null && typeof details === 'object' && !Array.isArray(details);
}

/**
 * The top-level document URL as Firefox reports it: `documentUrl` for the main frame,
 * the outermost of `frameAncestors` for frames. Chrome has neither (it gives `initiator`,
 * an origin, and `documentId`), so this is null there.
 */
export function topUrlOf(details: Details): string | null {
  const ancestors = details.frameAncestors;
  if (Array.isArray(ancestors) && ancestors.length > 0) {
    const outermost: unknown = ancestors[ancestors.length - 1];
    if (isDetails(outermost)) return urlText(outermost.url);
  }
  if (integer(details.frameId, -1) === 0 && details.type !== 'main_frame') return urlText(details.documentUrl);
  return null;
}

/** Value of the first header called `name` (case-insensitive) in a webRequest header list. */
export function headerValue(headers: unknown, name: string): string | null {
  if (!Array.isArray(headers)) return null;
  for (const header of headers) {
    if (isDetails(header) && typeof header.name === 'string' && header.name.toLowerCase() === name) {
      return typeof header.value === 'string' ? header.value : '';
    }
  }
  return null;
}
