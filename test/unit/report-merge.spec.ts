import { test, expect } from '@playwright/test';
import { exportHeader } from '../../src/report/export/export-json.js';
import type { ExportedHost, ExportedRequest, ExportedVisit, ExportFile } from '../../src/store/export-file/export-format.js';
import { mergeExports } from '../../src/report/export/merge-exports.js';
import { dailyMerge } from '../../src/store/export-file/merge-daily.js';
import { parseExport } from '../../src/store/export-file/parse-export.js';
import { exportedRequest } from './helpers/exported-request.js';

const T = Date.UTC(2026, 10, 28, 9);
const GA: Omit<ExportedHost, 'id'> = {
  name: 'www.google-analytics.com',
  domain: 'google-analytics.com',
  company: 'Google',
  parent: 'Alphabet',
  jurisdiction: 'US',
  prism: true,
  tracker: { name: 'Google Analytics', category: 'site_analytics' },
};
const host = (id: number, name: string): ExportedHost => ({
  id,
  name,
  domain: name.replace(/^www\./, ''),
  company: null,
  parent: null,
  jurisdiction: null,
  prism: false,
  tracker: null,
});
const visit = (id: number, time: number, site: string, hostId: number, hosts: number[]): ExportedVisit => ({
  id,
  time,
  url: `https://www.${site}/`,
  site,
  host: hostId,
  shown: true,
  prerender: false,
  inferred: false,
  hosts,
  ips: [],
  requests: hosts.length,
  clearText: 0,
  answered: [],
  unlocated: 0,
});
const request = (time: number, visitId: number | null, hostId: number, path: string): ExportedRequest =>
  exportedRequest({ time, visit: visitId, host: hostId, path, thirdParty: hostId !== 1, referrer: true });

/** One browser's record: a visit to `site` at `time` that loaded Google Analytics. Ids differ from file to file on purpose. */
function record(site: string, time: number, idBase: number, exportedAt: number): ExportFile {
  const page = idBase + 1;
  const ga = idBase + 2;
  return {
    ...exportHeader('0.1.0', [{ package: 'tldts', version: '7', licence: 'MIT' }], false, new Date(exportedAt)),
    hosts: [host(page, `www.${site}`), { ...GA, id: ga }],
    ips: [],
    visits: [visit(idBase + 10, time, site, page, [page, ga])],
    requests: [request(time, idBase + 10, page, '/'), request(time + 5, idBase + 10, ga, '/analytics.js')],
    daily: [{ day: '2026-11-28', site, host: ga, requests: 1, clear: 0, cookies: 0, referrer: 1, failed: 0, blocked: 0 }],
  };
}

test('two browsers merge into one record: hosts shared by name, ids renumbered, every reference holds', () => {
  const a = record('news.example', T, 0, T + 1000);
  const b = record('shop.example', T + 60_000, 40, T + 2000);
  const { file, counts } = mergeExports([b, a]);
  expect(counts).toEqual({ visits: { added: 2, duplicates: 0 }, requests: { added: 4, duplicates: 0 } });
  expect(file.hosts.map((h) => h.name).sort()).toEqual(['www.google-analytics.com', 'www.news.example', 'www.shop.example']);
  expect(file.visits.map((v) => v.site)).toEqual(['news.example', 'shop.example']);
  // The merged file is a valid export: schema and references.
  expect(parseExport(JSON.stringify(file)).requests).toHaveLength(4);
  const gaId = file.hosts.find((h) => h.name === GA.name)!.id;
  expect(file.daily.filter((d) => d.host === gaId).map((d) => [d.site, d.requests])).toEqual([
    ['news.example', 1],
    ['shop.example', 1],
  ]);
});

test('merging the same file again changes nothing; a later export of the same browser adds only what is new', () => {
  const a = record('news.example', T, 0, T + 1000);
  const once = mergeExports([a]).file;
  const twice = mergeExports([a, structuredClone(a)]);
  expect(twice.counts).toEqual({ visits: { added: 1, duplicates: 1 }, requests: { added: 2, duplicates: 2 } });
  expect({ ...twice.file, exportedAt: '' }).toEqual({ ...once, exportedAt: '' });

  // Later, the same browser has one more request on that visit and a new visit the same day.
  const later = record('news.example', T, 0, T + 5000);
  later.visits.push(visit(11, T + 120_000, 'news.example', 1, [1, 2]));
  later.requests.push(request(T + 120_000, 11, 2, '/collect'));
  later.daily[0]!.requests = 2;
  const merged = mergeExports([a, later]);
  expect(merged.counts).toEqual({ visits: { added: 2, duplicates: 1 }, requests: { added: 3, duplicates: 2 } });
  expect(merged.file.daily).toHaveLength(1);
  expect(merged.file.daily[0]!.requests).toBe(2);
});

test('daily rows: new rows add up, repeats are left out, partial overlaps keep the larger count', () => {
  const row = { day: '2026-11-28', site: 's.example', host: 1, requests: 3, clear: 1, cookies: 0, referrer: 2, failed: 1, blocked: 1 };
  const merged = [row];
  const incoming = [{ ...row, requests: 5, clear: 0 }];
  expect(dailyMerge(merged, incoming, new Map([['s.example', { added: 2, duplicates: 0 }]]))[0]).toMatchObject({
    requests: 8,
    clear: 1,
    referrer: 4,
    failed: 2,
    blocked: 2,
  });
  expect(dailyMerge(merged, incoming, new Map([['s.example', { added: 0, duplicates: 2 }]]))[0]).toMatchObject({ requests: 3, clear: 1 });
  expect(dailyMerge(merged, incoming, new Map([['s.example', { added: 1, duplicates: 1 }]]))[0]).toMatchObject({
    requests: 5,
    clear: 1,
    referrer: 2,
  });
  expect(dailyMerge([], incoming, new Map([['s.example', { added: 0, duplicates: 1 }]]))).toEqual([]);
  expect(merged[0]!.requests).toBe(3);
});

test('audit sections: pages of every shard in list order, visits renumbered, shard label dropped', () => {
  const shard = (site: string, index: number, time: number, base: number): ExportFile => {
    const file = record(site, time, base, time + 1000);
    file.audit = {
      browser: { name: 'chromium', version: '156' },
      startedAt: new Date(time).toISOString(),
      finishedAt: new Date(time + 900).toISOString(),
      demo: false,
      dwellMs: 1000,
      pagesPerSite: 0,
      listSize: 2,
      shard: { index: index + 1, count: 2 },
      pages: [
        {
          index,
          url: `https://www.${site}/`,
          finalUrl: `https://www.${site}/`,
          site,
          outcome: 'loaded',
          error: null,
          links: [],
          visits: [base + 10],
        },
      ],
    };
    return file;
  };
  const { file } = mergeExports([shard('b.example', 1, T, 0), shard('a.example', 0, T + 5000, 70)]);
  expect(file.audit!.shard).toBeNull();
  expect(file.audit!.pages.map((p) => [p.index, p.site])).toEqual([
    [0, 'a.example'],
    [1, 'b.example'],
  ]);
  for (const page of file.audit!.pages) expect(file.visits.find((v) => v.id === page.visits[0])!.site).toBe(page.site);
  expect(file.audit!.startedAt).toBe(new Date(T).toISOString());
  expect(file.audit!.finishedAt).toBe(new Date(T + 5900).toISOString());
  expect(() => parseExport(JSON.stringify(file))).not.toThrow();
});
