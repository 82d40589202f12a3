/**
 * The JSON export, version 1 (documented in docs/export-format.md). Readable on its own:
 * ids only tie rows of the same file together, times are ms since the epoch, and every
 * classification is the one this browser's Upstream held when it exported.
 */
export const EXPORT_FORMAT = 'upstream-export';
export const EXPORT_VERSION = 1;

export interface ExportedHost {
  id: number;
  name: string;
  domain: string;
  company: string | null;
  parent: string | null;
  jurisdiction: string | null;
  prism: boolean;
  tracker: { name: string; category: string } | null;
  /** what the browser's DNS said the host is an alias of (Firefox only); absent in older files */
  canonicalName?: string | null;
  /** the verdict above is the canonical name's: a tracker behind a site's own name, a third party wherever it is loaded */
  cloaked?: boolean;
  /** the company that only tracks whose network served it as a page's own host (a flag: the verdict is the host's own) */
  trackerNetwork?: string | null;
}

export interface ExportedIp {
  id: number;
  address: string;
  country: string | null;
  asn: number | null;
  network: string | null;
  /** Company operating the network, when Upstream's network → operator table maps it; absent in files written before it was recorded. */
  operator?: string | null;
  /** That company's jurisdiction (ISO code). */
  operatorJurisdiction?: string | null;
  /**
   * Where the geolocation database (DB-IP, "IP Geolocation by DB-IP", https://db-ip.com) places
   * the address: null when it keeps no answer for it or it is anycast; absent in files written before it was recorded.
   */
  geoCountry?: string | null;
  /** In a network known to be anycast: answered from near the reader, its place unknown; absent in files written before. */
  anycast?: boolean;
}

export interface ExportedVisit {
  id: number;
  time: number;
  url: string;
  site: string;
  /** host id of the page */
  host: number;
  shown: boolean;
  prerender: boolean;
  /** its start was not seen (the tab was open before Upstream started) */
  inferred: boolean;
  hosts: number[];
  ips: number[];
  requests: number;
  clearText: number;
  /** countries its requests were answered from on a CDN's header, each once ([] in files written before it was noted) */
  answered: string[];
  /** requests a server answered from a place only its address's registry tells (0 in files written before it was noted) */
  unlocated: number;
}

/** Where a request was answered from, on the best evidence there was (classify/answered-from.ts). */
interface ExportedLocation {
  country: string;
  city: string | null;
  /** `cdn-header`: the CDN named its point of presence (`edge`); `geolocation`: the DB-IP database placed the address; `registry`: only the address's registry country */
  evidence: 'cdn-header' | 'geolocation' | 'registry';
}

export interface ExportedRequest {
  time: number;
  visit: number | null;
  pageSite: string | null;
  frame: number;
  host: number;
  scheme: string;
  path: string;
  /** only when the user chose to keep query strings */
  query: string | null;
  method: string;
  type: string;
  outcome: 'completed' | 'redirected' | 'failed';
  status: number | null;
  ip: number | null;
  thirdParty: boolean;
  cookies: boolean | null;
  referrer: boolean | null;
  fromCache: boolean;
  cleartext: boolean;
  recovered: boolean;
  /** recovered, but nothing showed it went out: it reached nobody as far as anyone can tell (absent in files written before it was recorded: false) */
  unverified: boolean;
  detail: string | null;
  /** the CDN point of presence its answer's headers named, `cdn:POP` (null when none, and in files written before it was recorded) */
  edge: string | null;
  /** where it was answered from and on what evidence; null when nothing tells (written for readers: an import derives it again) */
  location: ExportedLocation | null;
}

export interface ExportedDaily {
  day: string;
  site: string;
  host: number;
  requests: number;
  clear: number;
  cookies: number;
  referrer: number;
  failed: number;
  /** of the failed, stopped before they went out (0 in files written before it was counted) */
  blocked: number;
}

/** One address of an audit's list (`npm run audit`), and what became of it. */
export interface ExportedAuditPage {
  /** its position in the whole list, before the list was split into shards */
  index: number;
  /** the address as the list gave it */
  url: string;
  /** where the browser ended up, without query or fragment; null when it did not load */
  finalUrl: string | null;
  /** registrable domain of finalUrl */
  site: string | null;
  outcome: 'loaded' | 'failed';
  /** why it failed, in the browser's words */
  error: string | null;
  /** same-site links followed from it (`--pages`), without query or fragment */
  links: string[];
  /** ids of the page visits recorded while it and its links were open */
  visits: number[];
}

/** Present when the file was written by `npm run audit` (or merged by `npm run audit:merge`). */
export interface ExportedAudit {
  browser: { name: 'chromium' | 'firefox'; version: string };
  startedAt: string;
  finishedAt: string;
  /** the built-in offline demo was audited */
  demo: boolean;
  dwellMs: number;
  pagesPerSite: number;
  /** how many addresses the whole list held */
  listSize: number;
  /** which part of the list this file covers; null for the whole list (or a merge of every shard) */
  shard: { index: number; count: number } | null;
  pages: ExportedAuditPage[];
}

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  extension: { name: string; version: string };
  /** what the file holds, in plain words */
  contains: string;
  includesQueryStrings: boolean;
  knowledge: { package: string; version: string; licence: string }[];
  hosts: ExportedHost[];
  ips: ExportedIp[];
  visits: ExportedVisit[];
  requests: ExportedRequest[];
  daily: ExportedDaily[];
  audit?: ExportedAudit;
}
