#!/usr/bin/env node
// Builds the extension for both browsers from one source tree and one manifest:
//   node build.mjs            -> dist/chrome and dist/firefox
//   node build.mjs --watch    -> rebuild on change
// Any error (TypeScript syntax, a missing file, bad manifest) fails the build loudly.
import * as esbuild from 'esbuild';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const TARGETS = ['chrome', 'firefox'];
const ENTRY_POINTS = {
  worker: 'src/capture/worker.ts',
  popup: 'src/report/popup/main.tsx',
  report: 'src/report/page/main.tsx',
};
// Content scripts are classic scripts, not modules: built on their own, as an IIFE.
const CONTENT_SCRIPTS = { witness: 'src/capture/witness-content.ts' };

/** Permissions only Firefox knows: Chrome warns about them (`dns`: what a host name is an alias of). */
const FIREFOX_ONLY_PERMISSIONS = ['dns'];

/** Each browser gets the one manifest minus what it does not understand. */
export function manifestFor(target, manifest, version) {
  const out = structuredClone(manifest);
  out.version = version;
  if (target === 'chrome') {
    delete out.background.scripts;
    delete out.browser_specific_settings;
    out.permissions = (out.permissions ?? []).filter((name) => !FIREFOX_ONLY_PERMISSIONS.includes(name));
  } else if (target === 'firefox') {
    delete out.background.service_worker;
  } else {
    throw new Error(`unknown target ${target}`);
  }
  return out;
}

function esbuildOptions(target, tools) {
  return {
    absWorkingDir: root,
    entryPoints: ENTRY_POINTS,
    outdir: path.join(root, 'dist', target),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: target === 'chrome' ? 'chrome120' : 'firefox128',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
    // The list of bundled files, from which the third-party notices are written.
    metafile: true,
    plugins: [tools.noInnerHtmlPlugin()],
    define: { 'process.env.NODE_ENV': '"production"' },
    // The worker embeds the core knowledge (src/capture/knowledge-embedded.ts).
    loader: { '.bin': 'base64' },
  };
}

// `upstream/playwright` (package.json exports): the Playwright Test fixture as one ES module
// for Node. Playwright Test transpiles TypeScript in a project's own files, never in
// node_modules, so a project that installs Upstream needs JavaScript; Playwright itself stays
// external so that the project's one copy of it runs the tests.
function playwrightFixtureOptions() {
  return {
    absWorkingDir: root,
    entryPoints: ['src/audit/playwright/index.ts'],
    outfile: path.join(root, 'dist', 'playwright', 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['@playwright/test', 'playwright-core'],
    sourcemap: 'linked',
    logLevel: 'warning',
  };
}

async function copyStatic(target) {
  const outdir = path.join(root, 'dist', target);
  await cp(path.join(root, 'extension'), outdir, { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(root, 'manifest.json'), 'utf8'));
  const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  await writeFile(path.join(outdir, 'manifest.json'), JSON.stringify(manifestFor(target, manifest, version), null, 2));
  const knowledge = path.join(root, 'build', 'knowledge');
  // The owners table travels inside worker.js (src/capture/knowledge-embedded.ts): its files
  // (owners.bin, and owners.json, the same table for people and tools) would be dead weight.
  const embedded = new Set(['owners.bin', 'owners.json']);
  if (existsSync(knowledge)) {
    await cp(knowledge, path.join(outdir, 'knowledge'), { recursive: true, filter: (source) => !embedded.has(path.basename(source)) });
  }
}

/** Bundles a TypeScript module of src/ for Node into build/tools/, and imports it. */
async function loadTool(entry, name) {
  const tool = path.join(root, 'build', 'tools', `${name}.mjs`);
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [path.join(root, entry)],
    outfile: tool,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  return import(`${tool}?t=${Date.now()}`);
}

async function compileKnowledge() {
  const compiler = 'src/knowledge/compile.ts';
  if (!existsSync(path.join(root, compiler))) return;
  const { compileKnowledge: compile } = await loadTool(compiler, 'compile-knowledge');
  await compile(path.join(root, 'build', 'knowledge'));
}

/** Writes THIRD-PARTY-NOTICES.txt into a target's folder from the metafiles of its bundles. */
async function writeNotices(target, results, tools) {
  const packages = tools.bundledPackages(
    results.map((result) => result.metafile),
    root,
  );
  const licence = await readFile(path.join(root, 'LICENSE'), 'utf8');
  await writeFile(path.join(root, 'dist', target, tools.NOTICES_FILE), tools.noticesText(packages, licence));
}

export async function build({ watch = false } = {}) {
  const started = performance.now();
  await compileKnowledge();
  const tools = await loadTool('src/release/build-tools.ts', 'release-tools');
  for (const target of TARGETS) {
    await rm(path.join(root, 'dist', target), { recursive: true, force: true });
    await mkdir(path.join(root, 'dist', target), { recursive: true });
    await copyStatic(target);
  }
  if (watch) {
    for (const target of TARGETS) {
      const options = esbuildOptions(target, tools);
      // The content script bundles no package: the notices follow the main bundles alone here.
      const onEnd = (result) =>
        copyStatic(target)
          .then(() => result.metafile && writeNotices(target, [result], tools))
          .catch(console.error);
      const ctx = await esbuild.context({ ...options, plugins: [...options.plugins, { name: 'static', setup: (b) => b.onEnd(onEnd) }] });
      await ctx.watch();
      await (await esbuild.context({ ...options, entryPoints: CONTENT_SCRIPTS, format: 'iife' })).watch();
    }
    console.log('Upstream: watching src/, extension/ and manifest.json changes are copied on each rebuild.');
    return;
  }
  await Promise.all(
    TARGETS.map(async (target) => {
      const results = await Promise.all([
        esbuild.build(esbuildOptions(target, tools)),
        esbuild.build({ ...esbuildOptions(target, tools), entryPoints: CONTENT_SCRIPTS, format: 'iife' }),
      ]);
      await writeNotices(target, results, tools);
    }).concat(esbuild.build(playwrightFixtureOptions())),
  );
  console.log(`Upstream: built dist/chrome, dist/firefox and dist/playwright in ${Math.round(performance.now() - started)} ms`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  build({ watch: process.argv.includes('--watch') }).catch((error) => {
    console.error(`Upstream: build failed: ${error?.message ?? error}`);
    process.exit(1);
  });
}
