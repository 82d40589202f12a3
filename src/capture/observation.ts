import type { HeaderFlags, NavigationStart, Observation, Outcome } from '../shared/types.js';
import { edgeOfHeaders, edgeText } from '../classify/edge-headers.js';
import { frameOf, headerValue, integer, isDetails, text, timeOf, topUrlOf, urlText, type Details } from './details.js';

export { MAX_URL_LENGTH } from './details.js';

/**
 * Chrome reports the sender as `initiator` (an origin); Firefox has no `initiator` and gives
 * `documentUrl` (the frame's document) and `originUrl` (whatever caused the load).
 * See https://bugzilla.mozilla.org/show_bug.cgi?id=1470537.
 */
function initiatorOf(details: Details): string | null {
  return urlText(details.initiator) ?? urlText(details.documentUrl) ?? urlText(details.originUrl);
}

/**
 * Turns one webRequest `details` object from either browser into an Observation.
 * Returns null for anything that is not a request worth recording (no id, no URL).
 * Never throws: `details` is untrusted input.
 */
export function toObservation(details: unknown, outcome: Outcome): Observation | null {
  if (!isDetails(details)) return null;
  const requestId = text(details.requestId, 64);
  const url = urlText(details.url);
  if (!requestId || !url) return null;
  const type = text(details.type, 32) ?? 'other';
  const observation: Observation = {
    requestId,
    time: timeOf(details),
    url,
    method: text(details.method, 16) ?? 'GET',
    // A page's prefetch of a page is a request of that page, not a navigation of its tab.
    type: type === 'main_frame' && isSpeculative(details) ? 'speculative' : type,
    tabId: integer(details.tabId, -1),
    frameId: frameOf(details.frameId),
    parentFrameId: frameOf(details.parentFrameId),
    initiator: initiatorOf(details),
    topUrl: topUrlOf(details),
    documentId: text(details.documentId, 64),
    documentLifecycle: text(details.documentLifecycle, 32),
    frameType: text(details.frameType, 32),
    outcome,
    statusCode: outcome === 'failed' ? null : integer(details.statusCode, 0) || null,
    ip: text(details.ip, 64),
    fromCache: details.fromCache === true,
    ...(proxiesDns(details) ? { proxyDns: true as const } : {}),
    redirectUrl: outcome === 'redirected' ? urlText(details.redirectUrl) : null,
    error: outcome === 'failed' ? text(details.error, 256) : null,
    cookies: null,
    referrer: null,
  };
  const edge = outcome === 'failed' ? null : edgeOfHeaders(details.responseHeaders);
  if (edge !== null) observation.edge = edgeText(edge);
  return observation;
}

/** Firefox's proxy details say the proxy resolves the name (uBlock Origin skips its DNS lookups for these too). */
function proxiesDns(details: Details): boolean {
  const proxy = details.proxyInfo;
  return typeof proxy === 'object' && proxy !== null && (proxy as Record<string, unknown>).proxyDNS === true;
}

/**
 * A main-frame request that a document already in the tab made: Chrome names the document
 * making a request (`documentId`), and a navigation's own request has none (its document
 * does not exist yet). Pages ask for such requests with Speculation Rules (WordPress and
 * others prefetch links on hover or press), and Chrome falls back to a prefetch when it
 * cannot prerender: reported as `main_frame` in frameId 0 of the tab, with the prefetching
 * page's documentId and no initiator (seen in Chromium 156, headless). The tab stays on its
 * page; if the person follows the link, the navigation sends its own request.
 * https://developer.chrome.com/docs/web-platform/prerender-pages
 */
function isSpeculative(details: Details): boolean {
  return typeof details.documentId === 'string' && details.documentId !== '' && details.documentLifecycle !== 'prerender';
}

/**
 * Whether a browser shows a main-frame response of this type in the tab; it saves the others
 * as downloads, and the tab stays on its page. Webkit and Blink show text, images, media,
 * XML, JSON and PDF, except a few text types they hand to other programs (Chromium's
 * kUnsupportedTextTypes in net/base/mime_util.cc). A missing type is sniffed, so taken as
 * shown. Measured in Chromium 156: `application/octet-stream` without Content-Disposition is
 * saved, with onCompleted like any page, and made a visit nobody saw (test/e2e/tabs-download.spec.ts).
 */
const SHOWN_TYPES =
  /^(?:text\/|image\/|audio\/|video\/|multipart\/x-mixed-replace$|application\/(?:xhtml\+xml|xml|json|pdf|javascript|ecmascript|[\w.-]+\+(?:xml|json))$)/;
const SAVED_TEXT_TYPES =
  /^text\/(?:csv|x-csv|comma-separated-values|tab-separated-values|tsv|calendar|x-calendar|vcalendar|x-vcalendar|vcard|x-vcard|directory|rtf)$/;
function shownInTab(contentType: string): boolean {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === '' || (SHOWN_TYPES.test(type) && !SAVED_TEXT_TYPES.test(type));
}

/**
 * A main-frame response has started. Downloads (`Content-Disposition: attachment`, or a type
 * the browser does not show) and 204/205 answers leave the tab on its current page, so they
 * start no visit.
 */
export function toNavigationStart(details: unknown): NavigationStart | null {
  if (!isDetails(details) || isSpeculative(details)) return null;
  const requestId = text(details.requestId, 64);
  const url = urlText(details.url);
  if (!requestId || !url) return null;
  const statusCode = integer(details.statusCode, 0) || null;
  const disposition = headerValue(details.responseHeaders, 'content-disposition') ?? '';
  const contentType = headerValue(details.responseHeaders, 'content-type') ?? '';
  return {
    requestId,
    time: timeOf(details),
    url,
    tabId: integer(details.tabId, -1),
    frameId: integer(details.frameId, 0),
    statusCode,
    documentLifecycle: text(details.documentLifecycle, 32),
    commits: statusCode !== 204 && statusCode !== 205 && !/^\s*attachment/i.test(disposition) && shownInTab(contentType),
  };
}

/**
 * A redirect the browser made by itself, before anything was sent: an upgrade to HTTPS (HSTS,
 * HTTPS-Only and HTTPS-First modes, mixed content), another extension's redirect, a hand-over
 * to a page's service worker. Chrome reports it as "307 Internal Redirect"; Firefox with no
 * status at all, a server's redirect always having one (seen in Chromium 156 and Firefox ESR:
 * test/e2e/capture-internal-redirects.spec.ts; https://github.com/keithclark/gadebugger/pull/32,
 * https://github.com/microsoft/playwright/pull/7391). The address it leaves reached nobody:
 * recorded, each upgraded `http:` image counted as a request sent in clear text.
 */
export function isInternalRedirect(details: unknown): boolean {
  // A server's answer comes from an address; the browser's own redirect from none.
  if (!isDetails(details) || text(details.ip) !== null) return false;
  if (!integer(details.statusCode, 0)) return true;
  return typeof details.statusLine === 'string' && /\b307 Internal Redirect\b/i.test(details.statusLine);
}

/**
 * Firefox hands a request a page's service worker may answer to that worker by an internal
 * redirect of the request to itself, then reports the worker's answer, if it went to the
 * network, as the same request (seen in Firefox ESR with test/fixtures/sites/app.example; the
 * same hand-over in https://github.com/microsoft/playwright/pull/2594). For a navigation that
 * is all Firefox tells of a page its worker answers from its cache, so it starts the visit
 * (Chrome tells nothing: page-context.ts, unseenPage).
 */
export function serviceWorkerNavigation(observation: Observation): NavigationStart | null {
  if (observation.type !== 'main_frame' || observation.redirectUrl !== observation.url) return null;
  const { requestId, time, url, tabId, frameId } = observation;
  return { requestId, time, url, tabId, frameId, statusCode: null, documentLifecycle: null, commits: true };
}

/** Whether the request carried a Cookie and a Referer header. */
export function toHeaderFlags(details: unknown): HeaderFlags | null {
  if (!isDetails(details)) return null;
  const requestId = text(details.requestId, 64);
  if (!requestId || !Array.isArray(details.requestHeaders)) return null;
  // One pass over the headers (this runs for every request the browser sends): the first
  // Cookie and the first Referer, each counted only when not empty, as headerValue would.
  let cookies: boolean | null = null;
  let referrer: boolean | null = null;
  for (const header of details.requestHeaders) {
    if (!isDetails(header) || typeof header.name !== 'string') continue;
    const length = header.name.length;
    if (length !== 6 && length !== 7) continue;
    const name = header.name.toLowerCase();
    if (name === 'cookie' && cookies === null) cookies = typeof header.value === 'string' && header.value !== '';
    else if (name === 'referer' && referrer === null) referrer = typeof header.value === 'string' && header.value !== '';
    if (cookies !== null && referrer !== null) break;
  }
  return { requestId, cookies: cookies === true, referrer: referrer === true, sent: timeOf(details) };
}

/** True for requests made by this extension itself (its pages, its files, its worker). */
export function isOwnRequest(observation: { url: string; initiator: string | null }, ownOrigin: string): boolean {
  return observation.url.startsWith(ownOrigin) || (observation.initiator !== null && observation.initiator.startsWith(ownOrigin));
}

/**
 * A failure that never reached the network. Chromium first asks its cache alone for some
 * resources (web fonts, "cache-aware" loading; `only-if-cached` fetches) and reports a miss
 * as a failed request with net::ERR_CACHE_MISS before sending the real one under a new id:
 * recorded, each web font would count twice, once as a failure nobody received.
 */
export function neverLeftTheBrowser(observation: { outcome: Outcome; error: string | null }): boolean {
  return observation.outcome === 'failed' && observation.error === 'net::ERR_CACHE_MISS';
}

/** Firefox marks requests from private windows; they are never recorded. */
export function isPrivate(details: unknown): boolean {
  return isDetails(details) && details.incognito === true;
}
