/**
 * The compiled knowledge in memory, and the ways to load it. The reader is injected so
 * the same code runs in the worker (fetch from the extension package) and in Node (fs).
 *
 * Pieces, because reading is what a worker start waits for and it costs about in
 * proportion to the bytes (docs/measurements.md, test/bench/worker-start.bench.ts): the core (owners.bin, which carries the
 * provenance too) answers everything about a host; the server-country table answers about
 * an address, and the store keeps those answers apart (IP rows), so the worker can
 * classify hosts at once and complete its IP rows when the table arrives. The
 * network-operator table (ip-asn.bin, the largest) decides nothing the worker records or counts:
 * networks are only shown to people, so the worker never loads it (WORKER_FILES); the CLI
 * loads everything (loadKnowledge), and a view that shows networks loads that table alone
 * (loadNetworkTable) and asks `lookupNetwork(table, address)` (ip-lookup.ts).
 */
import { HostCache } from './host-verdict.js';
import {
  COUNTRY_FILE,
  IP_TABLE_FILES,
  NETWORK_FILE,
  parseCountryTable,
  parseNetworkTable,
  type CountryTables,
  type IpTables,
  type NetworkTables,
} from './ip-lookup.js';
import { parseOwners, type OwnerTables } from './owner-tables.js';
import { OWNERS_BINARY_FILE, type ProvenanceFile } from './owners-format.js';

/** The files `loadCoreKnowledge` reads, relative to the knowledge folder. */
export const CORE_FILES: readonly string[] = [OWNERS_BINARY_FILE];
/** Every file the worker loads: the core and the server countries, never the networks. */
export const WORKER_FILES: readonly string[] = [...CORE_FILES, COUNTRY_FILE];
/** Every file `loadKnowledge` reads. */
export const KNOWLEDGE_FILES: readonly string[] = [...CORE_FILES, ...IP_TABLE_FILES];

export type KnowledgeReader = (file: string) => Promise<ArrayBuffer>;

export interface Knowledge {
  readonly owners: OwnerTables;
  /** Server countries. Null in core knowledge, until `withIpTables`: addresses are then located nowhere. */
  readonly country: CountryTables | null;
  /** Network operators. Null in core knowledge, and always in the worker, which does not load them. */
  readonly network: NetworkTables | null;
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
  return { owners: tables, country: null, network: null, provenance: tables.provenance, hosts: new HostCache(tables) };
}

/** The server-country table (ip-country.bin): what the worker reads after the core. */
export async function loadCountryTable(read: KnowledgeReader): Promise<CountryTables> {
  return parseCountryTable(await read(COUNTRY_FILE));
}

/** The network-operator table (ip-asn.bin): for the CLI and the views that show networks. */
export async function loadNetworkTable(read: KnowledgeReader): Promise<NetworkTables> {
  return parseNetworkTable(await read(NETWORK_FILE));
}

/** Server country and network tables, read in parallel. */
async function loadIpTables(read: KnowledgeReader): Promise<IpTables> {
  const [country, network] = await Promise.all([loadCountryTable(read), loadNetworkTable(read)]);
  return { country, network };
}

/**
 * The same knowledge with these IP tables added. A fresh host memo: the old one may
 * remember an address as located nowhere from before the tables arrived.
 */
export function withIpTables(core: Knowledge, tables: Partial<IpTables>): Knowledge {
  return { ...core, country: tables.country ?? core.country, network: tables.network ?? core.network, hosts: new HostCache(core.owners) };
}

/** Everything at once (Node, the CLI, tests): all files read in parallel. */
export async function loadKnowledge(read: KnowledgeReader): Promise<Knowledge> {
  const [core, ip] = await Promise.all([loadCoreKnowledge(read), loadIpTables(read)]);
  return withIpTables(core, ip);
}
