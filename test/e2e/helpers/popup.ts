/**
 * Reading the popup as a person sees it, and computing what it should say straight from
 * the database on disk through the pure aggregation (one source of truth for the figures).
 */
import type { BrowserPage, ExtensionBrowser } from '../../../src/audit/extension-browser.js';
import { flushWorker, readStore } from '../../../src/audit/read-store.js';
import { command } from './commands.js';
import { exposureOf, figureValues } from '../../../src/report/aggregate/exposure.js';
import { summarisePage } from '../../../src/report/aggregate/page-summary.js';
import { requestFactsOfVisit } from '../../../src/store/queries.js';
import { decodeIp, decodeVisit, type RecordedVisit } from '../../../src/store/decode.js';
import { hostTable } from '../../../src/store/rows-to-facts.js';
import type { HostRow, IpRow, RequestRow, VisitRow } from '../../../src/store/schema.js';

export interface PopupFigures {
  page: {
    visit: number;
    thirdParties: number;
    companies: number;
    us: number;
    prism: number;
    list: [string, number][];
    /** each named organisation and who hosted it, "Amazon:US …" (src/report/components/hosted-by.tsx) */
    hosting: [string, string][];
    /** the page's hosting operators: name, law, the organisations it hosted ("Google|Meta") */
    hosts: [string, string, string][];
    countries: [string, number][];
  } | null;
  period: {
    visits: number;
    sites: number;
    figures: Record<string, number | null>;
    topObserver: [string, number] | null;
    topCompanies: [string, number][];
    topCountries: [string, number][];
  };
}

/**
 * A hosting operator for the fixture server, as the worker records one (classify/hosting.ts):
 * Amazon's AS 16509 in the network → operator table. Loopback has none.
 */
export const FIXTURE_HOSTING: FixtureHosting = { asn: 16509, network: 'Amazon.com, Inc.', operator: 'Amazon', operatorJurisdiction: 'US' };

interface FixtureHosting {
  asn: number;
  network: string;
  operator: string;
  operatorJurisdiction: string;
}

/** Where the geolocation database places the fixture server (IpRow `geoCountry`, `anycast`); none unless told. */
export type FixtureGeolocation = Pick<IpRow, 'geoCountry' | 'anycast'>;

/** Browses the fixture sites (servers placed in the US, operated by FIXTURE_HOSTING); returns the reader page and the news page's newest visit. */
export async function browseFixtureSites(browser: ExtensionBrowser): Promise<{ reader: BrowserPage; visit: RecordedVisit }> {
  const reader = await browser.openExtensionPage('popup.html');
  const servers = await placeServersIn(browser, reader, 'US', FIXTURE_HOSTING);
  await browser.visit('https://shop.example/');
  await browser.visit('https://widget.example/');
  await browser.visit('https://news.example/');
  await flushWorker(reader);
  await servers.forgetSeed();
  const visits = (await readStore<VisitRow>(reader, 'visits')).map(decodeVisit);
  const visit = visits.filter((v) => v.site === 'news.example').sort((a, b) => b.time - a.time)[0]!;
  return { reader, visit };
}

/** Waits for the popup's first complete render, then reads every figure it shows. */
export async function readPopup(popup: BrowserPage): Promise<PopupFigures> {
  await popup.waitForFunction(() => document.getElementById('app')?.dataset.complete === 'true', undefined, 15_000);
  return popup.evaluate(() => {
    const num = (el: Element | null, attr = 'data-count') => (el ? Number(el.getAttribute(attr)) : 0);
    const pairs = (selector: string, key: string, count: string) =>
      [...document.querySelectorAll(selector)].map((li) => [li.getAttribute(key)!, Number(li.getAttribute(count))] as [string, number]);
    const details = document.querySelector('[data-visit]');
    const figures: Record<string, number | null> = {};
    for (const li of document.querySelectorAll('[data-figure]')) {
      const raw = li.getAttribute('data-value');
      figures[li.getAttribute('data-figure')!] = raw === '' || raw === null ? null : Number(raw);
    }
    const top = document.querySelector('[data-testid="top-observer"]');
    const visits = document.querySelector('[data-testid="period-visits"]');
    return {
      page: details
        ? {
            visit: num(details, 'data-visit'),
            thirdParties: num(document.querySelector('[data-testid="page-third-parties"]')),
            companies: num(document.querySelector('[data-testid="page-companies"]')),
            us: num(document.querySelector('[data-testid="page-companies"]'), 'data-us'),
            prism: num(document.querySelector('[data-testid="page-prism"]')),
            list: pairs('[data-testid="page-company-list"] li', 'data-company', 'data-requests'),
            hosting: [...document.querySelectorAll('[data-testid="page-company-list"] li[data-company]')].map(
              (li) =>
                [li.getAttribute('data-company')!, li.querySelector('[data-operators]')?.getAttribute('data-operators') ?? ''] as [
                  string,
                  string,
                ],
            ),
            hosts: [...document.querySelectorAll('[data-testid="page-hosts"] li')].map(
              (li) =>
                [li.getAttribute('data-operator')!, li.getAttribute('data-jurisdiction')!, li.getAttribute('data-companies')!] as [
                  string,
                  string,
                  string,
                ],
            ),
            countries: pairs('[data-testid="page-countries"] li', 'data-country', 'data-count'),
          }
        : null,
      period: {
        visits: num(visits),
        sites: num(visits, 'data-sites'),
        figures,
        topObserver: top ? [top.getAttribute('data-company')!, Number(top.getAttribute('data-value'))] : null,
        topCompanies: pairs('[data-testid="top-companies"] li', 'data-company', 'data-sites'),
        topCountries: pairs('[data-testid="top-countries"] li', 'data-country', 'data-count'),
      },
    };
  });
}

/** How many organisations the popup names (SHOWN_ORGANISATIONS in src/report/popup/page-verdict.tsx, which needs a browser to import). */
const SHOWN_ORGANISATIONS = 5;

/** What the popup must show for `visitId` and the last 7 days, computed from the rows on disk. */
export async function expectedPopup(reader: BrowserPage, visitId: number): Promise<PopupFigures> {
  const [visits, hostRows, ipRows, requests] = await Promise.all([
    readStore<VisitRow>(reader, 'visits').then((rows) => rows.map(decodeVisit)),
    readStore<HostRow>(reader, 'hosts'),
    readStore<IpRow>(reader, 'ips'),
    readStore<RequestRow>(reader, 'requests'),
  ]);
  const hosts = hostTable(hostRows);
  const ips = new Map(ipRows.map(decodeIp).map((i) => [i.id, i]));
  const visit = visits.find((v) => v.id === visitId)!;
  const page = summarisePage(visit, requestFactsOfVisit(requests, visitId), hosts, ips);
  const e = exposureOf('7d', Date.now(), visits, hosts, ips);
  return {
    page: {
      visit: visitId,
      thirdParties: page.thirdParties,
      companies: page.companies.length,
      us: page.usCompanies,
      prism: page.prismCompanies.length,
      list: page.companies.slice(0, SHOWN_ORGANISATIONS).map((c) => [c.name, c.requests]),
      hosting: page.companies
        .slice(0, SHOWN_ORGANISATIONS)
        .map((c) => [c.name, c.hosting.map((h) => `${h.operator}:${h.jurisdiction ?? ''}`).join(' ')]),
      hosts: page.hosts.map((h) => [h.operator, h.jurisdiction ?? '', h.companies.join('|')]),
      countries: page.countries.map((c) => [c.country, c.requests]),
    },
    period: {
      visits: e.visits,
      sites: e.sites,
      figures: figureValues(e),
      topObserver: e.topObserver ? [e.topObserver.name, e.topObserver.siteShare] : null,
      topCompanies: e.observers.slice(0, 5).map((o) => [o.name, o.sites]),
      topCountries: e.countries.slice(0, 5).map((c) => [c.country, c.visits]),
    },
  };
}

/**
 * Gives the fixture server a country, and a hosting operator and a geolocation when told
 * them (an earlier test's are cleared otherwise: a figure must not depend on which test of the
 * shared browser ran first), before the pages are browsed. Every fixture host resolves to loopback, which has neither (the IP → country
 * and network → operator lookups themselves are tested in Node, test/unit/ip-*.spec.ts and
 * knowledge-networks.spec.ts). Only user commands are used, so every derived table stays
 * consistent: a seed page makes the worker store the loopback address; the test gives that
 * row a country; forgetting a site nobody visited makes the worker drop its cache of
 * address rows (so what it stores next uses the row as it now is). Call `forgetSeed` once
 * the browsing is done: the seed visit was counted before the address had a country.
 */
export async function placeServersIn(
  browser: ExtensionBrowser,
  reader: BrowserPage,
  country: string,
  hosting?: FixtureHosting,
  geolocation?: FixtureGeolocation,
): Promise<{ forgetSeed(): Promise<void> }> {
  const seed = await browser.visit(`https://${SEED_SITE}/`);
  // A page's load event can come before its requests reach the worker (Firefox dispatches
  // webRequest events to the background page asynchronously): wait for the address row.
  for (const deadline = Date.now() + 10_000; ; await new Promise((resolve) => setTimeout(resolve, 100))) {
    await flushWorker(reader);
    if ((await readStore<IpRow>(reader, 'ips')).length > 0) break;
    if (Date.now() > deadline) throw new Error(`the seed page's requests were not recorded within 10 s`);
  }
  await reader.evaluate(
    ({ country, hosting, geolocation }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('upstream');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('ips', 'readwrite');
          const store = tx.objectStore('ips');
          const all = store.getAll();
          all.onsuccess = () => {
            const noHosting = { asn: null, network: null, operator: null, operatorJurisdiction: null, operatorTracks: false };
            for (const { geoCountry: _g, anycast: _a, ...row } of all.result as {
              country: string | null;
              geoCountry?: unknown;
              anycast?: unknown;
            }[])
              store.put({ ...row, country, ...noHosting, ...hosting, ...geolocation });
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { country, hosting, geolocation },
  );
  await command(reader, { type: 'forget-site', site: 'never-visited.example' });
  return {
    async forgetSeed() {
      await seed.close();
      await flushWorker(reader);
      await command(reader, { type: 'forget-site', site: SEED_SITE });
    },
  };
}

const SEED_SITE = 'seed.example';
