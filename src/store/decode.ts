import { FLAGS, METHODS, OUTCOMES, SCHEMES, TYPES, type HostRow, type IpRow, type RequestRow, type VisitRow } from './schema.js';
import { hostFacts, visitFacts } from './rows-to-facts.js';
import { isThirdPartyRequest } from './observers.js';
import type { Evidence } from '../classify/answered-from.js';
import { edgeFromText, edgeText } from '../classify/edge-headers.js';
import type { HostFacts, IpFacts, VisitFacts } from './visit-facts.js';
import { addressAnsweredFrom } from './ip-place.js';

/** A stored request, spelt out: what exports and tests read. */
export interface RecordedRequest {
  id: number;
  time: number;
  /** scheme://host/path, plus query and fragment when they were kept */
  url: string;
  host: string;
  domain: string;
  /** the page visit it belongs to; null for requests sent with no tab */
  visit: number | null;
  pageUrl: string | null;
  pageSite: string | null;
  frameId: number;
  method: string;
  type: string;
  outcome: (typeof OUTCOMES)[number];
  status: number | null;
  ip: string | null;
  thirdParty: boolean;
  /** null when unknown (the worker restarted between the request's headers and its end) */
  cookies: boolean | null;
  referrer: boolean | null;
  fromCache: boolean;
  cleartext: boolean;
  /** failed: the browser's error; redirected: the host it went to */
  detail: string | null;
  /** recorded from the page's own report, webRequest having missed it (method, IP and flags then unknown) */
  recovered: boolean;
  /** recovered, but nothing showed it went out (Chromium without Timing-Allow-Origin): counted as reaching nobody */
  unverified: boolean;
  /** the CDN point of presence its answer's headers named, `cdn:POP`; null when none */
  edge: string | null;
  /** where it was answered from and on what evidence (classify/answered-from.ts); null when nothing tells */
  location: { country: string; city: string | null; evidence: Evidence } | null;
}

export interface Lookups {
  hosts: Map<number, HostRow>;
  ips: Map<number, IpRow>;
  visits: Map<number, VisitRow>;
}

export function lookups(hosts: HostRow[], ips: IpRow[], visits: VisitRow[]): Lookups {
  return {
    hosts: new Map(hosts.map((h) => [h.id!, h])),
    ips: new Map(ips.map((i) => [i.id!, i])),
    visits: new Map(visits.map((v) => [v.id, v])),
  };
}

export function decodeRequest(row: RequestRow, { hosts, ips, visits }: Lookups): RecordedRequest {
  const host = hosts.get(row.h);
  const visit = row.v ? visits.get(row.v) : undefined;
  const scheme = SCHEMES[row.c] ?? 'other';
  const hostName = host?.n ?? '';
  const unknownHeaders = (row.b & FLAGS.headersUnknown) !== 0;
  const edge = edgeFromText(row.l);
  const location = addressAnsweredFrom(edge, row.i ? ips.get(row.i) : undefined);
  return {
    id: row.id!,
    time: row.t,
    url: `${scheme}://${hostName}${row.p}${row.q ?? ''}`,
    host: hostName,
    domain: host?.d ?? '',
    visit: row.v || null,
    pageUrl: visit?.u ?? null,
    pageSite: visit?.s ?? row.ps ?? null,
    frameId: row.f,
    method: METHODS[row.m] ?? 'OTHER',
    type: TYPES[row.y] ?? 'other',
    outcome: OUTCOMES[row.o] ?? 'completed',
    status: row.s || null,
    ip: row.i ? (ips.get(row.i)?.a ?? null) : null,
    thirdParty: isThirdPartyRequest((row.b & FLAGS.thirdParty) !== 0, host),
    cookies: unknownHeaders ? null : (row.b & FLAGS.cookies) !== 0,
    referrer: unknownHeaders ? null : (row.b & FLAGS.referrer) !== 0,
    fromCache: (row.b & FLAGS.fromCache) !== 0,
    cleartext: (row.b & FLAGS.cleartext) !== 0,
    detail: row.e ?? null,
    recovered: (row.b & FLAGS.recovered) !== 0,
    unverified: (row.b & FLAGS.unverified) !== 0,
    edge: edge === null ? null : edgeText(edge),
    location: location === null ? null : { country: location.country, city: location.city, evidence: location.evidence },
  };
}

/** What a stored request refers to, by id (0 for none: no address known, sent with no tab), and its time: what integrity checks walk. */
export function requestRefs(row: RequestRow): { time: number; host: number; ip: number; visit: number } {
  return { time: row.t, host: row.h, ip: row.i, visit: row.v };
}

/** A stored page visit, spelt out: its facts, the tab it was in and its address. */
export interface RecordedVisit extends VisitFacts {
  tab: number;
  /** page URL without query or fragment (unless kept by setting) */
  url: string;
}

/** A stored host, spelt out. */
export interface RecordedHost extends HostFacts {
  id: number;
}

/** A stored server address, spelt out. */
export interface RecordedIp extends IpFacts {
  id: number;
  address: string;
  /** null when the geolocation places it nowhere, or the row predates it */
  geoCountry: string | null;
  /** false too when the row predates it */
  anycast: boolean;
}

export function decodeVisit(row: VisitRow): RecordedVisit {
  return { ...visitFacts(row), tab: row.tab, url: row.u };
}

export function decodeHost(row: HostRow): RecordedHost {
  return { id: row.id!, ...hostFacts(row) };
}

export function decodeIp(row: IpRow): RecordedIp {
  return {
    id: row.id!,
    address: row.a,
    country: row.country,
    asn: row.asn,
    network: row.network,
    // Rows stored before operators were recorded have neither field: none known.
    operator: row.operator ?? null,
    operatorJurisdiction: row.operatorJurisdiction ?? null,
    // Likewise rows stored before the geolocation was recorded.
    geoCountry: row.geoCountry ?? null,
    anycast: row.anycast === true,
  };
}
