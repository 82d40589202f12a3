/**
 * Row shapes of the Upstream database. Raw request rows use one-letter keys and integer
 * references (hosts, IPs and visits live in their own tables): a browsing history of a
 * million requests must fit in about 200 bytes a request.
 */

/** One recorded request. */
export interface RequestRow {
  id?: number;
  /** time, ms since the epoch */
  t: number;
  /** page visit id; 0 when the request belongs to no page (no tab, service worker, browser) */
  v: number;
  /** frame id (0 = top frame) */
  f: number;
  /** host id (hosts table) */
  h: number;
  /** scheme code, see SCHEMES */
  c: number;
  /** path without query or fragment, truncated to MAX_PATH */
  p: string;
  /** query string and fragment, only when the user asked to keep them */
  q?: string;
  /** method code, see METHODS */
  m: number;
  /** resource type code, see TYPES */
  y: number;
  /** outcome code, see OUTCOMES */
  o: number;
  /** HTTP status, 0 when none */
  s: number;
  /** server IP id (ips table), 0 when unknown */
  i: number;
  /** flag bits, see FLAGS */
  b: number;
  /** error text of a failed request, or the host a redirect went to */
  e?: string;
  /** page site of a request that belongs to no visit (sent with no tab), when known */
  ps?: string;
  /** the CDN point of presence the answer's headers named, `cdn:POP` (classify/edge-headers.ts); absent when none */
  l?: string;
}

/** One top-level page visit (a navigation of a tab). */
export interface VisitRow {
  id: number;
  /** start time */
  t: number;
  tab: number;
  /** page URL without query or fragment (unless kept by setting) */
  u: string;
  /** site: registrable domain of the page */
  s: string;
  /** host id of the page */
  h: number;
  /** 1 once the browser showed the page (its response started); failed navigations stay 0 */
  c: 0 | 1;
  /** 1 while the visit is a prerender that was never shown */
  pr: 0 | 1;
  /** 1 when its start was not seen, only its requests (tab open before Upstream started, page a service worker answered) */
  inf: 0 | 1;
  /** ids of the hosts the page contacted (its own included), each once */
  d: number[];
  /** ids of the server IPs the page contacted, each once */
  ip: number[];
  /** requests recorded on the page */
  n: number;
  /** of which sent in clear text (http:, ws:); absent on visits stored before it was counted */
  x?: number;
  /**
   * countries its requests were answered from, on evidence of where the server stood (a CDN's
   * header, or the geolocation database outside anycast networks: classify/answered-from.ts),
   * each once; absent when none (and on visits stored before)
   */
  lc?: string[];
  /** requests a server answered from a place nothing but its address's registry tells; absent when none */
  lu?: number;
}

/** Classification of a host, kept current when the knowledge changes. */
export interface HostRow {
  id?: number;
  /** the host name */
  n: string;
  /** registrable domain */
  d: string;
  /** knowledge version this verdict was computed with */
  kv: string;
  company: string | null;
  parent: string | null;
  jurisdiction: string | null;
  prism: boolean;
  tracker: { name: string; category: string } | null;
  /**
   * The canonical name the browser's DNS gave for this host when it is an alias (a CNAME),
   * asked for first-party hosts of pages where the browser can tell (Firefox:
   * docs/cname-uncloaking.md). Absent when not asked, not known or not an alias.
   */
  cname?: string;
  /** The verdict above is the canonical name's: a tracker behind the site's own name (classify/cloaking.ts). */
  cloaked?: boolean;
  /**
   * A company that only tracks (classify/cloaking.ts) operates the network that served this
   * host as a page's own: flagged, the verdict left as it is (the only hint Chrome gives).
   */
  trackerNetwork?: string;
}

export interface IpRow {
  id?: number;
  /** the address */
  a: string;
  kv: string;
  country: string | null;
  /**
   * Network (AS number and name). The worker knows only the networks that map to a company
   * (hosting.bin, classify/knowledge.ts): it stores those, null for the others in new rows, and
   * keeps what rows stored by earlier versions hold.
   */
  asn: number | null;
  network: string | null;
  /**
   * Hosting operator: the company operating the network, and that company's jurisdiction,
   * when Upstream's network → operator table maps it (classify/hosting.ts); null when it does
   * not. Absent on rows stored before it was recorded, until the re-classification that a
   * new knowledge version starts fills it.
   */
  operator?: string | null;
  operatorJurisdiction?: string | null;
  /** The operator is a company that only tracks (classify/cloaking.ts); absent before it was recorded. */
  operatorTracks?: boolean;
  /**
   * Where a database of where addresses are used (DB-IP, ip-geo.bin) places the address: a
   * country code; null when the table keeps no answer for it, or the network is anycast.
   * Absent on rows stored before it was recorded (or while the worker lacked the table), until
   * the re-classification that a new knowledge version starts fills it.
   */
  geoCountry?: string | null;
  /** The address is in a network known to be anycast (knowledge/data/anycast.json): no database can place it. Absent as `geoCountry` is. */
  anycast?: boolean;
}

/** Requests per day, page site and host: what reports over long periods read. */
export interface DailyRow {
  /** day as YYYY-MM-DD in the user's time zone when recorded */
  day: string;
  site: string;
  host: number;
  /** requests */
  n: number;
  /** sent in clear text */
  clear: number;
  /** carried cookies */
  cookies: number;
  /** carried a referrer */
  referrer: number;
  /** failed */
  failed: number;
  /** of which stopped before they went out, so they reached nobody (store/reach.ts); absent on rows stored before it was counted */
  blocked?: number;
}

/**
 * Requests per day, page site, host and server IP: where each organisation's servers stood
 * (a company's page lists its server countries), over periods longer than raw requests live.
 */
export interface DailyIpRow {
  day: string;
  site: string;
  /** host id (hosts table) */
  host: number;
  ip: number;
  n: number;
  /** of those, answered by a CDN point of presence its headers named: `cdn:POP` → requests; absent when none */
  edges?: Record<string, number>;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export const METHODS = ['OTHER', 'GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'CONNECT', 'TRACE'] as const;
export const TYPES = [
  'other',
  'main_frame',
  'sub_frame',
  'stylesheet',
  'script',
  'image',
  'font',
  'object',
  'xmlhttprequest',
  'ping',
  'csp_report',
  'media',
  'websocket',
  'webtransport',
  'webbundle',
  'beacon',
  'imageset',
  'object_subrequest',
  'xml_dtd',
  'xslt',
  'speculative',
  'web_manifest',
  'json',
] as const;
export const OUTCOMES = ['completed', 'redirected', 'failed'] as const;
export const SCHEMES = ['other', 'https', 'http', 'wss', 'ws', 'data', 'blob', 'ftp'] as const;

export const FLAGS = {
  thirdParty: 1,
  cookies: 2,
  referrer: 4,
  fromCache: 8,
  cleartext: 16,
  /** cookie and referrer flags are unknown (the worker restarted between the two events) */
  headersUnknown: 32,
  /** missed by webRequest while the worker was stopped; recorded from the page's own report */
  recovered: 64,
  /**
   * recovered, but nothing in the page's list tells whether it reached the network (Chromium,
   * cross-origin without Timing-Allow-Origin: the network, the HTTP cache and a failure look
   * alike): stored as the page's attempt, and counted as reaching nobody
   */
  unverified: 128,
} as const;

export const MAX_PATH = 256;

export function code<T extends readonly string[]>(table: T, value: string): number {
  const index = table.indexOf(value.toLowerCase() as T[number]);
  const upper = table.indexOf(value.toUpperCase() as T[number]);
  return Math.max(index, upper, 0);
}
