/**
 * Making the folder a command-line tool writes into (Node only). Node's own
 * `mkdir(…, { recursive: true })` never settles on some file systems: on Linux's /proc,
 * mkdir answers ENOENT although the parent exists, and Node retries the parent forever
 * (`npm run audit -- --out /proc/nope` spun a core and never returned). This makes one
 * missing folder at a time, and gives up after a time bound, so that a tool whose output
 * cannot be written says so within seconds, whatever the folder (a dead network mount too).
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Longer than any local or healthy network file system takes to make a few folders. */
const FOLDER_TIMEOUT_MS = 5_000;

export class FolderError extends Error {
  override name = 'FolderError';
  constructor(
    message: string,
    /** the system's error code (ENOENT, EACCES…), or ETIMEDOUT when the file system did not answer in time */
    readonly code: string,
  ) {
    super(message);
  }
}

/** File-system calls given up on after the time bound: they may never return, and must not keep the process alive. */
let abandoned = 0;

/** Whether a call was given up on: a tool then ends with process.exit rather than wait for it. */
export function abandonedCalls(): boolean {
  return abandoned > 0;
}

/** `work` within `ms`, or a FolderError with code ETIMEDOUT (the work itself cannot be stopped, only no longer awaited). */
export async function withinTime<T>(work: Promise<T>, what: string, ms = FOLDER_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abandoned++;
      reject(new FolderError(`${what}: the file system did not answer within ${ms / 1000} s`, 'ETIMEDOUT'));
    }, ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'EIO';
}

/** The deepest of `folder` and its parents that exists, and the missing ones below it, outermost first. */
async function missingParts(folder: string): Promise<string[]> {
  const missing: string[] = [];
  for (let current = folder; ; current = path.dirname(current)) {
    try {
      if (!(await stat(current)).isDirectory()) throw new FolderError(`${current} is not a folder`, 'ENOTDIR');
      return missing.reverse();
    } catch (error) {
      if (error instanceof FolderError) throw error;
      if (codeOf(error) !== 'ENOENT' || path.dirname(current) === current)
        throw new FolderError(`${current} cannot be read`, codeOf(error));
      missing.push(current);
    }
  }
}

async function makeMissing(folder: string): Promise<void> {
  for (const part of await missingParts(folder)) {
    try {
      await mkdir(part);
    } catch (error) {
      // Made meanwhile by someone else: fine if it is a folder.
      if (codeOf(error) === 'EEXIST' && (await stat(part)).isDirectory()) continue;
      throw new FolderError(`${part} cannot be made`, codeOf(error));
    }
  }
}

/** Makes `folder` and its missing parents, one at a time; throws FolderError when it cannot, within FOLDER_TIMEOUT_MS. */
export async function makeFolder(folder: string, ms = FOLDER_TIMEOUT_MS): Promise<void> {
  const absolute = path.resolve(folder);
  await withinTime(makeMissing(absolute), absolute, ms);
}
