import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './harness.js';
import type { ExtensionBrowser } from '../../src/audit/extension-browser.js';

const provenance = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../dist/chrome/knowledge/provenance.json'), 'utf8')) as {
  sources: { package: string; version: string; licence: string }[];
};

async function readAbout(browser: ExtensionBrowser) {
  const page = await browser.openExtensionPage('report.html#/about');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="sources"] li').length > 0);
  const about = await page.evaluate(() => ({
    items: [...document.querySelectorAll('[data-testid="sources"] li')].map((li) => li.textContent ?? ''),
    links: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')),
  }));
  await page.close();
  return about;
}

function checkAbout(about: { items: string[]; links: (string | null)[] }) {
  expect(about.items).toHaveLength(provenance.sources.length);
  for (const source of provenance.sources) {
    expect(about.items.some((text) => text.includes(source.package) && text.includes(source.version)), source.package).toBe(true);
  }
  expect(about.items.join(' ')).toContain('CC BY-NC-SA 4.0');
  expect(about.links).toContain('https://db-ip.com');
}

test("Chromium: the report's About view credits every data source with its version and licence, and links DB-IP", async ({ chromium }) => {
  checkAbout(await readAbout(chromium));
});

test("Firefox: the report's About view credits every data source with its version and licence, and links DB-IP", async ({ firefox }) => {
  checkAbout(await readAbout(firefox));
});
