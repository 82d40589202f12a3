/**
 * Least privilege: every grant the manifest asks for (permissions, host access, optional
 * ones, content scripts) is explained in README.md's "Permissions and why" table, and used
 * by the code. Adding a permission without its reason, or keeping one the code no longer
 * uses, fails here.
 */
import { test, expect } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { grantsOf, permissionTable, unexplained, unused, type UseEvidence } from './helpers/permission-audit.js';

const root = path.resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8'));
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

/** The extension's own code: what runs in the browser (the audit and CLI tools run in Node and grant nothing). */
function extensionSources(): Map<string, string> {
  const sources = new Map<string, string>();
  for (const folder of ['capture', 'classify', 'store', 'report', 'shared']) {
    for (const entry of readdirSync(path.join(root, 'src', folder), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
      const file = path.relative(root, path.join(entry.parentPath, entry.name));
      sources.set(file, readFileSync(path.join(root, file), 'utf8'));
    }
  }
  return sources;
}

/** build.mjs's CONTENT_SCRIPTS: built file name (without .js) → source file. */
function contentScriptSources(): Record<string, string> {
  const block = /const CONTENT_SCRIPTS = \{([^}]*)\}/.exec(readFileSync(path.join(root, 'build.mjs'), 'utf8'))?.[1] ?? '';
  return Object.fromEntries([...block.matchAll(/(\w+):\s*'([^']+)'/g)].map((m) => [m[1]!, m[2]!]));
}

const evidence: UseEvidence = { sources: extensionSources(), contentScripts: contentScriptSources() };

test('every permission, host access and content script of the manifest is explained in the README, and every row still applies', () => {
  const grants = grantsOf(manifest);
  // What this manifest asks today, so the test is known to look at all of it.
  expect(grants.map((g) => `${g.kind}: ${g.name}`)).toEqual([
    'permission: webRequest',
    'permission: storage',
    'permission: scripting',
    'permission: dns',
    'host access: <all_urls>',
    'content script: <all_urls>',
  ]);
  expect(permissionTable(readme).length).toBe(6);
  expect(unexplained(manifest, readme)).toEqual({ missing: [], stale: [] });
});

test('the README check fails for a grant added without its reason, for an empty reason and for a row the manifest no longer needs', () => {
  const more = {
    ...manifest,
    permissions: [...manifest.permissions, 'tabs'],
    optional_permissions: ['downloads'],
    optional_host_permissions: ['https://*.example/*'],
    content_scripts: [...manifest.content_scripts, { matches: ['https://shop.example/*'], js: ['probe.js'] }],
  };
  expect(unexplained(more, readme).missing).toEqual([
    'permission tabs',
    'optional permission downloads',
    'optional host access https://*.example/*',
    'content script https://shop.example/* (probe.js)',
  ]);
  const emptyReason = readme.replace(/(\| `storage` +\|)[^\n]*/, '$1 |');
  expect(unexplained(manifest, emptyReason).missing).toEqual(['permission storage']);
  const fewer = { ...manifest, permissions: ['storage', 'scripting', 'dns'] };
  expect(unexplained(fewer, readme).stale).toEqual(['`webRequest`']);
});

test('the manifest asks for nothing the code does not use', () => {
  expect(evidence.sources.size).toBeGreaterThan(50);
  expect(evidence.contentScripts).toEqual({ witness: 'src/capture/witness-content.ts' });
  expect(unused(manifest, evidence)).toEqual([]);
});

test('the use check fails for a permission the code never calls, a host pattern no listener filters on, and a content script with no source', () => {
  const more = {
    ...manifest,
    permissions: [...manifest.permissions, 'cookies', 'tabs'],
    host_permissions: [...manifest.host_permissions, 'https://*.example/*'],
    content_scripts: [{ matches: ['<all_urls>'], js: ['witness.js', 'probe.js'] }],
  };
  expect(unused(more, evidence)).toEqual([
    'permission cookies: no known use in src/',
    'permission tabs: no known use in src/',
    'host access https://*.example/*: no webRequest listener filters on it',
    'content script probe.js: not built from any source in src/',
  ]);
  // Code that stopped calling storage would leave the storage permission unused.
  const withoutStorage = new Map(
    [...evidence.sources].map(([file, text]) => [file, text.replace(/browser\.storage\./g, 'browser.other.')]),
  );
  expect(unused(manifest, { ...evidence, sources: withoutStorage })).toEqual([
    String.raw`permission storage: /\bbrowser\.storage\.(local|session|sync)\b/ is not called in src/`,
  ]);
});
