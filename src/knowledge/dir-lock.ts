/**
 * A lock on a folder: a directory created next to it (mkdir is atomic), so that processes
 * started together (a build and tests, test workers, audit shards) do not write the same
 * files at once. Node only; no other import, so the Playwright fixture's bundle can carry it.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

export interface LockOptions {
  /** a lock older than this is left over from a crash and is taken over (default two minutes) */
  staleMs?: number;
  /** stop waiting after `afterMs`, with `error(lock)` */
  giveUp?: { afterMs: number; error: (lock: string) => Error };
}

/** Runs `work` while holding the lock `.<name>.lock` beside `outDir`. */
export async function withLock<T>(outDir: string, work: () => Promise<T>, { staleMs = 120_000, giveUp }: LockOptions = {}): Promise<T> {
  const lock = path.join(path.dirname(outDir), `.${path.basename(outDir)}.lock`);
  await mkdir(path.dirname(lock), { recursive: true });
  const started = Date.now();
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
      if (age > staleMs) await rm(lock, { recursive: true, force: true });
      else if (giveUp && Date.now() - started > giveUp.afterMs) throw giveUp.error(lock);
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}
