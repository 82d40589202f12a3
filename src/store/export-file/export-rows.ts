/** Stored rows as the export spells them out (pure). */
import { edgeFromText, edgeText } from '../../classify/edge-headers.js';
import {
  FLAGS,
  METHODS,
  OUTCOMES,
  SCHEMES,
  TYPES,
  type DailyRow,
  type HostRow,
  type IpRow,
  type RequestRow,
  type VisitRow,
} from '../schema.js';
import type { ExportedDaily, ExportedHost, ExportedIp, ExportedRequest, ExportedVisit } from './export-format.js';
import { decodeIp } from '../decode.js';
import { addressAnsweredFrom, type AddressPlace } from '../ip-place.js';

export function exportHost(row: HostRow): ExportedHost {
  return {
    id: row.id!,
    name: row.n,
    domain: row.d,
    company: row.company,
    parent: row.parent,
    jurisdiction: row.jurisdiction,
    prism: row.prism,
    tracker: row.tracker,
    canonicalName: row.cname ?? null,
    cloaked: row.cloaked === true,
    trackerNetwork: row.trackerNetwork ?? null,
  };
}

/** An address's row in the export: the store's own decoding, every field of which the format names. */
export function exportIp(row: IpRow): ExportedIp {
  return decodeIp(row);
}

export function exportVisit(row: VisitRow): ExportedVisit {
  return {
    id: row.id,
    time: row.t,
    url: row.u,
    site: row.s,
    host: row.h,
    shown: row.c === 1,
    prerender: row.pr === 1,
    inferred: row.inf === 1,
    hosts: row.d,
    ips: row.ip,
    requests: row.n,
    clearText: row.x ?? 0,
    answered: row.lc ?? [],
    unlocated: row.lu ?? 0,
  };
}

/**
 * A stored request as the export spells it out; `ipPlace` gives a server address's registry
 * country and geolocation by its id (an exported address does), the evidence after a CDN's header
 * of where it answered from.
 */
export function exportRequest(row: RequestRow, ipPlace: (id: number) => AddressPlace | undefined): ExportedRequest {
  const edge = edgeFromText(row.l);
  const location = addressAnsweredFrom(edge, row.i ? ipPlace(row.i) : undefined);
  const unknownHeaders = (row.b & FLAGS.headersUnknown) !== 0;
  return {
    time: row.t,
    visit: row.v || null,
    pageSite: row.ps ?? null,
    frame: row.f,
    host: row.h,
    scheme: SCHEMES[row.c] ?? 'other',
    path: row.p,
    query: row.q ?? null,
    method: METHODS[row.m] ?? 'OTHER',
    type: TYPES[row.y] ?? 'other',
    outcome: OUTCOMES[row.o] ?? 'completed',
    status: row.s || null,
    ip: row.i || null,
    thirdParty: (row.b & FLAGS.thirdParty) !== 0,
    cookies: unknownHeaders ? null : (row.b & FLAGS.cookies) !== 0,
    referrer: unknownHeaders ? null : (row.b & FLAGS.referrer) !== 0,
    fromCache: (row.b & FLAGS.fromCache) !== 0,
    cleartext: (row.b & FLAGS.cleartext) !== 0,
    recovered: (row.b & FLAGS.recovered) !== 0,
    unverified: (row.b & FLAGS.unverified) !== 0,
    detail: row.e ?? null,
    edge: edge === null ? null : edgeText(edge),
    location: location === null ? null : { country: location.country, city: location.city, evidence: location.evidence },
  };
}

export function exportDaily(row: DailyRow): ExportedDaily {
  return {
    day: row.day,
    site: row.site,
    host: row.host,
    requests: row.n,
    clear: row.clear,
    cookies: row.cookies,
    referrer: row.referrer,
    failed: row.failed,
    blocked: row.blocked ?? 0,
  };
}
