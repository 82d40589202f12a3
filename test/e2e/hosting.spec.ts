/**
 * Who hosted it, in both browsers: the fixture server is given a hosting operator (Amazon,
 * under US law: FIXTURE_HOSTING) as the worker records one, and the popup's organisations,
 * its US-hosted reach tile, the report's site and company pages and its Countries view name
 * that operator and its law, apart from the owners' law.
 */
import { test, expect } from './harness.js';
import type { ExtensionBrowser } from '../../src/audit/extension-browser.js';
import { readStore } from '../../src/audit/read-store.js';
import { decodeIp } from '../../src/store/decode.js';
import type { IpRow } from '../../src/store/schema.js';
import { browseFixtureSites, FIXTURE_HOSTING } from './helpers/popup.js';

const AMAZON = `${FIXTURE_HOSTING.operator}:${FIXTURE_HOSTING.operatorJurisdiction}`;

async function checkHosting(browser: ExtensionBrowser) {
  const { reader, visit } = await browseFixtureSites(browser);
  // The seed held: the fixture server's address row names its operator.
  const ips = (await readStore<IpRow>(reader, 'ips')).map(decodeIp);
  expect(ips.map((ip) => ip.operator)).toContain(FIXTURE_HOSTING.operator);

  const popup = await browser.openExtensionPage(`popup.html?tab=${visit.tab}`);
  await popup.waitForFunction(() => document.querySelector('#app[data-complete="true"] [data-visit] [data-operators]'), undefined, 15_000);
  const chips = await popup.evaluate(() =>
    [...document.querySelectorAll('[data-testid="page-company-list"] li[data-company]')].map((li) => ({
      company: li.getAttribute('data-company'),
      operators: li.querySelector('[data-operators]')?.getAttribute('data-operators') ?? null,
      // What a screen reader hears of it.
      said: li.querySelector('[data-operators]')?.textContent?.trim() ?? null,
    })),
  );
  expect(chips).toContainEqual({ company: 'Google', operators: AMAZON, said: 'hosted by Amazon (law: United States)' });
  // Seen once for the page, under the organisations: the operator, its law, whom it hosted.
  const line = await popup.evaluate(() => {
    const li = document.querySelector('[data-testid="page-hosts"] li[data-operator="Amazon"]');
    return (
      li && { law: li.getAttribute('data-jurisdiction'), companies: li.getAttribute('data-companies')!.split('|'), text: li.textContent }
    );
  });
  expect(line).toMatchObject({ law: 'US', companies: expect.arrayContaining(['Google']) as unknown });
  expect(line!.text).toMatch(/^Amazon\s*US/);
  const tile = await popup.evaluate(() => document.querySelector('[data-figure="usHostedReach"]')?.getAttribute('data-value'));
  expect(Number(tile)).toBeGreaterThan(0);
  await popup.close();

  const report = await browser.openExtensionPage('report.html#/sites?period=week&item=news.example');
  await report.waitForFunction(() =>
    document.querySelector('[data-testid="site-page"][data-site="news.example"] [data-testid="hosted-by"]'),
  );
  const observers = await report.evaluate(() =>
    [...document.querySelectorAll('[data-testid="site-observers"] li')].map((li) => ({
      company: li.getAttribute('data-company'),
      operators: li.querySelector('[data-testid="hosted-by"]')?.getAttribute('data-operators') ?? null,
      text: li.querySelector('[data-testid="hosted-by"]')?.textContent ?? null,
    })),
  );
  expect(observers).toContainEqual({ company: 'c:Google', operators: AMAZON, text: 'hosted by Amazon (law: United States)' });

  await report.evaluate(() => void (location.hash = '#/companies?period=week&item=c%3AMeta'));
  await report.waitForFunction(() =>
    document.querySelector('[data-testid="company-page"][data-company="c:Meta"] [data-testid="company-operators"]'),
  );
  const operators = await report.evaluate(() =>
    [...document.querySelectorAll('[data-testid="company-operators"] li')].map((li) => [
      li.getAttribute('data-operator'),
      li.getAttribute('data-jurisdiction'),
    ]),
  );
  expect(operators).toContainEqual([FIXTURE_HOSTING.operator, FIXTURE_HOSTING.operatorJurisdiction]);

  await report.evaluate(() => void (location.hash = '#/countries?period=week'));
  await report.waitForFunction(() => document.querySelector('[data-testid="report"][data-view="countries"][data-state="ready"]'));
  const countries = await report.evaluate(() => ({
    hostedUnder: [...document.querySelectorAll('[data-testid="hosting-jurisdictions"] li')].map((li) => li.getAttribute('data-country')),
    // The US row: a server there, a company under its law, a host under its law.
    usRow: [...document.querySelectorAll('[data-testid="groups-table"] tr[data-group="us"] td')].map((td) => td.textContent),
  }));
  expect(countries.hostedUnder).toContain('US');
  expect(countries.usRow).toHaveLength(3);
  expect(countries.usRow[2]).toMatch(/^\d+\s?%/);
  await report.close();
  await reader.close();
}

test('Chromium: the popup and the report name who hosted each organisation, and its law', async ({ chromium }) => {
  await checkHosting(chromium);
});

test('Firefox: the popup and the report name who hosted each organisation, and its law', async ({ firefox }) => {
  await checkHosting(firefox);
});
