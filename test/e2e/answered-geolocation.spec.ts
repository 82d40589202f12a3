/**
 * Where each request was answered from when the geolocation database (DB-IP, ip-geo.bin) places
 * the server, in both browsers. The fixture page edge.example loads from two CDNs whose headers
 * name their point of presence and from a silent host; every host is the fixture server, whose
 * address row is given a registry country (US) and a geolocation (placeServersIn): placed in
 * Ireland, or in an anycast network. The visit's answered countries (upstream reach), the
 * export, the popup's "this page", the report's company and site pages show the database's
 * place with evidence `geolocation` and DB-IP's credit, or the anycast network's registry
 * country labelled as answered near the reader, with no credit; the CDNs' word still comes first.
 */
import { test, expect } from './harness.js';
import type { BrowserPage, ExtensionBrowser } from '../../src/audit/extension-browser.js';
import { flushWorker, readRecords, readTables } from '../../src/audit/read-store.js';
import { exportHost, exportIp, exportRequest } from '../../src/store/export-file/export-rows.js';
import { command } from './helpers/commands.js';
import { placeServersIn, type FixtureGeolocation } from './helpers/popup.js';

const SITE = 'edge.example';
const PARIS = 'assets.paris-cdn.example';
const SILENT = 'pixel.silent-host.example';
const CREDIT = { text: 'IP Geolocation by DB-IP', href: 'https://db-ip.com/' };

async function browseWith(browser: ExtensionBrowser, reader: BrowserPage, geolocation: FixtureGeolocation) {
  // Earlier tests' visits of the page would mix their places into the period's.
  await command(reader, { type: 'forget-site', site: SITE });
  const servers = await placeServersIn(browser, reader, 'US', undefined, geolocation);
  await browser.visit(`https://${SITE}/`);
  for (const deadline = Date.now() + 10_000; ; await new Promise((resolve) => setTimeout(resolve, 100))) {
    await flushWorker(reader);
    const hosts = new Set((await readRecords(reader)).requests.map((r) => r.host));
    if ([PARIS, SILENT].every((host) => hosts.has(host))) break;
    if (Date.now() > deadline) throw new Error('the edge page’s requests were not recorded within 10 s');
  }
  await servers.forgetSeed();
  return (await readRecords(reader)).visits.filter((v) => v.site === SITE).sort((a, b) => b.time - a.time)[0]!;
}

/** The export's location of the newest visit's request to `host`, and the address it names. */
async function exported(reader: BrowserPage, visit: number, host: string) {
  const tables = await readTables(reader);
  const addresses = new Map(tables.ips.map(exportIp).map((ip) => [ip.id, ip]));
  const names = new Map(tables.hosts.map(exportHost).map((h) => [h.id, h.name]));
  const request = tables.requests
    .map((row) => exportRequest(row, (id) => addresses.get(id)))
    .find((r) => names.get(r.host) === host && r.visit === visit)!;
  return { location: request.location, address: addresses.get(request.ip!)! };
}

/** Leaves the fixture server as the next tests of this browser expect it: no geolocation, no visit of the page. */
async function restore(browser: ExtensionBrowser, reader: BrowserPage) {
  await command(reader, { type: 'forget-site', site: SITE });
  const servers = await placeServersIn(browser, reader, 'US');
  await servers.forgetSeed();
  await reader.close();
}

const credits = (page: BrowserPage) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="dbip-credit"]')].map((a) => ({
      text: a.textContent,
      href: (a as HTMLAnchorElement).href,
    })),
  );

/** The popup's "this page" line for the newest visit: each place with its evidence and words. */
async function popupPlaces(browser: ExtensionBrowser, tab: number) {
  const popup = await browser.openExtensionPage(`popup.html?tab=${tab}`);
  await popup.waitForFunction(() => document.querySelectorAll('[data-testid="page-answered"] li').length >= 2, undefined, 15_000);
  const places = await popup.evaluate(() =>
    [...document.querySelectorAll('[data-testid="page-answered"] li')].map((li) => ({
      companies: li.getAttribute('data-companies'),
      country: li.getAttribute('data-country'),
      evidence: li.getAttribute('data-evidence'),
      anycast: li.getAttribute('data-anycast'),
      text: li.textContent,
    })),
  );
  const credit = await credits(popup);
  await popup.close();
  return { places, credit };
}

/** The report's company page of the silent host: its first place and the credits shown. */
async function companyPlace(browser: ExtensionBrowser) {
  const page = await browser.openExtensionPage(`report.html#/companies?period=week&item=${encodeURIComponent('d:silent-host.example')}`);
  await page.waitForFunction(() => document.querySelector('[data-testid="company-answered"] li') !== null, undefined, 15_000);
  const place = await page.evaluate(() => {
    const li = document.querySelector('[data-testid="company-answered"] li')!;
    return { evidence: li.getAttribute('data-evidence'), anycast: li.getAttribute('data-anycast'), text: li.textContent };
  });
  const credit = await credits(page);
  await page.close();
  return { place, credit };
}

async function sitePlaces(browser: ExtensionBrowser) {
  const page = await browser.openExtensionPage(`report.html#/sites?period=week&item=${SITE}`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="site-observer-answered"]').length >= 2, undefined, 15_000);
  const places = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="site-observer-answered"]')].map((span) => [
      span.closest('[data-company]')?.getAttribute('data-company'),
      span.getAttribute('data-evidence'),
    ]),
  );
  const credit = await credits(page);
  await page.close();
  return { places, credit };
}

async function checkGeolocated(browser: ExtensionBrowser) {
  const reader = await browser.openExtensionPage('popup.html');
  try {
    const visit = await browseWith(browser, reader, { geoCountry: 'IE', anycast: false });
    // The visit counts the database's place as known: Ireland among its countries, no unlocated answer.
    expect(visit.answered).toEqual(expect.arrayContaining(['FR', 'IE']));
    expect(visit.unlocated ?? 0).toBe(0);

    const silent = await exported(reader, visit.id, SILENT);
    expect(silent.location).toEqual({ country: 'IE', city: null, evidence: 'geolocation' });
    expect(silent.address).toMatchObject({ country: 'US', geoCountry: 'IE', anycast: false });
    expect((await exported(reader, visit.id, PARIS)).location).toMatchObject({ country: 'FR', evidence: 'cdn-header' });

    const popup = await popupPlaces(browser, visit.tab);
    expect(popup.places).toEqual(
      expect.arrayContaining([
        {
          companies: expect.stringContaining('silent-host.example'),
          country: 'IE',
          evidence: 'geolocation',
          anycast: null,
          text: expect.stringMatching(/^answered from Ireland \(DB-IP\): .*silent-host\.example/),
        },
        expect.objectContaining({ companies: 'paris-cdn.example', evidence: 'cdn-header' }),
      ]),
    );
    expect(popup.credit).toEqual([CREDIT]);

    const company = await companyPlace(browser);
    expect(company.place).toMatchObject({ evidence: 'geolocation', anycast: null });
    expect(company.place.text).toContain('Ireland (where DB-IP’s geolocation database places the address)');
    expect(company.credit).toEqual([CREDIT]);

    const site = await sitePlaces(browser);
    expect(site.places).toEqual(expect.arrayContaining([['d:silent-host.example', 'geolocation']]));
    expect(site.credit).toEqual([CREDIT]);

    // The Countries view's upstream reach counts the database's place, and credits it.
    const countries = await browser.openExtensionPage('report.html#/countries?period=week');
    await countries.waitForFunction(() => document.querySelector('[data-testid="groups-table"]') !== null, undefined, 15_000);
    expect(await credits(countries)).toEqual([CREDIT]);
    await countries.close();
  } finally {
    await restore(browser, reader);
  }
}

async function checkAnycast(browser: ExtensionBrowser) {
  const reader = await browser.openExtensionPage('popup.html');
  try {
    const visit = await browseWith(browser, reader, { geoCountry: null, anycast: true });
    // Anycast: never a known place; the CDNs' answers still are.
    expect(visit.answered).toEqual(expect.arrayContaining(['FR']));
    expect(visit.answered).not.toContain('US');
    expect(visit.unlocated).toBeGreaterThan(0);

    const silent = await exported(reader, visit.id, SILENT);
    expect(silent.location).toEqual({ country: 'US', city: null, evidence: 'registry' });
    expect(silent.address).toMatchObject({ country: 'US', geoCountry: null, anycast: true });

    const popup = await popupPlaces(browser, visit.tab);
    expect(popup.places).toEqual(
      expect.arrayContaining([
        {
          companies: expect.stringContaining('silent-host.example'),
          country: 'US',
          evidence: 'registry',
          anycast: 'true',
          text: expect.stringMatching(/^anycast network, registered in United States: .*silent-host\.example/),
        },
      ]),
    );
    // No place of DB-IP's is shown: no credit either.
    expect(popup.credit).toEqual([]);

    const company = await companyPlace(browser);
    expect(company.place).toMatchObject({ evidence: 'registry', anycast: 'true' });
    expect(company.place.text).toContain('anycast network: answered near you, place unknown');
    expect(company.credit).toEqual([]);
  } finally {
    await restore(browser, reader);
  }
}

test('Chromium: a geolocated server is a known place with evidence geolocation and DB-IP’s credit, in the visit, the export, the popup and the report', async ({
  chromium,
}) => {
  await checkGeolocated(chromium);
});

test('Chromium: an anycast server stays its registry country, labelled as answered near the reader, never a known place', async ({
  chromium,
}) => {
  await checkAnycast(chromium);
});

test('Firefox: a geolocated server is a known place with evidence geolocation and DB-IP’s credit, in the visit, the export, the popup and the report', async ({
  firefox,
}) => {
  await checkGeolocated(firefox);
});

test('Firefox: an anycast server stays its registry country, labelled as answered near the reader, never a known place', async ({
  firefox,
}) => {
  await checkAnycast(firefox);
});
