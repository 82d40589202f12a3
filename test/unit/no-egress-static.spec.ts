/**
 * No egress, read from the code: the extension's sources and its built files (dependencies
 * included) have no way to send anything out. The one `fetch` reads files packaged inside
 * the extension; nothing opens a socket, posts a beacon, loads a script or evaluates text;
 * the pages load only their own files; the built manifests keep the strict CSP.
 * The end-to-end half (what the browser really sent) is in test/e2e/no-egress.spec.ts and
 * the harness's egress guard.
 */
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const TARGETS = ['chrome', 'firefox'] as const;

/** Ways out of a page or worker other than fetch, and ways to run text as code. */
const FORBIDDEN: [string, RegExp][] = [
  ['XMLHttpRequest', /\bXMLHttpRequest\b/],
  ['WebSocket', /\bWebSocket\b/],
  ['WebTransport', /\bWebTransport\b/],
  ['EventSource', /\bEventSource\b/],
  ['sendBeacon', /\bsendBeacon\b/],
  ['importScripts', /\bimportScripts\b/],
  ['RTCPeerConnection', /\bRTCPeerConnection\b/],
  ['eval', /(^|[^\w$.])eval\s*\(/],
  ['new Function', /\bnew\s+Function\s*\(/],
  ['string timer', /\bset(Timeout|Interval)\s*\(\s*['"`]/],
  ['remote import', /\bimport\s*\(\s*['"`]https?:/],
];

/** Every `fetch(` must read a packaged file: its argument starts with the extension's own URL. */
const OWN_FETCH = /fetch\(\s*[\w$]+(\.default)?\.runtime\.getURL\(/g;

function findings(text: string): string[] {
  const found = FORBIDDEN.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
  const fetches = text.match(/\bfetch\s*\(/g)?.length ?? 0;
  const own = text.match(OWN_FETCH)?.length ?? 0;
  if (fetches !== own) found.push(`${fetches - own} fetch() of something else than a packaged file`);
  return found;
}

function filesUnder(folder: string, extension: RegExp): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && extension.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

test.beforeAll(() => {
  // The built files are read as they ship; build them when this test runs on its own.
  if (!TARGETS.every((t) => existsSync(path.join(root, 'dist', t, 'worker.js'))))
    execFileSync(process.execPath, ['build.mjs'], { cwd: root, stdio: 'ignore' });
});

test('the checks catch each way out they look for', () => {
  expect(findings('const r = await fetch(x.runtime.getURL("knowledge/a.bin"))')).toEqual([]);
  expect(findings('fetch("https://collector.example/")')).toEqual(['1 fetch() of something else than a packaged file']);
  expect(findings('new XMLHttpRequest(); new WebSocket(u); navigator.sendBeacon(u); importScripts(u)')).toEqual([
    'XMLHttpRequest',
    'WebSocket',
    'sendBeacon',
    'importScripts',
  ]);
  expect(findings('eval(code); new Function("a", b); setTimeout("run()", 1); import("https://cdn.example/x.js")')).toEqual([
    'eval',
    'new Function',
    'string timer',
    'remote import',
  ]);
  expect(findings('x.evaluate(y); retrieval(z); o.eval2(1)')).toEqual([]);
});

test('the extension sources (capture, classify, store, report, shared) have no way out but reading packaged files', () => {
  const files = ['capture', 'classify', 'store', 'report', 'shared'].flatMap((folder) =>
    filesUnder(path.join(root, 'src', folder), /\.tsx?$/),
  );
  expect(files.length).toBeGreaterThan(50);
  // Comments may name what the code does not do; only code counts.
  const code = (file: string) =>
    readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:])\/\/.*$/gm, '$1');
  const bad = files.map((file) => [path.relative(root, file), findings(code(file))] as const).filter(([, found]) => found.length);
  expect(bad).toEqual([]);
});

test('the built scripts of both browsers (dependencies included) have no eval, no way out, and fetch only packaged files', () => {
  for (const target of TARGETS) {
    const scripts = filesUnder(path.join(root, 'dist', target), /\.js$/).filter(
      (file) => !file.includes(`${path.sep}knowledge${path.sep}`),
    );
    expect(scripts.map((file) => path.basename(file)).sort(), target).toEqual(['popup.js', 'report.js', 'witness.js', 'worker.js']);
    for (const file of scripts) expect(findings(readFileSync(file, 'utf8')), `${target}/${path.basename(file)}`).toEqual([]);
  }
});

test('the pages load only their own files, and the built manifests keep the strict CSP', () => {
  for (const target of TARGETS) {
    const dist = path.join(root, 'dist', target);
    for (const page of filesUnder(dist, /\.html$/)) {
      const html = readFileSync(page, 'utf8');
      const loaded = [...html.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"/g)].map((m) => m[1]!);
      expect(loaded.length, page).toBeGreaterThan(0);
      expect(
        loaded.filter((url) => /^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)),
        `${target}/${path.basename(page)} loads nothing from elsewhere`,
      ).toEqual([]);
      expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? [], 'no inline script').toEqual([]);
    }
    const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8'));
    const csp: string = manifest.content_security_policy.extension_pages;
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name!, values]),
    );
    expect(directives.get('script-src'), target).toEqual(["'self'"]);
    expect(directives.get('connect-src'), target).toEqual(["'self'"]);
    expect(directives.get('default-src'), target).toEqual(["'self'"]);
    expect(csp, target).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|https?:|\*/);
    expect(manifest.web_accessible_resources, `${target}: no page may load the extension's files`).toBeUndefined();
    expect(manifest.externally_connectable, `${target}: no web page may message the extension`).toBeUndefined();
  }
});
