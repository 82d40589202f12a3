/**
 * The real compiled IP tables for tests (hosting.bin with the project's network → operator
 * table, as the build compiles it): compiled once into build/test-knowledge-ip/<stamp>/
 * and reused while the data packages and the compiler are unchanged (the stamp hashes
 * both). Playwright runs spec files in parallel workers, so the first one compiles under
 * a lock directory while the others wait, and the result appears by an atomic rename.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { IP_TABLE_FILES, parseIpTables, type IpTables } from '../../../src/classify/ip-lookup.js';
import { COUNTRY_PACKAGE, GEO_PACKAGE, NETWORK_PACKAGE, compileIpTables } from '../../../src/knowledge/ip-tables.js';
import { ANYCAST_TABLE } from '../../../src/knowledge/ip-geo.js';
import { readJurisdictionTable } from '../../../src/knowledge/jurisdictions.js';
import { NETWORKS_FILE, operatorIndices, readNetworkOperators } from '../../../src/knowledge/network-operators.js';
import { JURISDICTIONS_FILE } from '../../../src/knowledge/jurisdictions.js';

export const root = path.resolve(import.meta.dirname, '../../..');
const base = path.join(root, 'build', 'test-knowledge-ip');
const LOCK_STALE_MS = 5 * 60_000;

export interface IpKnowledge {
  readonly dir: string;
  /** Fresh copies of the files, as the extension would fetch them. */
  readonly files: Record<string, ArrayBuffer>;
  readonly tables: IpTables;
}

/** Package versions plus the source of everything that shapes the compiled bytes. */
function stamp(): string {
  const hash = createHash('sha256');
  for (const name of [COUNTRY_PACKAGE, NETWORK_PACKAGE, GEO_PACKAGE])
    hash.update(readFileSync(path.join(root, 'node_modules', name, 'package.json')));
  for (const dir of ['src/knowledge', 'src/classify']) {
    for (const file of readdirSync(path.join(root, dir))
      .filter((f) => /^(ip-.*|network-.*)\.ts$/.test(f))
      .sort()) {
      hash.update(file).update(readFileSync(path.join(root, dir, file)));
    }
  }
  // hosting.bin keeps the networks of the operator table, with their companies' indices; ip-geo.bin marks the anycast table's.
  for (const file of [NETWORKS_FILE, JURISDICTIONS_FILE, ANYCAST_TABLE]) hash.update(file).update(readFileSync(path.join(root, file)));
  return hash.digest('hex').slice(0, 16);
}

async function compileOnce(dir: string): Promise<void> {
  const lock = `${dir}.lock`;
  for (;;) {
    if (existsSync(dir)) return;
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker is compiling; take the lock over only if it looks abandoned.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    if (existsSync(dir)) return;
    const temporary = `${dir}.tmp-${process.pid}`;
    rmSync(temporary, { recursive: true, force: true });
    const jurisdictions = await readJurisdictionTable(root);
    const operators = operatorIndices(jurisdictions, await readNetworkOperators(root, jurisdictions));
    await compileIpTables(temporary, { log: () => {}, operators });
    renameSync(temporary, dir);
    for (const old of readdirSync(base)) {
      if (!old.startsWith(path.basename(dir))) rmSync(path.join(base, old), { recursive: true, force: true });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function readIpFiles(dir: string): Record<string, ArrayBuffer> {
  const files: Record<string, ArrayBuffer> = {};
  for (const name of IP_TABLE_FILES) {
    const bytes = readFileSync(path.join(dir, name));
    files[name] = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
  return files;
}

let loaded: Promise<IpKnowledge> | undefined;

export function ipKnowledge(): Promise<IpKnowledge> {
  loaded ??= (async () => {
    mkdirSync(base, { recursive: true });
    const dir = path.join(base, stamp());
    await compileOnce(dir);
    const files = readIpFiles(dir);
    return { dir, files, tables: parseIpTables(files) };
  })();
  return loaded;
}
