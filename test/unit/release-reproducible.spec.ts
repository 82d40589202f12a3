/**
 * `npm run package` run in two fresh clones of the commit under test gives the same
 * bytes, and what it gives is fit for the stores (no source maps, the notices, one version).
 * It tests HEAD, not uncommitted changes, and builds twice: a slow test.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { test, expect } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '../..');
const version = (JSON.parse(execFileSync('git', ['show', 'HEAD:package.json'], { cwd: root, encoding: 'utf8' })) as { version: string })
  .version;
const clones: string[] = [];

function run(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} in ${cwd} exited ${code}:\n${output}`)),
    );
  });
}

async function cloneHead(): Promise<string> {
  const parent = await mkdtemp(path.join(tmpdir(), 'upstream-release-'));
  const dir = path.join(parent, 'upstream');
  const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  await run('git', ['clone', '--quiet', '--no-checkout', root, dir], parent);
  await run('git', ['checkout', '--quiet', '--detach', commit], dir);
  // The same installed dependencies, as `npm ci` from the lock file would give.
  await symlink(realpathSync(path.join(root, 'node_modules')), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

const packagesOf = (clone: string) => path.join(clone, 'dist', 'packages');

async function openZip(clone: string, name: string): Promise<JSZip> {
  return JSZip.loadAsync(await readFile(path.join(packagesOf(clone), name)));
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  clones.push(await cloneHead(), await cloneHead());
  await Promise.all(clones.map((clone) => run('npm', ['run', '--silent', 'package'], clone)));
});

test.afterAll(async () => {
  await Promise.all(clones.map((clone) => rm(path.dirname(clone), { recursive: true, force: true })));
});

test('two clones of the same commit package to byte-identical archives, with their checksums beside them', async () => {
  const [first, second] = clones as [string, string];
  const names = (await readdir(packagesOf(first))).sort();
  expect(names).toEqual([
    'SHA256SUMS',
    `upstream-chrome-${version}.zip`,
    `upstream-firefox-${version}.zip`,
    `upstream-source-${version}.zip`,
  ]);
  expect((await readdir(packagesOf(second))).sort()).toEqual(names);
  for (const name of names) {
    const [a, b] = await Promise.all([readFile(path.join(packagesOf(first), name)), readFile(path.join(packagesOf(second), name))]);
    expect(a.equals(b), `${name} differs between the two clones`).toBe(true);
  }
  const sums = await run('sha256sum', ['--check', 'SHA256SUMS'], packagesOf(first));
  expect(sums.trim().split('\n')).toHaveLength(3);
});

test('store archives hold no source map and no reference to one, and carry the generated third-party notices', async () => {
  const clone = clones[0]!;
  for (const target of ['chrome', 'firefox']) {
    const zip = await openZip(clone, `upstream-${target}-${version}.zip`);
    const names = Object.keys(zip.files);
    expect(
      names.filter((name) => name.endsWith('.map')),
      target,
    ).toEqual([]);
    for (const script of names.filter((name) => /\.(js|css)$/.test(name))) {
      expect(await zip.file(script)!.async('string'), `${target} ${script}`).not.toContain('sourceMappingURL');
    }
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { version: string };
    expect(manifest.version).toBe(version);
    const notices = await zip.file('THIRD-PARTY-NOTICES.txt')!.async('string');
    // The packages the issue names as bundled, at the versions installed, each with its licence text.
    for (const [name, licenceWords] of [
      ['dexie', 'Apache License'],
      ['webextension-polyfill', 'Mozilla Public License'],
      ['preact', 'MIT'],
      ['uplot', 'MIT'],
      ['d3-force', 'Permission to use'],
      ['valibot', 'MIT'],
    ] as const) {
      const installed = JSON.parse(await readFile(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
      const entry = notices.split(/^-{78}$/m).findIndex((part) => part.trim().startsWith(`${name} ${installed.version}\n`));
      expect(entry, `${target}: ${name} ${installed.version} in the notices`).toBeGreaterThan(0);
      expect(notices.split(/^-{78}$/m)[entry + 1], `${name}'s licence text`).toContain(licenceWords);
    }
  }
});

test('the source archive holds what a reviewer rebuilds from, and nothing built or installed', async () => {
  const zip = await openZip(clones[0]!, `upstream-source-${version}.zip`);
  const names = Object.keys(zip.files);
  const top = `upstream-${version}/`;
  expect(names.every((name) => name.startsWith(top))).toBe(true);
  for (const needed of ['package.json', 'package-lock.json', 'build.mjs', 'manifest.json', 'docs/release.md', 'src/capture/worker.ts']) {
    expect(names, needed).toContain(top + needed);
  }
  expect(names.filter((name) => /\/(node_modules|dist|build)\//.test(name))).toEqual([]);
});
