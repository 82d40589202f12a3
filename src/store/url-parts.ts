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
