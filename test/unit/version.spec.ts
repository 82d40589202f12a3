/** One version everywhere (src/release/version.ts), and one command that moves it. */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { bumpVersion, versionsOf } from '../../src/release/version.js';

const root = path.resolve(import.meta.dirname, '../..');
const VERSION_FILES = ['package.json', 'package-lock.json', 'manifest.json', 'CHANGELOG.md'];

async function copyOfVersionFiles(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'upstream-version-'));
  for (const file of VERSION_FILES) await cp(path.join(root, file), path.join(dir, file));
  return dir;
}

test('package.json, package-lock.json, manifest.json and the changelog name the same version', () => {
  const versions = versionsOf(root);
  const pkg = versions['package.json']!;
  expect(pkg).toMatch(/^\d+\.\d+\.\d+$/);
  for (const [where, version] of Object.entries(versions)) expect(version, where).toBe(pkg);
});

test('version:bump moves every copy and dates the changelog, keeping an empty Unreleased section', async () => {
  const dir = await copyOfVersionFiles();
  try {
    const before = versionsOf(dir)['package.json']!;
    const [major, minor] = before.split('.').map(Number);
    const next = `${major}.${minor! + 1}.0`;
    bumpVersion(dir, next, '2027-01-15');
    for (const [where, version] of Object.entries(versionsOf(dir))) expect(version, where).toBe(next);
    const changelog = await readFile(path.join(dir, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(new RegExp(`## Unreleased\\n\\n## ${next.replaceAll('.', '\\.')} \\(2027-01-15\\)`));
    expect(changelog).toContain(`## ${before} (`);
    const manifest = await readFile(path.join(dir, 'manifest.json'), 'utf8');
    expect(manifest.endsWith('}\n')).toBe(true);
    expect(JSON.parse(manifest).manifest_version).toBe(3);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('version:bump refuses what the stores would refuse, and leaves the files alone', async () => {
  const dir = await copyOfVersionFiles();
  try {
    const current = versionsOf(dir)['package.json']!;
    const untouched = await Promise.all(VERSION_FILES.map((file) => readFile(path.join(dir, file), 'utf8')));
    expect(() => bumpVersion(dir, '1.2', '2027-01-15')).toThrow(/not a version of the form x\.y\.z/);
    expect(() => bumpVersion(dir, '1.2.3-beta', '2027-01-15')).toThrow(/not a version/);
    expect(() => bumpVersion(dir, current, '2027-01-15')).toThrow(/not higher than the current version/);
    expect(await Promise.all(VERSION_FILES.map((file) => readFile(path.join(dir, file), 'utf8')))).toEqual(untouched);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
