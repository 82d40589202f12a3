/** The pieces of `npm run package` on their own: the zip, the notices and the Preact cut. */
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { test, expect } from '@playwright/test';
import { deterministicZip, filesUnder, readEntries } from '../../src/release/deterministic-zip.js';
import { bundledPackages, noticesText, packageDirOf, type BundleMetafile } from '../../src/release/third-party-notices.js';
import { withoutInnerHtmlSink } from '../../src/release/no-inner-html.js';
import { withoutMapReference } from '../../src/release/package.js';

const root = path.resolve(import.meta.dirname, '../..');
let scratch = '';
test.beforeEach(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'upstream-release-parts-'));
});
test.afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function writeTree(dir: string, files: Record<string, string>, mtime: Date) {
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
    await utimes(path.join(dir, name), mtime, mtime);
  }
}

test('the same files written at different times, in a different order, zip to the same bytes', async () => {
  const files = { 'b.js': 'b', 'a/z.json': '{}', 'a/b/c.txt': 'c'.repeat(1000) };
  await writeTree(path.join(scratch, 'one'), files, new Date('2020-05-01T10:00:00Z'));
  await writeTree(path.join(scratch, 'two'), Object.fromEntries(Object.entries(files).reverse()), new Date('2031-11-30T23:59:58Z'));
  const zips = await Promise.all(
    ['one', 'two'].map(async (name) => {
      const dir = path.join(scratch, name);
      return deterministicZip(await readEntries(dir, await filesUnder(dir)));
    }),
  );
  expect(zips[0]!.equals(zips[1]!)).toBe(true);
  const opened = await JSZip.loadAsync(zips[0]!);
  expect(Object.keys(opened.files)).toEqual(['a/b/c.txt', 'a/z.json', 'b.js']);
  expect(await opened.file('a/b/c.txt')!.async('string')).toBe(files['a/b/c.txt']);
});

test('a bundled file is attributed to the innermost package folder, scoped names included', () => {
  expect(packageDirOf('../main/node_modules/dexie/dist/dexie.mjs')).toBe('../main/node_modules/dexie');
  expect(packageDirOf('node_modules/@scope/pkg/lib/x.js')).toBe('node_modules/@scope/pkg');
  expect(packageDirOf('node_modules/a/node_modules/b/index.js')).toBe('node_modules/a/node_modules/b');
  expect(packageDirOf('src/report/popup/main.tsx')).toBeNull();
});

test("the notices name each package once, with the bundles it is in and its own licence text (and Dexie's NOTICE)", async () => {
  const metafiles: BundleMetafile[] = [
    {
      outputs: {
        'dist/chrome/report.js': {
          inputs: {
            'node_modules/preact/dist/preact.mjs': {},
            'node_modules/dexie/import-wrapper.mjs': {},
            'src/report/page/main.tsx': {},
          },
        },
        'dist/chrome/report.js.map': { inputs: {} },
      },
    },
    { outputs: { 'dist/chrome/worker.js': { inputs: { 'node_modules/dexie/dist/dexie.mjs': {} } } } },
  ];
  const packages = bundledPackages(metafiles, root);
  expect(packages.map((p) => [p.name, p.bundles])).toEqual([
    ['dexie', ['report.js', 'worker.js']],
    ['preact', ['report.js']],
  ]);
  const dexieLicence = await readFile(path.join(root, 'node_modules/dexie/LICENSE'), 'utf8');
  expect(packages[0]!.licenceText).toContain(dexieLicence.trim().slice(0, 200));
  expect(packages[0]!.licenceText).toContain('NOTICE:\nDexie.js');
  const text = noticesText(packages, 'MIT License\nUpstream');
  expect(text.indexOf('dexie ')).toBeLessThan(text.indexOf('preact '));
  expect(text).not.toContain(root);
});

test('a bundled package that ships no licence file stops the build with its name', async () => {
  await writeTree(
    scratch,
    {
      'node_modules/unlicensed/package.json': '{"name":"unlicensed","version":"1.0.0","license":"MIT"}',
      'node_modules/unlicensed/index.js': '',
    },
    new Date(),
  );
  const metafile = { outputs: { 'out/worker.js': { inputs: { 'node_modules/unlicensed/index.js': {} } } } };
  expect(() => bundledPackages([metafile], scratch)).toThrow(/unlicensed is bundled into the extension but ships no LICENSE file/);
});

test("Preact's one innerHTML assignment becomes a refusal, and a Preact without exactly one stops the build", async () => {
  const preact = await readFile(path.join(root, 'node_modules/preact/dist/preact.mjs'), 'utf8');
  const cut = withoutInnerHtmlSink(preact, 'preact.mjs');
  expect(cut).not.toMatch(/\.innerHTML=/);
  expect(cut).toContain('dangerouslySetInnerHTML is disabled');
  expect(() => withoutInnerHtmlSink(cut, 'preact.mjs')).toThrow(/found 0/);
  expect(() => withoutInnerHtmlSink(preact + preact, 'preact.mjs')).toThrow(/found 2/);
});

test("a store archive's scripts lose the line that points at their map, and nothing else", () => {
  const js = Buffer.from('let a=1;\n//# sourceMappingURL=popup.js.map\n');
  expect(Buffer.from(withoutMapReference('popup.js', js)).toString()).toBe('let a=1;\n');
  const css = Buffer.from('a{b:c}\n/*# sourceMappingURL=report.css.map */\n');
  expect(Buffer.from(withoutMapReference('report.css', css)).toString()).toBe('a{b:c}\n');
  const json = Buffer.from('{"x":"\\n//# sourceMappingURL=y"}');
  expect(withoutMapReference('data.json', json)).toBe(json);
});
