/**
 * Where a request was answered from, and on what evidence, best first:
 * 1. `cdn-header`: the CDN named the point of presence that answered (edge-headers.ts), and
 *    the code is one the table of edge locations knows (src/knowledge/data/edge-locations.json);
 * 2. `geolocation`: a database of where addresses are used (DB-IP, knowledge/ip-geo.ts) places
 *    the address; shipped for the networks that map to a company (ip-tables.ts says which).
 *    Never for a network known to be anycast: one address answers from many places there, so
 *    such an answer falls to the registry, marked `anycast`;
 * 3. `registry`: only the country the address is registered in (the regional internet
 *    registries' delegations, @ip-location-db/geo-whois-asn-country). That is where the
 *    network's holder registered it, not where the server stands: a CDN edge in Paris on an
 *    address registered in the US comes out "US". Shown, and exported, labelled as such.
 * Pure: the table is data bundled with the code.
 */
import table from '../knowledge/data/edge-locations.json' with { type: 'json' };
import { isCountryCode } from '../shared/countries.js';
import type { Edge } from './edge-headers.js';
import { GEO_ANYCAST_ANSWER, GEO_SAME_ANSWER, type lookupGeo } from './ip-lookup.js';

export type Evidence = 'cdn-header' | 'geolocation' | 'registry';

/** What the geolocation table says of an address (ip-lookup.ts lookupGeo). */
export type GeoAnswer = ReturnType<typeof lookupGeo>;

export interface AnsweredFrom {
  /** ISO 3166-1 alpha-2 */
  readonly country: string;
  /** the city of the point of presence; null when the evidence names no city */
  readonly city: string | null;
  readonly evidence: Evidence;
  /** with `cdn-header`: the CDN and the code it named; null otherwise */
  readonly edge: Edge | null;
  /** present with `registry` when the address is in a network known to be anycast */
  readonly anycast?: true;
}

type Place = readonly [string, string | null];
const CODES = table.codes as unknown as Record<string, Place>;
const BUNNY = table.bunny as unknown as Record<string, Place>;

/** The country and city of a point of presence, or null for a code the table does not know. */
export function edgePlace(edge: Edge): { country: string; city: string | null } | null {
  let place: Place | undefined;
  // bunny.net names some points of presence by codes of its own, and a country's only one by the country's code.
  if (edge.cdn === 'bunny') place = Object.hasOwn(BUNNY, edge.pop) ? BUNNY[edge.pop] : edge.pop.length === 2 ? [edge.pop, null] : undefined;
  if (place === undefined && Object.hasOwn(CODES, edge.pop)) place = CODES[edge.pop];
  return place !== undefined && isCountryCode(place[0]) ? { country: place[0], city: place[1] } : null;
}

/** The CDN's name as it writes it, for the evidence shown beside a place. */
export function cdnName(cdn: string): string {
  return table.sources.find((source) => source.cdn === cdn)?.name ?? cdn;
}

/** Made once and shared, frozen: a browsing session meets a few dozen edges and countries. */
const made = new Map<string, AnsweredFrom>();
function shared(key: string, make: () => AnsweredFrom): AnsweredFrom {
  let found = made.get(key);
  if (found === undefined) made.set(key, (found = Object.freeze(make())));
  return found;
}

/**
 * The best evidence there is of where a request was answered from; null when there is none.
 * `geo`: what the geolocation table says of the address (null or absent: it keeps nothing).
 */
export function answeredFrom(edge: Edge | null, registryCountry: string | null, geo: GeoAnswer = null): AnsweredFrom | null {
  if (edge !== null) {
    const place = edgePlace(edge);
    if (place !== null)
      return shared(`${edge.cdn}:${edge.pop}`, () => ({ ...place, evidence: 'cdn-header', edge: Object.freeze({ ...edge }) }));
  }
  const located = geo === GEO_SAME_ANSWER ? registryCountry : geo === GEO_ANYCAST_ANSWER ? null : geo;
  if (located !== null && isCountryCode(located))
    return shared(`geo:${located}`, () => ({ country: located, city: null, evidence: 'geolocation', edge: null }));
  if (registryCountry !== null && isCountryCode(registryCountry)) {
    if (geo === GEO_ANYCAST_ANSWER)
      return shared(`anycast:${registryCountry}`, () => ({
        country: registryCountry,
        city: null,
        evidence: 'registry',
        edge: null,
        anycast: true,
      }));
    return shared(registryCountry, () => ({ country: registryCountry, city: null, evidence: 'registry', edge: null }));
  }
  return null;
}

/**
 * Evidence that says where the server stood (not merely where its address is registered): a
 * CDN's own header, or the geolocation database, which the anycast networks never reach.
 */
export function isKnownPlace(location: AnsweredFrom | null): boolean {
  return location !== null && location.evidence !== 'registry';
}
