/**
 * What the figures are computed from: the few fields of stored rows they need, named (the
 * rows' one-letter keys stay in store/: rows-to-facts.ts decodes them). Pure (no Dexie, no
 * browser): the visit roll-ups here in store/ and the aggregation in report/ both read these
 * shapes; an export's records (store/export-file/export-format.ts) fit them as they are.
 */
import type { IpRow } from './schema.js';

/** One top-level page visit (see schema.ts's VisitRow for what each field is stored as). */
export interface VisitFacts {
  id: number;
  /** start time, ms since the epoch */
  time: number;
  /** registrable domain of the page */
  site: string;
  /** host id of the page */
  host: number;
  /** the browser showed the page (its response started) */
  shown: boolean;
  /** a prerender never shown */
  prerender: boolean;
  /** its start was not seen, only its requests */
  inferred: boolean;
  /** ids of the hosts the page contacted (its own included), each once */
  hosts: number[];
  /** ids of the server IPs the page contacted, each once */
  ips: number[];
  /** requests recorded on the page */
  requests: number;
  /** of which sent in clear text (0 on visits stored before it was counted) */
  clearText: number;
  /**
   * countries its requests were answered from, on evidence of where the server stood (a CDN's
   * header), each once; absent when none, and on visits recorded before it was noted
   */
  answered?: string[];
  /** requests a server answered from a place nothing but its address's registry tells; absent when none */
  unlocated?: number;
}

/** Requests per day, page site and host (see schema.ts's DailyRow). */
export interface DailyFacts {
  /** YYYY-MM-DD in the user's time zone when recorded */
  day: string;
  site: string;
  /** host id */
  host: number;
  requests: number;
  /** sent in clear text */
  clear: number;
  cookies: number;
  referrer: number;
  failed: number;
  /** of which stopped before they went out (store/reach.ts); absent on rows stored before it was counted */
  blocked?: number;
}

/** Requests per day, page site, host and server address (see schema.ts's DailyIpRow). */
export interface DailyIpFacts {
  /** YYYY-MM-DD in the user's time zone when recorded */
  day: string;
  site: string;
  /** host id */
  host: number;
  /** server IP id */
  ip: number;
  requests: number;
}

/** Who a host belongs to, as classified with the current knowledge. */
export interface HostFacts {
  /** the host name */
  name: string;
  /** registrable domain */
  domain: string;
  company: string | null;
  parent: string | null;
  jurisdiction: string | null;
  prism: boolean;
  tracker: { name: string; category: string } | null;
  /** What the host is an alias of, when the browser told (Firefox: docs/cname-uncloaking.md). */
  canonicalName?: string | null;
  /** The verdict is the canonical name's: a tracker behind the site's own name, counted as a third party. */
  cloaked?: boolean;
  /** A company that only tracks operates the network that served it as a page's own host (a flag, the verdict unchanged). */
  trackerNetwork?: string | null;
}

/** A host's verdict alone, without its name: what a stored host row holds as it is. */
export type HostVerdict = Pick<HostFacts, 'company' | 'parent' | 'jurisdiction' | 'prism' | 'tracker'>;

/** Where a server stands, and who operates its network. */
export type IpFacts = Pick<IpRow, 'country' | 'asn' | 'network' | 'operator' | 'operatorJurisdiction' | 'geoCountry' | 'anycast'>;

/** One request of a page, as the page summary needs it. */
export interface RequestFacts {
  /** host id */
  host: number;
  /** server IP id, 0 when unknown */
  ip: number;
  thirdParty: boolean;
  cleartext: boolean;
  failed: boolean;
  /** false when it failed before anything was sent (reach.ts) */
  reached: boolean;
  /** the CDN point of presence its answer's headers named, `cdn:POP`; absent when none */
  edge?: string;
}

export type HostTable = ReadonlyMap<number, HostFacts>;
export type IpTable = ReadonlyMap<number, IpFacts>;

/** A page visit counts once the browser showed it; prerenders never shown do not. */
export function isShownVisit(visit: VisitFacts): boolean {
  return !visit.prerender && (visit.shown || visit.inferred);
}
