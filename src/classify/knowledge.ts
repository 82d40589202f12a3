/**
 * The compiled knowledge in memory, and the one way to load it. The reader is injected so
 * the same code runs in the worker (fetch from the extension package) and in Node (fs).
 */
import { HostCache } from './host-verdict.js';
import { IP_TABLE_FILES, parseIpTables, type IpTables } from './ip-lookup.js';
import { parseOwners, type OwnerTables } from './owner-tables.js';
import { OWNERS_FILE, PROVENANCE_FILE, type OwnersFile, type ProvenanceFile } from './owners-format.js';

/** Every file `loadKnowledge` reads, relative to the knowledge folder. */
export const KNOWLEDGE_FILES: readonly string[] = [OWNERS_FILE, PROVENANCE_FILE, ...IP_TABLE_FILES];

export type KnowledgeReader = (file: string) => Promise<ArrayBuffer>;

export interface Knowledge {
  readonly owners: OwnerTables;
  readonly ip: IpTables;
  readonly provenance: ProvenanceFile;
  /** Memo of per-host verdicts (see host-verdict.ts). */
  readonly hosts: HostCache;
}

function json<T>(buffer: ArrayBuffer): T {
  return JSON.parse(new TextDecoder().decode(buffer)) as T;
}

export async function loadKnowledge(read: KnowledgeReader): Promise<Knowledge> {
  const buffers = await Promise.all(KNOWLEDGE_FILES.map((file) => read(file)));
  const files: Record<string, ArrayBuffer> = {};
  KNOWLEDGE_FILES.forEach((file, i) => (files[file] = buffers[i]!));
  const owners = parseOwners(json<OwnersFile>(files[OWNERS_FILE]!));
  const ipFiles: Record<string, ArrayBuffer> = {};
  for (const file of IP_TABLE_FILES) ipFiles[file] = files[file]!;
  return {
    owners,
    ip: parseIpTables(ipFiles),
    provenance: json<ProvenanceFile>(files[PROVENANCE_FILE]!),
    hosts: new HostCache(owners),
  };
}
