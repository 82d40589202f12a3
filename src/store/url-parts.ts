import { MAX_PATH, SCHEMES, code } from './schema.js';

export interface UrlParts {
  scheme: number;
  host: string;
  path: string;
  /** query and fragment, '' when none */
  rest: string;
  cleartext: boolean;
}

/**
 * Splits a request URL into what is stored. Hosts are lower-cased punycode, IPv6 literals
 * keep their brackets. Returns null for what is not a URL at all.
 */
export function urlParts(url: string): UrlParts | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const scheme = parsed.protocol.slice(0, -1);
  const rest = parsed.search + parsed.hash;
  const path = parsed.protocol === 'data:' ? '' : parsed.pathname.slice(0, MAX_PATH);
  return { scheme: code(SCHEMES, scheme), host: parsed.hostname, path, rest, cleartext: scheme === 'http' || scheme === 'ws' };
}

/** Longest URL kept; anything longer is cut so one hostile request or file cannot bloat memory or the store. */
export const MAX_URL_LENGTH = 4096;

/**
 * The URL without user:password@. Both browsers let a top-level navigation carry credentials
 * (Basic-auth routers, intranets) and report them as given; they must never be stored,
 * whether the URL came from the browser or from an imported file. Up to the last `@` before
 * the path, as the URL Standard parses an authority.
 */
export function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#\\]*@/i, '$1');
}

/**
 * A URL as the record may hold it: without credentials, at most MAX_URL_LENGTH long (cut
 * after stripping, so a long userinfo cannot be cut before its `@` and kept in part).
 * Null when nothing is left.
 */
export function recordedUrl(url: string): string | null {
  return withoutCredentials(url).slice(0, MAX_URL_LENGTH) || null;
}

/** Whether a page visit can be of this URL: a web page (http or https) with a host. Browsers report navigations of nothing else. */
export function isWebPage(url: string): boolean {
  const parts = urlParts(url);
  return parts !== null && parts.host !== '' && (parts.scheme === code(SCHEMES, 'https') || parts.scheme === code(SCHEMES, 'http'));
}

/** Schemes of the requests the browsers report with a host: what a request row can be of. */
export const REQUEST_SCHEMES: readonly string[] = ['https', 'http', 'wss', 'ws', 'ftp'];

/** The URL without query string and fragment, unless the user chose to keep them. */
export function storedUrl(url: string, keepQuery: boolean): string {
  if (keepQuery) return url;
  const cut = url.search(/[?#]/);
  return cut < 0 ? url : url.slice(0, cut);
}

/** Local calendar day of a time, as YYYY-MM-DD. */
export function dayOf(time: number): string {
  const d = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** urlParts, each URL parsed once (a batch reads the same URL's parts at every step of its work). */
export function memoUrlParts(): (url: string) => UrlParts | null {
  const parsed = new Map<string, UrlParts | null>();
  return (url) => {
    let parts = parsed.get(url);
    if (parts === undefined) parsed.set(url, (parts = urlParts(url)));
    return parts;
  };
}
