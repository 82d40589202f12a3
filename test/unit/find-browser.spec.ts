import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { BrowserNotFoundError, findBrowser } from '../../src/audit/find-browser.js';

const root = path.resolve(import.meta.dirname, '../..');

test('an explicit path that does not exist is refused with what to install', () => {
  expect(() => findBrowser('chromium', '/nonexistent/chromium')).toThrow(BrowserNotFoundError);
  expect(() => findBrowser('firefox', undefined, { UPSTREAM_FIREFOX: '/nonexistent/firefox' })).toThrow(
    /UPSTREAM_FIREFOX .*does not exist.*apt-get install firefox-esr/,
  );
});

test('branded Google Chrome is refused because it cannot load unpacked extensions', async () => {
  const { mkdtemp, writeFile } = await import('node:fs/promises');
  const dir = await mkdtemp(path.join((await import('node:os')).tmpdir(), 'upstream-'));
  const fake = path.join(dir, 'google-chrome');
  await writeFile(fake, '');
  expect(() => findBrowser('chromium', fake)).toThrow(/branded Google Chrome, which ignores --load-extension/);
});

test('`npm test` without a browser prints one line saying what to install, and fails', () => {
  const result = spawnSync(process.execPath, ['test/run.mjs'], {
    cwd: root,
    env: { ...process.env, UPSTREAM_CHROMIUM: '/nonexistent/chromium' },
    encoding: 'utf8',
  });
  expect(result.status).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^UPSTREAM_CHROMIUM \(\/nonexistent\/chromium\) does not exist\. No Chromium found: install it/);
  expect(result.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
});
