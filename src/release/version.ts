/**
 * Upstream's one version, written in four files: package.json (read by the build, which
 * stamps it into each browser's manifest, where the About view and the exports read it),
 * package-lock.json (twice), manifest.json (so the source says what it builds) and the
 * latest released heading of CHANGELOG.md. `npm run version:bump -- <x.y.z>` changes all of
 * them; test/unit/version.spec.ts fails when they disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;
/** `## 0.2.0 (2026-12-07)`: a released section of CHANGELOG.md. */
const RELEASED_HEADING = /^## (\d+\.\d+\.\d+) \((\d{4}-\d{2}-\d{2})\)$/m;
const UNRELEASED_HEADING = /^## Unreleased$/m;

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & { version: string };
/** Two-space JSON and a final newline, as npm writes package files and as manifest.json is kept. */
const writeJson = (file: string, value: unknown) => writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

/** Where each copy of the version stands, and what it says. */
export function versionsOf(root: string): Record<string, string | null> {
  const lock = readJson(path.join(root, 'package-lock.json')) as { version: string; packages?: Record<string, { version?: string }> };
  const changelog = readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
  return {
    'package.json': readJson(path.join(root, 'package.json')).version,
    'package-lock.json': lock.version,
    'package-lock.json packages[""]': lock.packages?.['']?.version ?? null,
    'manifest.json': readJson(path.join(root, 'manifest.json')).version,
    'CHANGELOG.md': RELEASED_HEADING.exec(changelog)?.[1] ?? null,
  };
}

function compare(a: string, b: string): number {
  const [x, y] = [SEMVER.exec(a)!, SEMVER.exec(b)!];
  for (let i = 1; i <= 3; i++) if (Number(x[i]) !== Number(y[i])) return Number(x[i]) - Number(y[i]);
  return 0;
}

/** Sets every copy to `next` and dates the changelog's Unreleased section; refuses a version that is not higher. */
export function bumpVersion(root: string, next: string, today: string): void {
  if (!SEMVER.test(next)) throw new Error(`"${next}" is not a version of the form x.y.z (Chrome and Firefox accept only numbers)`);
  const current = readJson(path.join(root, 'package.json')).version;
  if (compare(next, current) <= 0)
    throw new Error(`${next} is not higher than the current version ${current}: the stores refuse a version they have seen`);
  const changelogPath = path.join(root, 'CHANGELOG.md');
  const changelog = readFileSync(changelogPath, 'utf8');
  if (!UNRELEASED_HEADING.test(changelog))
    throw new Error('CHANGELOG.md has no "## Unreleased" section to release: write what changed first');
  for (const file of ['package.json', 'manifest.json']) {
    const json = readJson(path.join(root, file));
    writeJson(path.join(root, file), { ...json, version: next });
  }
  const lock = readJson(path.join(root, 'package-lock.json')) as { version: string; packages?: Record<string, { version?: string }> };
  lock.version = next;
  if (lock.packages?.['']) lock.packages[''].version = next;
  writeJson(path.join(root, 'package-lock.json'), lock);
  writeFileSync(changelogPath, changelog.replace(UNRELEASED_HEADING, `## Unreleased\n\n## ${next} (${today})`));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const next = process.argv[2] ?? '';
  try {
    bumpVersion(root, next, new Date().toISOString().slice(0, 10));
    console.log(
      `Upstream ${next}: package.json, package-lock.json, manifest.json and CHANGELOG.md updated; check the changelog, then commit and tag v${next}.`,
    );
  } catch (error) {
    console.error(`Upstream: ${error instanceof Error ? error.message : String(error)}\nUsage: npm run version:bump -- <x.y.z>`);
    process.exit(2);
  }
}
