import { test, expect } from '@playwright/test';
import { composeReport } from '../../src/report/aggregate/report-data.js';
import { periodRange, slicesOver } from '../../src/report/aggregate/period.js';
import { companiesCsv } from '../../src/report/export/companies-csv.js';
import { csvCell, csvRow } from '../../src/report/export/csv.js';
import { workshopSummary } from '../../src/report/export/workshop-summary.js';
import { buildRollups } from '../../src/store/visit-rollup-build.js';
import { DAYS } from '../../src/store/rollup-grains.js';
import type { HostFacts, VisitFacts } from '../../src/store/visit-facts.js';

const NOW = Date.UTC(2026, 10, 28, 12);

test('CSV cells are quoted when needed and never start like a formula', () => {
  expect(csvRow(['plain', 3, true, null, 'a,b', 'say "hi"', 'two\nlines'])).toBe('plain,3,true,,"a,b","say ""hi""","two\nlines"\r\n');
  for (const hostile of ['=HYPERLINK("http://x")', '+1+1', '-2', '@SUM(A1)', '\tx'])
    expect(csvCell(hostile).replace(/^"/, '')).toMatch(/^'/);
  expect(csvCell(-2)).toBe('-2');
});

function report() {
  const host = (n: string, d: string, company: string | null, jurisdiction: string | null = null): HostFacts => ({
    name: n,
    domain: d,
    company,
    parent: null,
    jurisdiction,
    prism: jurisdiction === 'US',
    tracker: null,
  });
  const hosts = new Map<number, HostFacts>([
    [1, host('www.my-own-blog.example', 'my-own-blog.example', null)],
    [2, host('www.lemonde.fr', 'lemonde.fr', 'Le Monde', 'FR')],
    [3, host('www.google-analytics.com', 'google-analytics.com', 'Google', 'US')],
    [4, host('cdn.tiny-startup.example', 'tiny-startup.example', null)],
  ]);
  const visit = (id: number, s: string, h: number, d: number[]): VisitFacts => ({
    id,
    time: NOW - id * 60_000,
    site: s,
    host: h,
    shown: true,
    prerender: false,
    inferred: false,
    hosts: [h, ...d],
    ips: [],
    requests: 2,
    clearText: 0,
  });
  const visits = [visit(1, 'my-own-blog.example', 1, [3, 4]), visit(2, 'lemonde.fr', 2, [3])];
  const range = periodRange('7d', NOW, null);
  const rows = [...buildRollups(visits, hosts, new Map(), DAYS).values()];
  return composeReport(
    range,
    slicesOver(range),
    rows,
    [{ day: '2026-11-28', site: 'lemonde.fr', host: 3, requests: 2, clear: 0, cookies: 1, referrer: 2, failed: 0 }],
    hosts,
  );
}

test('the companies CSV has one row per organisation of the period, with its request counts', () => {
  const lines = companiesCsv(report()).trim().split('\r\n');
  expect(lines[0]).toBe(
    'company,known,parent,jurisdiction,prism,tracker_categories,sites,site_share,visits,visit_share,requests,with_cookies,with_referrer,in_clear_text',
  );
  expect(lines).toContain('Google,true,,US,true,,2,1,2,1,2,1,2,0');
  expect(lines).toHaveLength(4);
});

test('the workshop summary names no site, host or address, nor a company seen on one site only', () => {
  const summary = workshopSummary(report(), '0.1.0', '2026-11-28');
  const text = JSON.stringify(summary);
  for (const secret of ['my-own-blog', 'lemonde', 'Le Monde', 'tiny-startup', 'google-analytics.com', 'http'])
    expect(text).not.toContain(secret);
  expect(summary.companies).toEqual([{ name: 'Google', parent: null, jurisdiction: 'US', prism: true, siteShare: 1, visitShare: 1 }]);
  expect(summary.figures).toMatchObject({ pageVisits: 2, sites: 2, usReach: 1 });
  expect(summary.period).toEqual({ days: 7, lastDay: '2026-11-28' });
});
