import type { HostRow, IpRow } from './schema.js';

/** Who a host belongs to: its registrable domain and the company behind it (stored as a HostRow, `hostRowOf`). */
export type HostVerdict = Omit<HostRow, 'id' | 'n' | 'd' | 'kv' | 'cname' | 'trackerNetwork'> & { domain: string };

/** A host's row as stored: its name, the verdict, and the knowledge version that gave it. */
export function hostRowOf(name: string, version: string, verdict: HostVerdict): HostRow {
  const { domain, ...rest } = verdict;
  return { n: name, kv: version, d: domain, ...rest };
}

/** An address's row as stored: the address, the verdict (no network unless it names one), and the knowledge version that gave it. */
export function ipRowOf(address: string, version: string, verdict: IpVerdict): IpRow {
  return { a: address, kv: version, asn: null, network: null, operator: null, operatorJurisdiction: null, ...verdict };
}
/**
 * What a classifier says about an address. `asn` and `network` are left out by a classifier
 * that does not know the address's network (the worker's knows only the networks that map to
 * a company, see classify/knowledge.ts): a new row then stores null, and a re-classified row
 * keeps the network an earlier version stored. `operator` and `operatorJurisdiction` are
 * left out only by a classifier that knows no network at all; `geoCountry` and `anycast` by one
 * without the geolocation table (a re-classified row then keeps what it held).
 */
export type IpVerdict = Pick<IpRow, 'country'> &
  Partial<Pick<IpRow, 'asn' | 'network' | 'operator' | 'operatorJurisdiction' | 'operatorTracks' | 'geoCountry' | 'anycast'>>;

/**
 * What the store needs to know about hosts and IPs. The worker passes the real classifier
 * (built over the compiled knowledge); tests may pass their own. Verdicts are kept per
 * host and per IP, not per request, so that new knowledge re-classifies a few thousand
 * rows instead of millions.
 */
export interface Classifier {
  /** Changes whenever the knowledge does: stored verdicts with another version are recomputed. */
  readonly version: string;
  /**
   * `canonicalName`: what the browser's DNS said `host` is an alias of (HostRow.cname); the
   * verdict is then the canonical name's when it shows a tracker behind the host's name,
   * marked `cloaked` (classify/cloaking.ts). A classifier that knows no owners ignores it.
   */
  host(host: string, canonicalName?: string): HostVerdict;
  ip(address: string): IpVerdict;
  /** True when a request to host `request` is third-party on a page of host `page` (different site and company). */
  thirdParty(pageHost: string, requestHost: string): boolean;
}
