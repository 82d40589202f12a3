/**
 * Keeps `node build.mjs` fast: the knowledge is recompiled only when an input changed.
 * The key is the versions of the data packages plus a hash of every file that shapes the
 * output (the compiler's own sources and the jurisdiction table). The stamp and the lock
 * (dir-lock.ts) live next to the output folder, not in it, so they are not copied into the extension.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { packageInfo, projectRoot } from './paths.js';

/** Source folders and files whose content changes the compiled knowledge. */
const INPUT_DIRS = [path.join('src', 'knowledge')];
const INPUT_FILES = [
  path.join('src', 'classify', 'owners-format.ts'),
  path.join('src', 'classify', 'ip-format.ts'),
  path.join('src', 'classify', 'alternative-hosts.ts'),
];

async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

export async function inputsKey(packages: readonly string[]): Promise<string> {
  const root = projectRoot();
  const hash = createHash('sha256');
  for (const name of packages) hash.update(`${name}@${packageInfo(name).version}\n`);
  const files = [
    ...(await Promise.all(INPUT_DIRS.map((dir) => filesUnder(path.join(root, dir))))).flat(),
    ...INPUT_FILES.map((file) => path.join(root, file)).filter((file) => existsSync(file)),
  ].sort();
  for (const file of files) {
    hash.update(`${path.relative(root, file)}\n`);
    hash.update(await readFile(file));
  }
  return hash.digest('hex');
}

function stampPath(outDir: string): string {
  return path.join(path.dirname(outDir), `.${path.basename(outDir)}.inputs`);
}

/** True when `outDir` holds every expected file compiled from exactly these inputs. */
export async function isFresh(outDir: string, key: string, files: readonly string[]): Promise<boolean> {
  try {
    if ((await readFile(stampPath(outDir), 'utf8')).trim() !== key) return false;
    return files.every((file) => existsSync(path.join(outDir, file)));
  } catch {
    return false;
  }
}

export async function markFresh(outDir: string, key: string): Promise<void> {
  await writeFile(stampPath(outDir), `${key}\n`);
}

export async function markStale(outDir: string): Promise<void> {
  await rm(stampPath(outDir), { force: true });
}
