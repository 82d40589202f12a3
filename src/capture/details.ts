/**
 * Readers for fields of browser event `details`, which are untrusted input: each returns a
 * well-typed value or a fallback and never throws, whatever the object holds.
 */
export type Details = Record<string, unknown>;

/** Longest URL kept; anything longer is cut so one hostile request cannot bloat memory or the store. */
export const MAX_URL_LENGTH = 4096;

export function text(value: unknown, max = 256): string | null {
  return typeof value === 'string' && value.length > 0 ? value.slice(0, max) : null;
}

/**
 * A URL from the browser or a page, without user:password@ and at most MAX_URL_LENGTH long.
 * Both browsers let a top-level navigation carry credentials (Basic-auth routers, intranets) and
 * report them as given: Firefox in `url`, `documentUrl`, `originUrl` and `frameAncestors` of the
 * page's own requests, Chrome in the main frame's `url` and a redirect's `redirectUrl`. They
 * must never be stored, nor kept in the session journal. Cut after stripping, so a long
 * userinfo cannot be cut before its `@` and kept in part. Up to the last `@` before the path,
 * as the URL Standard parses an authority.
 */
export function urlText(value: unknown): string | null {
  const url = text(value, Infinity);
  return url === null ? null : url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#\\]*@/i, '$1').slice(0, MAX_URL_LENGTH) || null;
}

export function integer(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : fallback;
}

/** Browser times before 2000 or more than a day ahead are not believed: the clock says now. */
const EARLIEST = Date.UTC(2000, 0, 1);
const DAY_MS = 24 * 60 * 60_000;

export function timeOf(details: Details): number {
  const now = Date.now();
  const t = details.timeStamp;
  return typeof t === 'number' && Number.isFinite(t) && t >= EARLIEST && t <= now + DAY_MS ? t : now;
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
