/**
 * Keeps `node build.mjs` fast: the knowledge is recompiled only when an input changed.
 * The key is the versions of the data packages plus a hash of every file that shapes the
 * output (the compiler's own sources and the jurisdiction table). The stamp and the lock
 * live next to the output folder, not in it, so they are not copied into the extension.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { packageInfo, projectRoot } from './paths.js';

/** Source folders and files whose content changes the compiled knowledge. */
const INPUT_DIRS = [path.join('src', 'knowledge')];
const INPUT_FILES = [path.join('src', 'classify', 'owners-format.ts'), path.join('src', 'classify', 'ip-format.ts')];

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

const LOCK_STALE_MS = 120_000;

/**
 * Runs `work` while holding a lock on `outDir`, so that a build and tests started at the same
 * time do not write the same files at once (mkdir is atomic; a lock older than two minutes
 * is left over from a crash and is taken over).
 */
export async function withLock<T>(outDir: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(path.dirname(outDir), `.${path.basename(outDir)}.lock`);
  await mkdir(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > LOCK_STALE_MS) await rm(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}
