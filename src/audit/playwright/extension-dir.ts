/**
 * Where the fixture finds the unpacked Chromium build of Upstream: `dist/chrome` of the
 * package it ships in, whether it runs from the TypeScript source (this repository) or
 * from the bundle in `dist/playwright/` (a project that installed the package). When the
 * build is missing it runs the package's own build once, or fails with one message that
 * says what to do.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withLock } from '../../knowledge/dir-lock.js';

const PACKAGE_NAME = 'upstream';
// The build writes worker.js after manifest.json: a folder with both is a finished build.
const BUILT_FILES = ['manifest.json', 'worker.js'];
const LOCK_WAIT_MS = 5 * 60_000;

class ExtensionBuildError extends Error {
  override name = 'ExtensionBuildError';
}

/** The folder of Upstream's own package.json, found upwards from this file. */
function packageRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
    if (path.dirname(dir) === dir)
      throw new ExtensionBuildError(`Upstream's package.json was not found above ${from}: reinstall the upstream package.`);
  }
}

function isBuilt(dir: string): boolean {
  return BUILT_FILES.every((file) => existsSync(path.join(dir, file)));
}

function runBuild(root: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['build.mjs'], { cwd: root, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      const lastLines = stderr
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .slice(-3)
        .join(' ');
      const reason = (lastLines || error.message).slice(0, 400);
      reject(
        new ExtensionBuildError(
          `Upstream's extension is not built (${path.join(root, 'dist', 'chrome')}) and \`node build.mjs\` failed: ${reason}. ` +
            `Build it in ${root} with \`npm ci && npm run build\`, or set upstreamOptions.extensionDir to a built dist/chrome.`,
        ),
      );
    });
  });
}

/** The unpacked extension to load: the one given, or the package's dist/chrome (built on the spot if missing). */
export async function extensionDir(explicit?: string): Promise<string> {
  if (explicit) {
    if (!isBuilt(explicit))
      throw new ExtensionBuildError(
        `upstreamOptions.extensionDir (${explicit}) is not a built extension (no ${BUILT_FILES.join(' or ')}): point it at Upstream's dist/chrome.`,
      );
    return explicit;
  }
  const root = packageRoot();
  const dir = path.join(root, 'dist', 'chrome');
  if (isBuilt(dir)) return dir;
  if (!existsSync(path.join(root, 'build.mjs'))) {
    throw new ExtensionBuildError(
      `Upstream's extension is not built (no ${dir}) and this copy of the package cannot build it (no build.mjs): install a package that includes dist/chrome (\`npm pack\` in a checkout builds one).`,
    );
  }
  // Test workers start together: only one of them builds, the others wait for its lock and then find the build done.
  await withLock(
    path.join(root, 'dist', 'playwright-build'),
    async () => {
      if (!isBuilt(dir)) await runBuild(root);
    },
    {
      // A build may take long on a slow machine: never taken over, waited for up to LOCK_WAIT_MS.
      staleMs: Infinity,
      giveUp: {
        afterMs: LOCK_WAIT_MS,
        error: (lock) =>
          new ExtensionBuildError(
            `Waited ${LOCK_WAIT_MS / 1000} s for another build of Upstream to finish; if none is running, delete ${lock}.`,
          ),
      },
    },
  );
  if (!isBuilt(dir)) throw new ExtensionBuildError(`\`node build.mjs\` in ${root} finished but ${dir} is still not a built extension.`);
  return dir;
}
