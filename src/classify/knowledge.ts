/**
 * The compiled knowledge in memory, and the ways to load it. The reader is injected so
 * the same code runs in the worker (fetch from the extension package) and in Node (fs).
 *
 * Pieces, because reading is what a worker start waits for and it costs about in
 * proportion to the bytes (docs/measurements.md, test/bench/worker-start.bench.ts): the core (owners.bin, which carries the
 * provenance too) answers everything about a host; the server-country table answers about
 * an address, and the store keeps those answers apart (IP rows), so the worker can
 * classify hosts at once and complete its IP rows when the table arrives. The table of
 * every network (ip-asn.bin, the largest) is too large for a worker start: the worker loads
 * instead the hosting table (hosting.bin), only the networks that map to a company, which is
 * what it records (the hosting operator, classify/hosting.ts; WORKER_FILES), and the
 * geolocation table (ip-geo.bin, small: only those networks' IPv4 addresses). The CLI loads
 * everything (loadKnowledge) and so also names the networks that map to no company; a view
 * that shows any network loads that table alone (loadNetworkTable) and asks
 * `lookupNetwork(table, address)` (ip-lookup.ts).
 */
import { HostCache } from './host-verdict.js';
import {
  COUNTRY_FILE,
  GEO_FILE,
  HOSTING_FILE,
  IP_TABLE_FILES,
  NETWORK_FILE,
  parseCountryTable,
  parseGeoTable,
  parseHostingTable,
  parseNetworkTable,
  type CountryTables,
  type HostingTables,
  type IpTables,
  type NetworkTables,
} from './ip-lookup.js';
import { parseOwners, type OwnerTables } from './owner-tables.js';
import { OWNERS_BINARY_FILE, type ProvenanceFile } from './owners-format.js';

/** The files `loadCoreKnowledge` reads, relative to the knowledge folder. */
export const CORE_FILES: readonly string[] = [OWNERS_BINARY_FILE];
/** Every file the worker loads: the core, the server countries, the hosting operators and the geolocation, never every network. */
export const WORKER_FILES: readonly string[] = [...CORE_FILES, COUNTRY_FILE, HOSTING_FILE, GEO_FILE];
/** Every file `loadKnowledge` reads. */
export const KNOWLEDGE_FILES: readonly string[] = [...CORE_FILES, ...IP_TABLE_FILES];

export type KnowledgeReader = (file: string) => Promise<ArrayBuffer>;

export interface Knowledge {
  readonly owners: OwnerTables;
  /** Server countries. Null in core knowledge, until `withIpTables`: addresses are then located nowhere. */
  readonly country: CountryTables | null;
  /** Every network. Null in core knowledge, and always in the worker, which does not load it. */
  readonly network: NetworkTables | null;
  /** The networks that map to a company (hosting operators). Null in core knowledge, until `withIpTables`. */
  readonly hosting: HostingTables | null;
  /** Where addresses are used (ip-geo.bin). Null in core knowledge, until `withIpTables`. */
  readonly geo: CountryTables | null;
  readonly provenance: ProvenanceFile;
  /** Memo of per-host verdicts (see host-verdict.ts). */
  readonly hosts: HostCache;
}

/** Owners with their provenance: everything about hosts, nothing about addresses. */
export async function loadCoreKnowledge(read: KnowledgeReader): Promise<Knowledge> {
  return coreKnowledge(await read(OWNERS_BINARY_FILE));
}

/** The core knowledge from owners.bin's bytes, synchronously (the worker has them at hand). */
export function coreKnowledge(owners: ArrayBuffer): Knowledge {
  const tables = parseOwners(owners);
  return {
    owners: tables,
    country: null,
    network: null,
    hosting: null,
    geo: null,
    provenance: tables.provenance,
    hosts: new HostCache(tables),
  };
}

/** The server-country table (ip-country.bin): what the worker reads after the core. */
export async function loadCountryTable(read: KnowledgeReader): Promise<CountryTables> {
  return parseCountryTable(await read(COUNTRY_FILE));
}

/** The network-operator table (ip-asn.bin): for the CLI and the views that show networks. */
export async function loadNetworkTable(read: KnowledgeReader): Promise<NetworkTables> {
  return parseNetworkTable(await read(NETWORK_FILE));
}

/** The hosting-operator table (hosting.bin): what the worker reads of the networks. */
export async function loadHostingTable(read: KnowledgeReader): Promise<HostingTables> {
  return parseHostingTable(await read(HOSTING_FILE));
}

/** The geolocation table (ip-geo.bin): where the database of DB-IP places addresses; the worker reads it beside the countries. */
export async function loadGeoTable(read: KnowledgeReader): Promise<CountryTables> {
  return parseGeoTable(await read(GEO_FILE));
}

/** Server country, network, hosting and geolocation tables, read in parallel. */
async function loadIpTables(read: KnowledgeReader): Promise<IpTables> {
  const [country, network, hosting, geo] = await Promise.all([
    loadCountryTable(read),
    loadNetworkTable(read),
    loadHostingTable(read),
    loadGeoTable(read),
  ]);
  return { country, network, hosting, geo };
}

/**
 * The same knowledge with these IP tables added. A fresh host memo: the old one may
 * remember an address as located nowhere from before the tables arrived.
 */
export function withIpTables(core: Knowledge, tables: Partial<IpTables>): Knowledge {
  return {
    ...core,
    country: tables.country ?? core.country,
    network: tables.network ?? core.network,
    hosting: tables.hosting ?? core.hosting,
    geo: tables.geo ?? core.geo,
    hosts: new HostCache(core.owners),
  };
}

/** Everything at once (Node, the CLI, tests): all files read in parallel. */
export async function loadKnowledge(read: KnowledgeReader): Promise<Knowledge> {
  const [core, ip] = await Promise.all([loadCoreKnowledge(read), loadIpTables(read)]);
  return withIpTables(core, ip);
}
