/**
 * What the figures are computed from: the few fields of stored rows they need. Pure (no
 * Dexie, no browser): the hour roll-ups here in store/ and the aggregation in report/ both
 * read these shapes, and the stored rows fit them as they are.
 */

/** One top-level page visit. */
export interface VisitFacts {
  id: number;
  /** start time, ms since the epoch */
  t: number;
  /** site: registrable domain of the page */
  s: string;
  /** host id of the page */
  h: number;
  /** 1 once the browser showed the page */
  c: 0 | 1;
  /** 1 while a prerender never shown */
  pr: 0 | 1;
  /** 1 when the visit's start was not seen (tab open before Upstream started) */
  inf: 0 | 1;
  /** ids of the hosts the page contacted, each once */
  d: number[];
  /** ids of the server IPs the page contacted, each once */
  ip: number[];
  /** requests recorded on the page */
  n: number;
  /** of which sent in clear text (absent on visits recorded before it was counted) */
  x?: number;
}

/** Who a host belongs to, as classified with the current knowledge. */
export interface HostFacts {
  /** host name */
  n: string;
  /** registrable domain */
  d: string;
  company: string | null;
  parent: string | null;
  /** ISO country the company (or its nearest owner) answers to */
  jurisdiction: string | null;
  prism: boolean;
  tracker: { name: string; category: string } | null;
}

/** Where a server stands. */
export interface IpFacts {
  country: string | null;
  asn: number | null;
  network: string | null;
}

/** One request of a page, as the page summary needs it. */
export interface RequestFacts {
  /** host id */
  h: number;
  /** server IP id, 0 when unknown */
  i: number;
  thirdParty: boolean;
  cleartext: boolean;
  failed: boolean;
}

export type HostTable = ReadonlyMap<number, HostFacts>;
export type IpTable = ReadonlyMap<number, IpFacts>;

/** A page visit counts once the browser showed it; prerenders never shown do not. */
export function isShownVisit(visit: VisitFacts): boolean {
  return visit.pr === 0 && (visit.c === 1 || visit.inf === 1);
}
