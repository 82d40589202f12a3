/**
 * Adding an export to the record from the report page: rows capture could never have stored
 * (a javascript: page, user:password@, a token in a path) are refused or stripped, and the
 * page says how many rows were left out and why.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from './harness.js';
import { wrapPlaywrightPage } from '../../src/audit/launch-chromium.js';
import { readRecords } from '../../src/audit/read-store.js';

const T = Date.now() - 3_600_000;
const request = (visit: number, path: string, time: number) => ({
  time,
  visit,
  pageSite: null,
  frame: 0,
  host: 1,
  scheme: 'https',
  path,
  query: null,
  method: 'GET',
  type: 'main_frame',
  outcome: 'completed',
  status: 200,
  ip: null,
  thirdParty: false,
  cookies: false,
  referrer: false,
  fromCache: false,
  cleartext: false,
  recovered: false,
  unverified: false,
  detail: null,
});
const hostileFile = {
  format: 'upstream-export',
  version: 1,
  exportedAt: new Date().toISOString(),
  extension: { name: 'Upstream', version: '0.1.0' },
  contains: 'test',
  includesQueryStrings: true,
  knowledge: [],
  hosts: [
    {
      id: 1,
      name: 'intranet.example',
      domain: 'intranet.example',
      company: null,
      parent: null,
      jurisdiction: null,
      prism: false,
      tracker: null,
    },
  ],
  ips: [],
  visits: [
    {
      id: 1,
      time: T,
      url: 'https://bob:hunter2@intranet.example/wiki',
      site: 'intranet.example',
      host: 1,
      shown: true,
      prerender: false,
      inferred: false,
      hosts: [1],
      ips: [],
      requests: 1,
      clearText: 0,
    },
    {
      id: 2,
      time: T + 1000,
      url: 'javascript:alert(1)',
      site: 'intranet.example',
      host: 1,
      shown: true,
      prerender: false,
      inferred: false,
      hosts: [1],
      ips: [],
      requests: 1,
      clearText: 0,
    },
  ],
  requests: [request(1, '/wiki?token=secret', T), request(2, '/', T + 1000)],
  daily: [],
};

test('Chromium: an added file keeps only what capture could have stored, and says what it refused', async ({ chromium }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'upstream-import-'));
  const file = path.join(dir, 'hostile.json');
  await writeFile(file, JSON.stringify(hostileFile));
  const report = await chromium.context.newPage();
  await report.goto(`${chromium.extensionOrigin}/report.html#/export?period=week`);
  await report.waitForSelector('[data-testid="import-export"]:not([disabled])');
  await report.setInputFiles('[data-testid="import-export"]', file);
  // The preview says beforehand what will be refused.
  await expect(report.locator('[data-testid="import-preview"] [data-preview="refused"]')).toHaveText(
    '2 rows could not have been recorded by capture: they will be refused.',
  );
  await report.click('[data-testid="import-confirm"]');
  await expect(report.locator('[data-testid="export-status"]')).toHaveText(
    'Added 1 page visit and 1 request. 2 rows were not added: capture could not have recorded them (visits[1]: not a web page address (javascript:)).',
  );
  const { visits, requests } = await readRecords(wrapPlaywrightPage(report));
  // The browser is shared with other specs: only the file's own site is looked at.
  const added = visits.filter((v) => v.site === 'intranet.example');
  expect(added.map((v) => v.url)).toEqual(['https://intranet.example/wiki']);
  const ids = new Set(added.map((v) => v.id));
  // Its path, without the query the file gave it.
  expect(requests.filter((r) => ids.has(r.visit!)).map((r) => r.url)).toEqual(['https://intranet.example/wiki']);
  await report.close();
});
