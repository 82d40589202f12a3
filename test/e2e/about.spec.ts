import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './harness.js';
import type { ExtensionBrowser } from '../../src/audit/extension-browser.js';

const { version } = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
const provenance = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../dist/chrome/knowledge/provenance.json'), 'utf8')) as {
  sources: { package: string; version: string; licence: string }[];
};

async function readAbout(browser: ExtensionBrowser) {
  const page = await browser.openExtensionPage('report.html#/about');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="sources"] li').length > 0);
  const about = await page.evaluate(() => ({
    items: [...document.querySelectorAll('[data-testid="sources"] li')].map((li) => li.textContent ?? ''),
    links: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')),
    version: document.querySelector('[data-testid="about-version"]')?.textContent ?? '',
  }));
  // The link's target, as the extension serves it: the notices the build wrote from the bundles.
  const notices = await page.evaluate(async () => {
    const link = document.querySelector<HTMLAnchorElement>('[data-testid="notices-link"]');
    return link ? (await fetch(link.href)).text() : '';
  });
  await page.close();
  return { ...about, notices };
}

function checkAbout(about: { items: string[]; links: (string | null)[]; version: string; notices: string }) {
  expect(about.version).toContain(version);
  expect(about.notices).toContain('Upstream: third-party notices');
  expect(about.notices).toMatch(/^dexie \d/m);
  expect(about.items).toHaveLength(provenance.sources.length);
  for (const source of provenance.sources) {
    expect(
      about.items.some((text) => text.includes(source.package) && text.includes(source.version)),
      source.package,
    ).toBe(true);
  }
  expect(about.items.join(' ')).toContain('CC BY-NC-SA 4.0');
  // The network → operator table, Upstream's own, behind the hosting operators.
  expect(about.items.some((text) => text.includes('src/knowledge/data/networks.json') && text.includes('MIT'))).toBe(true);
  expect(about.links).toContain('https://db-ip.com');
  // The geolocation database behind the places the worker records, with the credit it asks for.
  const geolocation = about.items.find((text) => text.includes('@ip-location-db/dbip-country'));
  expect(geolocation).toContain('IP Geolocation by DB-IP');
}

test("Chromium: the report's About view credits every data source with its version and licence, links DB-IP, and shows the version and the code notices", async ({
  chromium,
}) => {
  checkAbout(await readAbout(chromium));
});

test("Firefox: the report's About view credits every data source with its version and licence, links DB-IP, and shows the version and the code notices", async ({
  firefox,
}) => {
  checkAbout(await readAbout(firefox));
});
