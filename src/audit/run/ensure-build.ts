/** The audit runs the extension as built in dist/: built first when missing or older than its sources. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserName } from '../find-browser.js';
import { withLock } from '../../knowledge/dir-lock.js';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

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
const SOURCES = [
  'manifest.json',
  'package.json',
  'build.mjs',
  'extension',
  'src/capture',
  'src/classify',
  'src/store',
  'src/report',
  'src/knowledge',
  'src/shared',
];

function buildIsCurrent(browser: BrowserName): boolean {
  const built = path.join(extensionDirFor(browser), 'manifest.json');
  if (!existsSync(built)) return false;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.every((source) => {
    const file = path.join(PROJECT_ROOT, source);
    return !existsSync(file) || newestChange(file) <= builtAt;
  });
}

/**
 * Builds when needed; throws with the build's own output when it fails. Audits started
 * together (shards on one machine) build once, under one lock (withLock, as the knowledge
 * compiler takes its own): rebuilding dist/ under a browser loading it would break its extension.
 */
export async function ensureBuild(browser: BrowserName, log: (line: string) => void): Promise<void> {
  if (buildIsCurrent(browser)) return;
  await withLock(path.join(PROJECT_ROOT, 'dist', 'build'), async () => {
    // Another audit may have built it while this one waited for the lock.
    if (buildIsCurrent(browser)) return;
    log('Building the extension (node build.mjs)…');
    const run = spawnSync(process.execPath, ['build.mjs'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`The extension did not build:\n${(run.stderr || run.stdout).trim()}`);
  });
}
