/**
 * Server IP → country and → network operator (AS), from the tables compiled at build
 * time by knowledge/ip-tables.ts. Pure: no Node, DOM or extension API, so it runs in the
 * service worker and in Node. Lookups never throw and allocate nothing but the network
 * result object (country codes and AS names are strings made once).
 *
 * Null means "unknown": not an IP literal, not a public address (private, loopback,
 * link-local, multicast, documentation… see ip-special.ts), or not in the data.
 */
import { findException, findV4, findV6 } from './ip-search.js';
import { readU24, type CountryTables, type NetworkTables } from './ip-decode.js';
import {
  COUNTRY_FILE,
  GEO_ANYCAST,
  GEO_FILE,
  GEO_SAME,
  HOSTING_FILE,
  NAME_CHUNK,
  NETWORK_FILE,
  NO_DATA,
  SPLIT_COUNTRY,
  SPLIT_NETWORK,
} from './ip-format.js';
import { parseIp, type IpKind } from './ip-parse.js';
import { embeddedV4, isPublicV4, isPublicV6 } from './ip-special.js';

export {
  parseCountryTable,
  parseGeoTable,
  parseHostingTable,
  parseIpTables,
  parseNetworkTable,
  type CountryTables,
  type HostingTables,
  type IpTables,
  type NetworkTables,
} from './ip-decode.js';
export { COUNTRY_FILE, GEO_FILE, HOSTING_FILE, NETWORK_FILE } from './ip-format.js';

/** The files parseIpTables needs, relative to the knowledge folder. */
export const IP_TABLE_FILES: readonly string[] = [COUNTRY_FILE, NETWORK_FILE, HOSTING_FILE, GEO_FILE];

export interface IpNetwork {
  /** Autonomous system number. */
  asn: number;
  /** Organisation name as DB-IP / the RIRs give it; showing it obliges a link to db-ip.com. */
  name: string;
}

// Local copies: tsx and the test runner compile modules to CommonJS, where each use of
// an imported constant is a property read (a getter call under tsx) in the hot path.
const NONE = NO_DATA;
const SPLIT_CC = SPLIT_COUNTRY;
const SPLIT_AS = SPLIT_NETWORK;
const CHUNK = NAME_CHUNK;

// The parsed address; one per module is enough since JavaScript runs one lookup at a time.
const words = new Uint32Array(4);

/**
 * Parses `ip` into `words` and says which table to search: 4 (IPv4 address in
 * words[3]), 6, or 0 when it is not a public address. Literals rather than the named
 * kinds of ip-parse.ts keep this hot path free of imported bindings.
 */
function publicAddress(ip: string): IpKind {
  let kind = parseIp(ip, words);
  if (kind === 6) {
    const v4 = embeddedV4(words);
    if (v4 < 0) return isPublicV6(words) ? 6 : 0;
    words[3] = v4;
    kind = 4;
  }
  return kind === 4 && isPublicV4(words[3]!) ? 4 : 0;
}

/** ISO 3166-1 alpha-2 code (upper case) of the country the data places `ip` in, or null. */
export function lookupCountry(country: CountryTables, ip: string): string | null {
  return country.codes[countryLabel(country, ip)] ?? null;
}

/**
 * What the geolocation table (ip-geo.bin) says of `ip`: a country code where the database
 * places it elsewhere than its registry country, GEO_SAME where it agrees, GEO_ANYCAST for a
 * network known to be anycast, null where the table keeps no answer (or not a public address).
 */
export function lookupGeo(geo: CountryTables, ip: string): string | typeof GEO_SAME_ANSWER | typeof GEO_ANYCAST_ANSWER | null {
  const label = countryLabel(geo, ip);
  if (label === GEO_ANYCAST) return GEO_ANYCAST_ANSWER;
  if (label === GEO_SAME) return GEO_SAME_ANSWER;
  return geo.codes[label] ?? null;
}
export const GEO_SAME_ANSWER = 'same';
export const GEO_ANYCAST_ANSWER = 'anycast';

/** The label of `ip` in a table of one-byte labels (country or geolocation), 0 when none. */
function countryLabel(country: CountryTables, ip: string): number {
  const kind = publicAddress(ip);
  if (kind === 0) return NONE;
  let value: number;
  if (kind === 4) {
    value = country.v4Values[findV4(country.v4, words[3]!)]!;
  } else {
    value = country.v6Values[findV6(country.v6, words[0]!, words[1]!)]!;
    if (value === SPLIT_CC) {
      const piece = findException(country.v6, words);
      value = piece < 0 ? NONE : country.exceptionValues[piece]!;
    }
  }
  return value;
}

/**
 * The autonomous system (network operator) announcing `ip`, or null, from the table of
 * every network (ip-asn.bin): the CLI (through classify) and the views that show networks
 * call this with the table from knowledge.ts `loadNetworkTable`. The worker loads only the
 * networks that map to a company (hosting.bin, classify/hosting.ts).
 */
export function lookupNetwork(network: NetworkTables, ip: string): IpNetwork | null {
  const value = networkLabel(network, ip);
  return value === NONE ? null : { asn: networkAsn(network, value), name: nameOf(network, value) };
}

/** The network index `ip` falls in (a networks or hosting file), or 0 (no data, or not a public address). */
export function networkLabel(network: NetworkTables, ip: string): number {
  const kind = publicAddress(ip);
  if (kind === 0) return NONE;
  let value: number;
  if (kind === 4) {
    value = readU24(network.v4Values, findV4(network.v4, words[3]!));
  } else {
    value = readU24(network.v6Values, findV6(network.v6, words[0]!, words[1]!));
    if (value === SPLIT_AS) {
      const piece = findException(network.v6, words);
      value = piece < 0 ? NONE : readU24(network.exceptionValues, piece);
    }
  }
  return value >= network.size ? NONE : value;
}

/** AS number of network index `i`. */
export function networkAsn(network: NetworkTables, i: number): number {
  return (network.asn0[i]! | (network.asn1[i]! << 8) | (network.asn2[i]! << 16) | (network.asn3[i]! << 24)) >>> 0;
}

let decoder: TextDecoder | undefined;

/** Name of network index `i`, decoded on first use and kept. */
export function nameOf(network: NetworkTables, i: number): string {
  let name = network.names.get(i);
  if (name === undefined) {
    // Names start from the nearest stored chunk offset plus the lengths in between.
    const chunk = Math.floor(i / CHUNK);
    let start = readU24(network.nameChunk, chunk);
    for (let k = chunk * CHUNK; k < i; k++) start += network.nameLength[k]!;
    decoder ??= new TextDecoder(); // replaces invalid bytes rather than throwing
    name = decoder.decode(network.utf8.subarray(start, start + network.nameLength[i]!));
    network.names.set(i, name);
  }
  return name;
}
