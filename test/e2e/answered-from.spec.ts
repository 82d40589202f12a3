/**
 * Where each request was answered from, in both browsers: the fixture page edge.example loads
 * from a host whose answers carry Cloudflare's cf-ray (Paris), one with Fastly's x-served-by
 * (Frankfurt) and one that says nothing, its address registered in the US (placeServersIn).
 * The export's requests, the popup's "this page", the report's company page and site page
 * each show the CDN's place with its evidence, and the silent host the next evidence down
 * (the registry country, labelled as not telling where the server stood).
 */
import { test, expect } from './harness.js';
import type { ExtensionBrowser } from '../../src/audit/extension-browser.js';
import { flushWorker, readRecords, readTables } from '../../src/audit/read-store.js';
import { exportHost, exportIp, exportRequest } from '../../src/store/export-file/export-rows.js';
import { placeServersIn } from './helpers/popup.js';

const PARIS = 'assets.paris-cdn.example';
const FRANKFURT = 'img.frankfurt-cdn.example';
const SILENT = 'pixel.silent-host.example';

async function browseEdges(browser: ExtensionBrowser) {
  const reader = await browser.openExtensionPage('popup.html');
  const servers = await placeServersIn(browser, reader, 'US');
  await browser.visit('https://edge.example/');
  for (const deadline = Date.now() + 10_000; ; await new Promise((resolve) => setTimeout(resolve, 100))) {
    await flushWorker(reader);
    const hosts = new Set((await readRecords(reader)).requests.map((r) => r.host));
    if ([PARIS, FRANKFURT, SILENT].every((host) => hosts.has(host))) break;
    if (Date.now() > deadline) throw new Error('the edge page’s requests were not recorded within 10 s');
  }
  await servers.forgetSeed();
  const visit = (await readRecords(reader)).visits.filter((v) => v.site === 'edge.example').sort((a, b) => b.time - a.time)[0]!;
  return { reader, visit };
}

async function checkAnsweredFrom(browser: ExtensionBrowser) {
  const { reader, visit } = await browseEdges(browser);

  // The export: each request with the edge its CDN named and where it answered from.
  const tables = await readTables(reader);
  const addresses = new Map(tables.ips.map(exportIp).map((ip) => [ip.id, ip]));
  const names = new Map(tables.hosts.map(exportHost).map((host) => [host.id, host.name]));
  const exported = tables.requests.map((row) => exportRequest(row, (id) => addresses.get(id)));
  const of = (host: string) => exported.filter((r) => names.get(r.host) === host && r.visit === visit.id);
  expect(of(PARIS)[0]).toMatchObject({ edge: 'cloudflare:CDG', location: { country: 'FR', city: 'Paris', evidence: 'cdn-header' } });
  expect(of(FRANKFURT)[0]).toMatchObject({ edge: 'fastly:FRA', location: { country: 'DE', city: 'Frankfurt', evidence: 'cdn-header' } });
  expect(of(SILENT)[0]).toMatchObject({ edge: null, location: { country: 'US', city: null, evidence: 'registry' } });

  // The popup's "this page": each organisation with its place and evidence.
  const popup = await browser.openExtensionPage(`popup.html?tab=${visit.tab}`);
  await popup.waitForFunction(() => document.querySelectorAll('[data-testid="page-answered"] li').length >= 3, undefined, 15_000);
  const shown = await popup.evaluate(() =>
    [...document.querySelectorAll('[data-testid="page-answered"] li')].map((li) => ({
      companies: li.getAttribute('data-companies'),
      country: li.getAttribute('data-country'),
      evidence: li.getAttribute('data-evidence'),
      text: li.textContent,
    })),
  );
  expect(shown).toEqual(
    expect.arrayContaining([
      {
        companies: 'paris-cdn.example',
        country: 'FR',
        evidence: 'cdn-header',
        text: 'answered from Paris, France (CDN): paris-cdn.example',
      },
      {
        companies: 'frankfurt-cdn.example',
        country: 'DE',
        evidence: 'cdn-header',
        text: 'answered from Frankfurt, Germany (CDN): frankfurt-cdn.example',
      },
      {
        companies: 'silent-host.example',
        country: 'US',
        evidence: 'registry',
        text: 'address registered in United States: silent-host.example',
      },
    ]),
  );
  await popup.close();

  // The report's company page lists the places with the evidence written out.
  const company = await browser.openExtensionPage(`report.html#/companies?period=week&item=${encodeURIComponent('d:paris-cdn.example')}`);
  await company.waitForFunction(() => document.querySelector('[data-testid="company-answered"] li') !== null, undefined, 15_000);
  const places = await company.evaluate(() =>
    [...document.querySelectorAll('[data-testid="company-answered"] li')].map((li) => ({
      country: li.getAttribute('data-country'),
      city: li.getAttribute('data-city'),
      evidence: li.getAttribute('data-evidence'),
      text: li.textContent,
    })),
  );
  expect(places[0]).toMatchObject({ country: 'FR', city: 'Paris', evidence: 'cdn-header' });
  expect(places[0]!.text).toContain('its CDN, Cloudflare, says so');
  await company.close();
  const silent = await browser.openExtensionPage(`report.html#/companies?period=week&item=${encodeURIComponent('d:silent-host.example')}`);
  await silent.waitForFunction(() => document.querySelector('[data-testid="company-answered"] li') !== null, undefined, 15_000);
  const registry = await silent.evaluate(() => document.querySelector('[data-testid="company-answered"] li')!.textContent);
  expect(registry).toContain('United States');
  expect(registry).toContain('only the address’s registry country: where the server stood is unknown');
  await silent.close();

  // The site page names where each organisation answered on it.
  const site = await browser.openExtensionPage('report.html#/sites?period=week&item=edge.example');
  await site.waitForFunction(() => document.querySelectorAll('[data-testid="site-observer-answered"]').length >= 3, undefined, 15_000);
  const onSite = await site.evaluate(() =>
    [...document.querySelectorAll('[data-testid="site-observer-answered"]')].map((span) => [
      span.closest('[data-company]')?.getAttribute('data-company'),
      span.getAttribute('data-evidence'),
    ]),
  );
  expect(onSite).toEqual(
    expect.arrayContaining([
      ['d:paris-cdn.example', 'cdn-header'],
      ['d:frankfurt-cdn.example', 'cdn-header'],
      ['d:silent-host.example', 'registry'],
    ]),
  );
  await site.close();
  await reader.close();
}

test('Chromium: the export, the popup, the company page and the site page show where each organisation answered, with the evidence', async ({
  chromium,
}) => {
  await checkAnsweredFrom(chromium);
});

test('Firefox: the export, the popup, the company page and the site page show where each organisation answered, with the evidence', async ({
  firefox,
}) => {
  await checkAnsweredFrom(firefox);
});
