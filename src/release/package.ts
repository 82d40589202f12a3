/**
 * `npm run package` (after `node build.mjs`): the store archives, the source archive for
 * Mozilla's review and their checksums, in dist/packages/. Same commit, same bytes:
 * docs/release.md says how to check, and test/unit/release-reproducible.spec.ts checks it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deterministicZip, filesUnder, readEntries, type ZipEntry } from './deterministic-zip.js';
import { NOTICES_FILE } from './third-party-notices.js';

export const STORE_TARGETS = ['chrome', 'firefox'] as const;

export const archiveNames = (version: string) => ({
  chrome: `upstream-chrome-${version}.zip`,
  firefox: `upstream-firefox-${version}.zip`,
  source: `upstream-source-${version}.zip`,
});

/**
 * What a store archive holds: the build minus source maps. The maps are for development
 * (they name every source file and are larger than the code); reviewers get the source itself.
 */
export const inStoreArchive = (name: string) => !name.endsWith('.map');

/** The last line of a bundle that points at its map: dropped with the map, so that no page asks for a missing file. */
const MAP_REFERENCE = /\n(\/\/# sourceMappingURL=[^\n]*|\/\*# sourceMappingURL=[^\n]*\*\/)\n?$/;

export function withoutMapReference(name: string, data: Uint8Array): Uint8Array {
  if (!/\.(js|css)$/.test(name)) return data;
  const text = Buffer.from(data).toString('utf8');
  return MAP_REFERENCE.test(text) ? Buffer.from(text.replace(MAP_REFERENCE, '\n')) : data;
}

async function storeArchive(root: string, target: string): Promise<Buffer> {
  const dir = path.join(root, 'dist', target);
  const names = (await filesUnder(dir)).filter(inStoreArchive);
  if (!names.includes(NOTICES_FILE) || !names.includes('manifest.json')) {
    throw new Error(`dist/${target} lacks ${NOTICES_FILE} or manifest.json: run node build.mjs first`);
  }
  const entries = await readEntries(dir, names);
  return deterministicZip(entries.map((entry) => ({ name: entry.name, data: withoutMapReference(entry.name, entry.data) })));
}

/** The files git tracks, under one folder named for the version; null outside a git checkout. */
async function sourceEntries(root: string, version: string): Promise<ZipEntry[] | null> {
  if (!existsSync(path.join(root, '.git'))) return null;
  const listed = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  // A tracked file deleted in the working tree is not part of what is being released.
  const names = listed.filter((name) => existsSync(path.join(root, name)));
  const entries = await readEntries(root, names);
  return entries.map((entry) => ({ name: `upstream-${version}/${entry.name}`, data: entry.data }));
}

function uncommittedChanges(root: string): string {
  if (!existsSync(path.join(root, '.git'))) return '';
  return execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }).trimEnd();
}

/** `sha256sum` format, so that `sha256sum -c SHA256SUMS` checks the folder. */
export function checksumsText(files: ReadonlyMap<string, Buffer>): string {
  return [...files.keys()]
    .sort()
    .map((name) => `${createHash('sha256').update(files.get(name)!).digest('hex')}  ${name}\n`)
    .join('');
}

export async function writePackages(root: string): Promise<Map<string, Buffer>> {
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const names = archiveNames(version);
  const out = path.join(root, 'dist', 'packages');
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const written = new Map<string, Buffer>();
  for (const target of STORE_TARGETS) written.set(names[target], await storeArchive(root, target));
  const source = await sourceEntries(root, version);
  if (source) written.set(names.source, await deterministicZip(source));
  for (const [name, bytes] of written) await writeFile(path.join(out, name), bytes);
  await writeFile(path.join(out, 'SHA256SUMS'), checksumsText(written));
  if (!source) console.warn('Upstream: not a git checkout, so no source archive (it lists the files git tracks).');
  const changes = uncommittedChanges(root);
  if (changes) console.warn(`Upstream: the working tree differs from its commit, so these archives are not that commit's:\n${changes}`);
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  writePackages(root)
    .then((written) => {
      for (const [name, bytes] of written) console.log(`dist/packages/${name}  ${(bytes.length / 1024).toFixed(0)} KiB`);
      console.log('dist/packages/SHA256SUMS');
    })
    .catch((error: unknown) => {
      console.error(`Upstream: packaging failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
