/**
 * The compiled knowledge in memory, and the ways to load it. The reader is injected so
 * the same code runs in the worker (fetch from the extension package) and in Node (fs).
 *
 * Two stages, because reading is what a worker start waits for and it costs about in
 * proportion to the bytes (measured in Chromium: some 10 ms per MB through fetch, more
 * under load; test/bench/worker-start.bench.ts): the core (owners.bin, which carries the
 * provenance too) answers everything about a host; the IP tables (server country and network)
 * answer only about an address, and the store keeps those answers apart (IP rows), so the
 * worker can classify hosts at once and complete its IP rows when the tables arrive.
 */
import { HostCache } from './host-verdict.js';
import { IP_TABLE_FILES, parseIpTables, type IpTables } from './ip-lookup.js';
import { parseOwners, type OwnerTables } from './owner-tables.js';
import { OWNERS_BINARY_FILE, type ProvenanceFile } from './owners-format.js';

/** The files `loadCoreKnowledge` reads, relative to the knowledge folder. */
export const CORE_FILES: readonly string[] = [OWNERS_BINARY_FILE];
/** Every file `loadKnowledge` reads. */
export const KNOWLEDGE_FILES: readonly string[] = [...CORE_FILES, ...IP_TABLE_FILES];

export type KnowledgeReader = (file: string) => Promise<ArrayBuffer>;

export interface Knowledge {
  readonly owners: OwnerTables;
  /** Null in core knowledge, until `withIpTables`: addresses are then located nowhere. */
  readonly ip: IpTables | null;
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
  return { owners: tables, ip: null, provenance: tables.provenance, hosts: new HostCache(tables) };
}

/** Server country and network tables, read in parallel. */
export async function loadIpTables(read: KnowledgeReader): Promise<IpTables> {
  const buffers = await Promise.all(IP_TABLE_FILES.map((file) => read(file)));
  const files: Record<string, ArrayBuffer> = {};
  IP_TABLE_FILES.forEach((file, i) => (files[file] = buffers[i]!));
  return parseIpTables(files);
}

/**
 * The same knowledge with the IP tables. A fresh host memo: the old one may remember an
 * address as located nowhere from before the tables arrived.
 */
export function withIpTables(core: Knowledge, ip: IpTables): Knowledge {
  return { ...core, ip, hosts: new HostCache(core.owners) };
}

/** Everything at once (Node, the CLI, tests): all files read in parallel. */
export async function loadKnowledge(read: KnowledgeReader): Promise<Knowledge> {
  const [core, ip] = await Promise.all([loadCoreKnowledge(read), loadIpTables(read)]);
  return withIpTables(core, ip);
}
