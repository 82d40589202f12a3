/**
 * Where a request was answered from, given its CDN header and its server address as stored:
 * the one reading of an address's geolocation fields (IpRow `geoCountry`, `anycast`) for the
 * evidence ladder of classify/answered-from.ts, so the capture's visit counts, the decoded
 * requests, the export and the report's aggregation agree (pure).
 */
import { answeredFrom, isKnownPlace, type AnsweredFrom, type GeoAnswer } from '../classify/answered-from.js';
import type { Edge } from '../classify/edge-headers.js';
import { GEO_ANYCAST_ANSWER } from '../classify/ip-lookup.js';
import type { IpRow } from './schema.js';

/** What answered-from needs of an address: its stored row or its decoded facts (both name these fields). */
export type AddressPlace = Pick<IpRow, 'country' | 'geoCountry' | 'anycast'>;

/** The stored geolocation as the evidence ladder reads it; rows stored before it was recorded say nothing. */
function geoAnswerOf(ip: AddressPlace): GeoAnswer {
  if (ip.anycast === true) return GEO_ANYCAST_ANSWER;
  return ip.geoCountry ?? null;
}

/** The best evidence of where a request was answered from; `ip` undefined when no address is known. */
export function addressAnsweredFrom(edge: Edge | null, ip: AddressPlace | undefined): AnsweredFrom | null {
  return answeredFrom(edge, ip?.country ?? null, ip === undefined ? null : geoAnswerOf(ip));
}

/** The country of a place that says where the server stood (a CDN header, a geolocation outside anycast networks), else null. */
export function knownCountry(edge: Edge | null, ip: AddressPlace | undefined): string | null {
  const place = addressAnsweredFrom(edge, ip);
  return place !== null && isKnownPlace(place) ? place.country : null;
}
