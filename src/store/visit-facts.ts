/**
 * What the figures are computed from: the few fields of stored rows they need. Pure (no
 * Dexie, no browser): the visit roll-ups here in store/ and the aggregation in report/ both
 * read these shapes; stored rows fit them as they are, and so do rows folded from an export.
 */
import type { DailyRow, HostRow, IpRow, VisitRow } from './schema.js';

/** One top-level page visit (see VisitRow for what each field holds). */
export type VisitFacts = Pick<VisitRow, 'id' | 't' | 's' | 'h' | 'c' | 'pr' | 'inf' | 'd' | 'ip' | 'n' | 'x'>;

/** A daily roll-up row (requests per day, page site and host). */
export type DailyFacts = DailyRow;

/** Who a host belongs to, as classified with the current knowledge. */
export type HostFacts = Omit<HostRow, 'id' | 'kv'>;

/** Where a server stands, and who operates its network. */
export type IpFacts = Pick<IpRow, 'country' | 'asn' | 'network' | 'operator' | 'operatorJurisdiction'>;

/** One request of a page, as the page summary needs it. */
export interface RequestFacts {
  /** host id */
  h: number;
  /** server IP id, 0 when unknown */
  i: number;
  thirdParty: boolean;
  cleartext: boolean;
  failed: boolean;
  /** false when it failed before anything was sent (reach.ts) */
  reached: boolean;
}

export type HostTable = ReadonlyMap<number, HostFacts>;
export type IpTable = ReadonlyMap<number, IpFacts>;

/** A page visit counts once the browser showed it; prerenders never shown do not. */
export function isShownVisit(visit: VisitFacts): boolean {
  return visit.pr === 0 && (visit.c === 1 || visit.inf === 1);
}
