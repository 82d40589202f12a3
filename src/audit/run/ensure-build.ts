/** The audit runs the extension as built in dist/: built first when missing or older than its sources. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserName } from '../find-browser.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function extensionDirFor(browser: BrowserName): string {
  return path.join(PROJECT_ROOT, 'dist', browser === 'chromium' ? 'chrome' : 'firefox');
}

function newestChange(target: string): number {
  const info = statSync(target);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestChange(path.join(target, entry)));
  return newest;
}

/** What the build is made from (the audit's own code and the demo do not count). */
const SOURCES = ['manifest.json', 'package.json', 'build.mjs', 'extension', 'src/capture', 'src/classify', 'src/store', 'src/report', 'src/knowledge', 'src/shared'];

export function buildIsCurrent(browser: BrowserName): boolean {
  const built = path.join(extensionDirFor(browser), 'manifest.json');
  if (!existsSync(built)) return false;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.every((source) => {
    const file = path.join(PROJECT_ROOT, source);
    return !existsSync(file) || newestChange(file) <= builtAt;
  });
}

const LOCK = path.join(PROJECT_ROOT, 'dist', '.audit-build-lock');
const STALE_LOCK_MS = 5 * 60_000;

/** Creating a folder is atomic: the one audit that creates it builds, the others wait for it. */
function takeLock(): boolean {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  try {
    mkdirSync(LOCK);
    return true;
  } catch {
    // A lock left by a build that was killed must not block every audit after it.
    if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })!.mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
}

/**
 * Builds when needed; throws with the build's own output when it fails. Audits started
 * together (shards on one machine) build once: rebuilding dist/ under a browser that is
 * loading it would break that browser's extension.
 */
export async function ensureBuild(browser: BrowserName, log: (line: string) => void): Promise<void> {
  while (!buildIsCurrent(browser)) {
    if (!takeLock()) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    try {
      if (buildIsCurrent(browser)) return;
      log('Building the extension (node build.mjs)…');
      const run = spawnSync(process.execPath, ['build.mjs'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`The extension did not build:\n${(run.stderr || run.stdout).trim()}`);
      return;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}
