/**
 * Scheme and host of a request URL without `new URL()`: URLs from the browser are already
 * canonical (lower-case scheme and host, punycode, canonical IP literals), and the WHATWG
 * parser costs more than the rest of a classification. Anything unusual (upper case, non-
 * ASCII, IPv6, ports of odd shape, backslashes, percent signs) takes the slow path through
 * `URL`, which is exact, so CLI input and hostile strings get the same answer a browser gives.
 */
import { InvalidUrlError } from './classification.js';

export const SCHEME_OTHER = 0;
const SCHEME_HTTP = 1;
const SCHEME_HTTPS = 2;
const SCHEME_WS = 3;
const SCHEME_WSS = 4;
const SCHEME_FTP = 5;

export interface RequestTarget {
  /** One of the SCHEME_* constants. */
  scheme: number;
  /** Host for network schemes (IPv6 in brackets); null for everything else (data:, blob:, about:…). */
  host: string | null;
}

/**
 * What the scanner found, without cutting the host out of the URL: on the fast path the
 * host is `url.slice(start, end)` and `hash` is its FNV-1a hash, so a memo can be probed
 * without making a string. Otherwise `start` is -1 and `host` holds the host (or null).
 */
export interface UrlScan {
  scheme: number;
  start: number;
  end: number;
  hash: number;
  host: string | null;
}

/** Reused by every call: callers read it at once, so no object is allocated per request. */
const scan: UrlScan = { scheme: SCHEME_OTHER, start: -1, end: -1, hash: 0, host: null };
const target: RequestTarget = { scheme: SCHEME_OTHER, host: null };

const SCHEMES: ReadonlyMap<string, number> = new Map([
  ['http:', SCHEME_HTTP],
  ['https:', SCHEME_HTTPS],
  ['ws:', SCHEME_WS],
  ['wss:', SCHEME_WSS],
  ['ftp:', SCHEME_FTP],
]);

function schemeCode(url: string, colon: number): number {
  // Compare in place rather than slicing: these five are nearly every request.
  const c0 = url.charCodeAt(0);
  if (c0 === 104 /* h */ && url.startsWith('http', 0)) {
    if (colon === 4) return SCHEME_HTTP;
    if (colon === 5 && url.charCodeAt(4) === 115 /* s */) return SCHEME_HTTPS;
  } else if (c0 === 119 /* w */ && url.charCodeAt(1) === 115 /* s */) {
    if (colon === 2) return SCHEME_WS;
    if (colon === 3 && url.charCodeAt(2) === 115) return SCHEME_WSS;
  } else if (colon === 3 && url.startsWith('ftp', 0)) return SCHEME_FTP;
  return SCHEME_OTHER;
}

/** Character classes of the authority scan: one table load per character. */
const PLAIN = 1; // a-z 0-9 - . _ : kept as they are
const STOP = 2; // / ? # : the authority ends
const COLON = 3; // a port follows
const CLASS = new Uint8Array(128);
for (let c = 97; c <= 122; c++) CLASS[c] = PLAIN;
for (let c = 48; c <= 57; c++) CLASS[c] = PLAIN;
for (const c of [45, 46, 95]) CLASS[c] = PLAIN;
for (const c of [47, 63, 35]) CLASS[c] = STOP;
CLASS[58] = COLON;

/** A lower-case scheme made of letters only (the fast path's kind of scheme). */
function plainScheme(url: string, colon: number): boolean {
  if (colon < 1) return false;
  for (let i = 0; i < colon; i++) {
    const c = url.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/**
 * The URL standard's "ends in a number": the last label is all digits, or 0x and hex digits.
 * Such a host is an IPv4 address (or an error), never a name.
 */
function endsInNumber(url: string, start: number, end: number): boolean {
  const dot = url.lastIndexOf('.', end - 1);
  const label = dot < start ? start : dot + 1;
  if (label === end) return false;
  let hex = false;
  let i = label;
  if (end - label >= 2 && url.charCodeAt(label) === 48 && url.charCodeAt(label + 1) === 120 /* x */) {
    hex = true;
    i += 2;
  }
  for (; i < end; i++) {
    const c = url.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    if (!digit && !(hex && c >= 97 && c <= 102)) return false;
  }
  return true;
}

/** Only a canonical dotted quad may take the fast path; 0x7f.1 and 127.1 go through `URL`. */
function canonicalIPv4(url: string, start: number, end: number): boolean {
  let parts = 0;
  let digits = 0;
  let value = 0;
  for (let i = start; i <= end; i++) {
    const c = i === end ? 46 : url.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || value > 255) return false;
      parts++;
      digits = 0;
      value = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && value === 0) return false; // leading zero
      value = value * 10 + (c - 48);
      digits++;
    } else return false;
  }
  return parts === 4;
}

function slowPath(url: string): UrlScan {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidUrlError(url);
  }
  scan.scheme = SCHEMES.get(parsed.protocol) ?? SCHEME_OTHER;
  scan.start = -1;
  if (scan.scheme === SCHEME_OTHER) scan.host = null;
  else if (parsed.hostname === '') throw new InvalidUrlError(url);
  else scan.host = parsed.hostname;
  return scan;
}

function noHost(scheme: number): UrlScan {
  scan.scheme = scheme;
  scan.start = -1;
  scan.host = null;
  return scan;
}

/** The authority of a network URL, from `start`: host range and hash, or the slow path. */
function authority(url: string, scheme: number, start: number): UrlScan {
  const length = url.length;
  let end = start;
  let hash = 0x811c9dc5 | 0;
  let label = start; // where the last label starts, for the ends-in-a-number rule
  for (; end < length; end++) {
    const c = url.charCodeAt(end);
    const kind = c < 128 ? CLASS[c] : 0;
    if (kind === PLAIN) {
      hash = Math.imul(hash ^ c, 16777619);
      if (c === 46) label = end + 1;
      continue;
    }
    if (kind === STOP) break;
    if (kind !== COLON) return slowPath(url); // credentials, upper case, %, non-ASCII…
    // A plain decimal port is skipped here; anything URL would reject or rewrite goes to it.
    let port = 0;
    let digits = 0;
    for (let at = end + 1; at < length; at++) {
      const d = url.charCodeAt(at);
      if (d >= 48 && d <= 57) {
        port = port * 10 + (d - 48);
        digits++;
      } else if (d < 128 && CLASS[d] === STOP) break;
      else return slowPath(url);
    }
    if (digits > 5 || port > 65535) return slowPath(url);
    break;
  }
  if (end === start || label === end || url.charCodeAt(start) === 46) return slowPath(url); // empty host, empty label
  // A last label that starts with a digit may make the host an IPv4 address (or an error).
  const first = url.charCodeAt(label);
  if (first >= 48 && first <= 57 && endsInNumber(url, start, end) && !canonicalIPv4(url, start, end)) return slowPath(url);
  scan.scheme = scheme;
  scan.start = start;
  scan.end = end;
  scan.hash = hash;
  scan.host = null;
  return scan;
}

/** Any scheme: the general path, for the few URLs that are not plain http: or https:. */
function otherScheme(url: string): UrlScan {
  const colon = url.indexOf(':');
  if (colon < 1 || colon > 32 || !plainScheme(url, colon)) return slowPath(url);
  const scheme = schemeCode(url, colon);
  // data:, blob:, about:, javascript:, extension pages…: not network requests, no host.
  if (scheme === SCHEME_OTHER) return noHost(SCHEME_OTHER);
  if (url.charCodeAt(colon + 1) !== 47 || url.charCodeAt(colon + 2) !== 47) return slowPath(url);
  return authority(url, scheme, colon + 3);
}

/**
 * Scans `url` for its scheme and host. Throws InvalidUrlError for a string that is not an
 * absolute URL. The returned object is shared and overwritten by the next call.
 */
export function scanUrl(url: string): UrlScan {
  // Nearly every request is https: (or http:): settle those with a few comparisons.
  if (url.charCodeAt(0) !== 104 || url.charCodeAt(1) !== 116 || url.charCodeAt(2) !== 116 || url.charCodeAt(3) !== 112) {
    return otherScheme(url);
  }
  const c4 = url.charCodeAt(4);
  const colon = c4 === 58 ? 4 : c4 === 115 && url.charCodeAt(5) === 58 ? 5 : -1;
  if (colon < 0) return otherScheme(url);
  if (url.charCodeAt(colon + 1) !== 47 || url.charCodeAt(colon + 2) !== 47) return slowPath(url);
  return authority(url, colon === 4 ? SCHEME_HTTP : SCHEME_HTTPS, colon + 3);
}

/**
 * Scheme and host of `url` as strings. Throws InvalidUrlError for a string that is not an
 * absolute URL. The returned object is shared and overwritten by the next call.
 */
export function requestTarget(url: string): RequestTarget {
  const found = scanUrl(url);
  target.scheme = found.scheme;
  target.host = found.start >= 0 ? url.slice(found.start, found.end) : found.host;
  return target;
}

/** True for the schemes that send data without encryption. */
export function isCleartext(scheme: number): boolean {
  return scheme === SCHEME_HTTP || scheme === SCHEME_WS;
}
