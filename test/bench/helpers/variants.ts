/**
 * The browsers a benchmark compares, all launched with the same flags so that only the
 * extension differs:
 *   none         no extension at all
 *   empty        an MV3 extension with a manifest and nothing else
 *   bare         one `webRequest.onCompleted` listener on <all_urls> that does nothing: the
 *                floor for any extension that observes every request
 *   bare-headers do-nothing onSendHeaders (extraHeaders) and onCompleted listeners
 *   bare-events  do-nothing listeners on exactly the events Upstream uses (UPSTREAM_EVENTS
 *                in baseline-extensions.ts): what the browser charges Upstream for its
 *                choice of events, before any work of Upstream's own
 *   upstream     a copy of dist/chrome (copied, so a rebuild during the run cannot change it)
 * and, as experiments, copies of dist/chrome with one part of the capture path cut out
 * (see PATCHES). The baseline extensions and copies are written to a temp folder.
 */
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findBrowser } from '../../../src/audit/find-browser.js';
import { waitForWorker } from '../../../src/audit/extension-ready.js';
import { wrapPlaywrightPage } from '../../../src/audit/launch-chromium.js';
import type { FixtureServer } from '../../../src/audit/fixture-server.js';
import { findBrowserPid } from './processes.js';
import { BASELINE_DESCRIPTIONS, BASELINES, type BaselineName, writeBaseline } from './baseline-extensions.js';
// The same quiet, offline-friendly switches as the launcher, for every variant.
import { QUIET_ARGS } from '../../../src/audit/launch-chromium.js';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const DIST_CHROME = path.join(ROOT, 'dist', 'chrome');
/** The fixture sites the capture and worker benchmarks serve (test/fixtures/bench/sites). */
export const BENCH_SITES = path.join(ROOT, 'test', 'fixtures', 'bench', 'sites');

export type VariantName =
  | 'none'
  | BaselineName
  | 'upstream'
  | 'upstream-before'
  | 'upstream-no-extra-headers'
  | 'upstream-no-send-headers'
  | 'upstream-no-journal'
  | 'upstream-no-content-script';

const DESCRIPTIONS: Record<VariantName, string> = {
  none: 'no extension',
  ...BASELINE_DESCRIPTIONS,
  upstream: 'Upstream (dist/chrome)',
  'upstream-before': 'Upstream, an earlier build (the folder in UPSTREAM_BENCH_BEFORE)',
  'upstream-no-extra-headers': 'Upstream, onSendHeaders without extraHeaders (cookie flag lost)',
  'upstream-no-send-headers': 'Upstream, no onSendHeaders listener at all',
  'upstream-no-journal': 'Upstream, no storage.session journal write per event',
  'upstream-no-content-script': 'Upstream without its content scripts (manifest content_scripts removed)',
};

/** Cuts one piece of worker.js out: the pattern must match exactly once (minified or not). */
function patchWorker(pattern: RegExp, replacement: string) {
  return async (dir: string): Promise<string | null> => {
    const file = path.join(dir, 'worker.js');
    const source = await readFile(file, 'utf8');
    const matches = source.match(pattern)?.length ?? 0;
    if (matches !== 1) return `the pattern matched ${matches} times in worker.js (expected 1): the build changed`;
    await writeFile(file, source.replace(pattern, replacement));
    return null;
  };
}

/**
 * Experiments: copies of dist/chrome with one part of the capture path cut out. Each
 * returns why it cannot apply to this build, or null once applied.
 */
const PATCHES: Partial<Record<VariantName, (dir: string) => Promise<string | null>>> = {
  'upstream-no-extra-headers': patchWorker(/\[\s*["']requestHeaders["']\s*,\s*["']extraHeaders["']\s*\]/g, '["requestHeaders"]'),
  'upstream-no-send-headers': patchWorker(/[\w$]+\(\s*["']onSendHeaders["']\s*\)\.addListener\(/g, '(() => {})('),
  // The journal's one write per task turn: `this.area.set(items)` or `this.area.set({ [key]: value })`.
  'upstream-no-journal': patchWorker(
    /this\.area\.set\((?:[\w$]+|\{\s*\[[\w$.]+\]\s*:\s*[^()]*(?:\([\w$]*\))?\s*\})\)/g,
    'Promise.resolve()',
  ),
  'upstream-no-content-script': async (dir) => {
    const file = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(await readFile(file, 'utf8')) as { content_scripts?: unknown[] };
    if (!manifest.content_scripts?.length) return 'this build has no content scripts';
    delete manifest.content_scripts;
    await writeFile(file, JSON.stringify(manifest, null, 2));
    return null;
  },
};

const EXPERIMENTS: VariantName[] = [
  'upstream-no-extra-headers',
  'upstream-no-send-headers',
  'upstream-no-journal',
  'upstream-no-content-script',
];

export function isUpstream(name: VariantName): boolean {
  return name.startsWith('upstream');
}

/**
 * The variants to run: UPSTREAM_BENCH_VARIANTS (a comma list) replaces the defaults;
 * UPSTREAM_BENCH_EXPERIMENTS=1 (all experiments) or a comma list of them adds to them.
 */
export function variantsFromEnv(defaults: VariantName[]): VariantName[] {
  const known = Object.keys(DESCRIPTIONS) as VariantName[];
  const listed = (process.env.UPSTREAM_BENCH_VARIANTS ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = listed.filter((name) => !(known as string[]).includes(name));
  if (unknown.length) throw new Error(`UPSTREAM_BENCH_VARIANTS: unknown ${unknown.join(', ')} (known: ${known.join(', ')})`);
  const chosen = listed.length ? (listed as VariantName[]) : defaults;
  return [...new Set([...chosen, ...experimentsFromEnv()])];
}

function experimentsFromEnv(): VariantName[] {
  const value = process.env.UPSTREAM_BENCH_EXPERIMENTS;
  if (!value || value === '0') return [];
  if (value === '1' || value === 'all') return EXPERIMENTS;
  return value
    .split(',')
    .map((name) => name.trim())
    .filter((name): name is VariantName => (EXPERIMENTS as string[]).includes(name));
}

/** Positive integer from an environment variable, or the default. */
export function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** Which build of Upstream is measured: dist/chrome changes while people work. */
export function describeBuild(): string {
  try {
    const worker = path.join(DIST_CHROME, 'worker.js');
    const hash = createHash('sha256').update(readFileSync(worker)).digest('hex').slice(0, 12);
    const manifest = JSON.parse(readFileSync(path.join(DIST_CHROME, 'manifest.json'), 'utf8')) as {
      version?: string;
      content_scripts?: { js?: string[] }[];
    };
    const scripts = (manifest.content_scripts ?? []).flatMap((entry) => entry.js ?? []);
    let git = '';
    try {
      const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
      const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'manifest.json'], { cwd: ROOT, encoding: 'utf8' }).trim();
      git = `, source at ${head}${dirty ? ' plus uncommitted changes' : ''}`;
    } catch {
      // not a git checkout
    }
    return `Upstream build: dist/chrome ${manifest.version ?? '?'}, worker.js sha256 ${hash}, built ${statSync(worker).mtime.toISOString()}, content scripts: ${scripts.length ? scripts.join(', ') : 'none'}${git}`;
  } catch (error) {
    return `Upstream build: unreadable (${String(error)})`;
  }
}

export interface PreparedVariant {
  name: VariantName;
  description: string;
  /** unpacked extension folder; null for no extension */
  dir: string | null;
}

export interface Workspace {
  dir: string;
  prepare(name: VariantName): Promise<PreparedVariant | { name: VariantName; skipped: string }>;
  remove(): Promise<void>;
}

/** A temp folder for the throw-away extensions and profiles of one benchmark run. */
export async function workspace(): Promise<Workspace> {
  if (!existsSync(path.join(DIST_CHROME, 'manifest.json'))) {
    throw new Error(`${DIST_CHROME} is missing: run \`node build.mjs\` first`);
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'upstream-bench-'));
  const prepare = async (name: VariantName): Promise<PreparedVariant | { name: VariantName; skipped: string }> => {
    const description = DESCRIPTIONS[name];
    if (name === 'none') return { name, description, dir: null };
    const target = path.join(dir, 'ext', name);
    await mkdir(target, { recursive: true });
    if ((BASELINES as string[]).includes(name)) {
      await writeBaseline(name as BaselineName, target);
      return { name, description, dir: target };
    }
    if (name === 'upstream-before') {
      // Before/after in one run: an earlier build saved aside (e.g. `cp -r dist/chrome /tmp/before`).
      const before = process.env.UPSTREAM_BENCH_BEFORE;
      if (!before || !existsSync(path.join(before, 'manifest.json')))
        return { name, skipped: `${name}: set UPSTREAM_BENCH_BEFORE to an unpacked build` };
      await cp(before, target, { recursive: true });
      return { name, description: `${description}: ${before}`, dir: target };
    }
    await cp(DIST_CHROME, target, { recursive: true });
    const patch = PATCHES[name];
    const problem = patch ? await patch(target) : null;
    if (problem) return { name, skipped: `${name}: ${problem}` };
    return { name, description, dir: target };
  };
  return { dir, prepare, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface RunningVariant {
  name: VariantName;
  description: string;
  context: BrowserContext;
  /** the browser's profile folder (removed by close) */
  profileDir: string;
  /** the unpacked extension, or null */
  extensionDir: string | null;
  browserPid: number | null;
  /** chrome-extension://<id>, or null for no extension */
  extensionOrigin: string | null;
  /** The extension's service worker as Playwright sees it (null without one). */
  serviceWorker(): Worker | null;
  close(): Promise<void>;
}

/**
 * Launches Chromium headless for one variant, every host mapped to the fixture server, its
 * certificate trusted (not merely ignored). Resolves once the extension is ready: its worker
 * running, and for Upstream answering messages.
 */
export async function launchVariant(variant: PreparedVariant, server: FixtureServer, workDir: string): Promise<RunningVariant> {
  const profile = await mkdtemp(path.join(workDir, `profile-${variant.name}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findBrowser('chromium'),
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      ...QUIET_ARGS,
      ...(variant.dir ? [`--disable-extensions-except=${variant.dir}`, `--load-extension=${variant.dir}`] : []),
      `--host-resolver-rules=${server.hostResolverRules}`,
      `--ignore-certificate-errors-spki-list=${server.spkiHash}`,
    ],
  });
  const close = async () => {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  };
  try {
    let extensionOrigin: string | null = null;
    const hasWorker = variant.dir !== null && variant.name !== 'empty';
    if (hasWorker) {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
      const url = new URL(worker.url());
      extensionOrigin = `${url.protocol}//${url.host}`;
    }
    if (isUpstream(variant.name) && extensionOrigin) {
      const origin = extensionOrigin;
      await waitForWorker(async () => {
        const page = await context.newPage();
        await page.goto(`${origin}/popup.html`, { waitUntil: 'load' });
        return wrapPlaywrightPage(page);
      });
    }
    const origin = extensionOrigin;
    return {
      name: variant.name,
      description: variant.description,
      context,
      profileDir: profile,
      extensionDir: variant.dir,
      browserPid: findBrowserPid(profile),
      extensionOrigin,
      serviceWorker: () => (origin ? (context.serviceWorkers().find((worker) => worker.url().startsWith(origin)) ?? null) : null),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
