/** A captured request encoded as its stored row (schema.ts): what the capture's batches write (capture/batch-writer.ts). */
import { edgeFromText, edgeText } from '../classify/edge-headers.js';
import type { Observation } from '../shared/types.js';
import type { Classifier } from './classifier.js';
import { FLAGS, METHODS, OUTCOMES, TYPES, code, type HostRow, type IpRow, type RequestRow, type VisitRow } from './schema.js';
import type { Settings } from './settings.js';
import { urlParts, type UrlParts } from './url-parts.js';
import { knownCountry, type AddressPlace } from './ip-place.js';
import { reachedReceiver } from './reach.js';

export type { RequestRow } from './schema.js';

/** What a request recovered from a page's list showed of how it was answered (capture/witness-evidence.ts). */
export interface RecoveredEvidence {
  /** nothing showed it went out: counted as reaching nobody */
  unverified: boolean;
  /** the evidence, stored as the row's detail when it has no error */
  text: string;
}

export interface RowContext {
  visitId: number;
  visit: VisitRow | undefined;
  /** the site of the page that sent it */
  pageSite: string | null;
  host: HostRow;
  ip: IpRow | undefined;
  /** recovered from a page's list: what it showed of how it was answered */
  recovered: RecoveredEvidence | undefined;
}

/** The stored row of one request, and whether it reached its receiver (store/reach.ts). */
export function requestRow(
  obs: Observation,
  parts: UrlParts,
  context: RowContext,
  classifier: Classifier,
  interner: { hostById(id: number): HostRow | undefined },
  settings: Settings,
): { row: RequestRow; reached: boolean } {
  const { visitId, visit, pageSite, host, ip, recovered } = context;
  const pageHost = visit ? interner.hostById(visit.h) : undefined;
  const thirdParty = pageHost ? classifier.thirdParty(pageHost.n, host.n) : !!pageSite && pageSite !== host.d;
  const unverified = recovered !== undefined && recovered.unverified;
  // Nothing goes out for answers from the cache or requests that failed before sending.
  const headersUnknown = obs.cookies === null && !obs.fromCache && obs.outcome !== 'failed';
  const bits =
    (thirdParty ? FLAGS.thirdParty : 0) |
    (obs.cookies === true ? FLAGS.cookies : 0) |
    (obs.referrer === true ? FLAGS.referrer : 0) |
    (obs.fromCache ? FLAGS.fromCache : 0) |
    (parts.cleartext ? FLAGS.cleartext : 0) |
    (headersUnknown ? FLAGS.headersUnknown : 0) |
    (recovered !== undefined ? FLAGS.recovered : 0) |
    (unverified ? FLAGS.unverified : 0);
  const row: RequestRow = {
    t: Math.round(obs.time),
    v: visitId,
    f: obs.frameType === 'outermost_frame' ? 0 : obs.frameId,
    h: host.id!,
    c: parts.scheme,
    p: parts.path,
    m: code(METHODS, obs.method),
    y: code(TYPES, obs.type),
    o: code(OUTCOMES, obs.outcome),
    s: obs.statusCode ?? 0,
    i: ip?.id ?? 0,
    b: bits,
  };
  if (settings.storeQueryStrings && parts.rest) row.q = parts.rest.slice(0, 2048);
  if (!visitId && pageSite) row.ps = pageSite;
  if (obs.error) row.e = obs.error;
  else if (obs.redirectUrl) row.e = urlParts(obs.redirectUrl)?.host ?? '';
  else if (recovered !== undefined) row.e = recovered.text;
  const edge = edgeFromText(obs.edge);
  if (edge !== null) row.l = edgeText(edge);
  // Its receivers are those its requests reached: not a tracker an ad blocker stopped.
  const reached = !unverified && reachedReceiver(obs.outcome === 'failed', obs.error, obs.ip !== null);
  return { row, reached };
}

/**
 * Where a server answered a request from, as its visit counts it: the country when a CDN's
 * header says where, or else the geolocation database places its address outside an anycast
 * network (classify/answered-from.ts, ip-place.ts); null when a server answered and nothing
 * but its address's registry tells where; undefined when no server answered (the cache, a
 * failure, a request stopped before it left). `ip`: its server address's row, as stored now.
 */
export type AnsweredPlace = string | null | undefined;

export function answeredPlace(obs: Observation, reached: boolean, ip?: AddressPlace): AnsweredPlace {
  if (!reached || obs.fromCache || obs.outcome === 'failed') return undefined;
  return knownCountry(edgeFromText(obs.edge), ip);
}
