import { test, expect } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { manifestFor } from '../../build.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

test('one manifest gives Chrome a service worker and Firefox an event page, both at the package version', () => {
  const chrome = manifestFor('chrome', manifest, pkg.version);
  const firefox = manifestFor('firefox', manifest, pkg.version);
  expect(chrome.manifest_version).toBe(3);
  expect(chrome.version).toBe(pkg.version);
  expect(chrome.background).toEqual({ service_worker: 'worker.js', type: 'module' });
  expect(chrome.browser_specific_settings).toBeUndefined();
  expect(firefox.background).toEqual({ scripts: ['worker.js'], type: 'module' });
  expect(firefox.browser_specific_settings.gecko.id).toMatch(/@/);
  expect(firefox.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
  // Chrome has no DNS API and warns about a permission it does not know.
  expect(chrome.permissions).toEqual(['webRequest', 'storage', 'scripting']);
  expect(firefox.permissions).toEqual(['webRequest', 'storage', 'scripting', 'dns']);
  expect(() => manifestFor('safari', manifest, pkg.version)).toThrow(/unknown target/);
});

test('the manifest asks for the least it needs and keeps private windows out', () => {
  expect(manifest.permissions).toEqual(['webRequest', 'storage', 'scripting', 'dns']);
  expect(manifest.host_permissions).toEqual(['<all_urls>']);
  expect(manifest.optional_permissions).toBeUndefined();
  expect(manifest.incognito).toBe('not_allowed');
  expect(manifest.default_locale).toBe('en');
});

test('the content security policy allows no remote code, eval or inline script', () => {
  const csp: string = manifest.content_security_policy.extension_pages;
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );
  expect(directives.get('script-src')).toEqual(["'self'"]);
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|https?:|\*/);
});

test('English and French locales define the same messages, and every __MSG_ in the manifest exists', () => {
  const locales = readdirSync(path.join(root, 'extension/_locales'));
  expect(locales.sort()).toEqual(['en', 'fr']);
  const read = (l: string) => JSON.parse(readFileSync(path.join(root, 'extension/_locales', l, 'messages.json'), 'utf8'));
  const en = read('en');
  const fr = read('fr');
  expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  for (const match of JSON.stringify(manifest).matchAll(/__MSG_(\w+)__/g)) expect(en[match[1]!]).toBeDefined();
  for (const key of Object.keys(en)) expect(fr[key].message.length).toBeGreaterThan(0);
});
