import { test, expect } from '@playwright/test';
import { exportHeader } from '../../src/report/export/export-json.js';
import { exportDaily, exportHost, exportIp, exportRequest, exportVisit } from '../../src/store/export-file/export-rows.js';
import type { ExportFile } from '../../src/store/export-file/export-format.js';
import { exportTables, reportFromExport } from '../../src/report/export/export-report.js';
import { ExportFileError, MAX_EXPORT_BYTES, parseExport, readExportFile } from '../../src/store/export-file/parse-export.js';
import { exposureOf } from '../../src/report/aggregate/exposure.js';
import { periodRange } from '../../src/report/aggregate/period.js';
import { FLAGS } from '../../src/store/schema.js';

const NOW = Date.UTC(2026, 10, 28, 12);

function sample(): ExportFile {
  const hosts = [
    {
      id: 1,
      n: 'www.news.example',
      d: 'news.example',
      kv: 'k',
      company: null,
      parent: null,
      jurisdiction: null,
      prism: false,
      tracker: null,
    },
    {
      id: 2,
      n: 'www.google-analytics.com',
      d: 'google-analytics.com',
      kv: 'k',
      company: 'Google',
      parent: 'Alphabet',
      jurisdiction: 'US',
      prism: true,
      tracker: { name: 'Google Analytics', category: 'site_analytics' },
    },
  ];
  const ips = [
    { id: 1, a: '142.250.74.78', kv: 'k', country: 'US', asn: 15169, network: 'GOOGLE', operator: 'Google', operatorJurisdiction: 'US' },
  ];
  const visits = [
    {
      id: 5,
      t: NOW - 3_600_000,
      tab: 3,
      u: 'https://www.news.example/a',
      s: 'news.example',
      h: 1,
      c: 1 as const,
      pr: 0 as const,
      inf: 0 as const,
      d: [1, 2],
      ip: [1],
      n: 2,
      x: 0,
    },
  ];
  const requests = [
    { id: 1, t: NOW - 3_600_000, v: 5, f: 0, h: 1, c: 1, p: '/a', m: 1, y: 1, o: 0, s: 200, i: 0, b: 0 },
    {
      id: 2,
      t: NOW - 3_599_000,
      v: 5,
      f: 0,
      h: 2,
      c: 1,
      p: '/collect',
      m: 2,
      y: 9,
      o: 0,
      s: 204,
      i: 1,
      b: FLAGS.thirdParty | FLAGS.referrer,
    },
  ];
  const daily = [{ day: '2026-11-28', site: 'news.example', host: 2, n: 1, clear: 0, cookies: 0, referrer: 1, failed: 0 }];
  return {
    ...exportHeader('0.1.0', [{ package: 'x', version: '1', licence: 'MIT' }], false, new Date(NOW)),
    hosts: hosts.map(exportHost),
    ips: ips.map(exportIp),
    visits: visits.map(exportVisit),
    requests: requests.map((row) => exportRequest(row, (id) => ips.find((ip) => ip.id === id))),
    daily: daily.map(exportDaily),
  } as ExportFile;
}

test('an export reads back as it was written, and gives the same report as the rows it came from', () => {
  const file = sample();
  const parsed = parseExport(JSON.stringify(file));
  expect(parsed).toEqual(file);
  expect(parsed.requests[1]).toMatchObject({
    method: 'POST',
    type: 'ping',
    thirdParty: true,
    referrer: true,
    cookies: false,
    ip: 1,
    visit: 5,
  });
  const tables = exportTables(parsed);
  const range = periodRange('7d', NOW, null);
  const fromFile = reportFromExport(tables, range);
  const direct = exposureOf('7d', NOW, tables.visits, tables.hosts, tables.ips);
  expect({ ...fromFile.exposure, period: '7d' }).toEqual(direct);
  expect(fromFile.requests.byObserver.get('c:Google')).toMatchObject({ requests: 1, referrer: 1 });
});

test('an IP carries its hosting operator; a file written before operators were recorded still reads, with none', () => {
  const file = sample();
  expect(file.ips[0]).toEqual({
    id: 1,
    address: '142.250.74.78',
    country: 'US',
    asn: 15169,
    network: 'GOOGLE',
    operator: 'Google',
    operatorJurisdiction: 'US',
    geoCountry: null,
    anycast: false,
  });
  const older = {
    ...file,
    ips: file.ips.map(({ operator: _o, operatorJurisdiction: _j, geoCountry: _g, anycast: _a, ...rest }) => rest),
  };
  const parsed = parseExport(JSON.stringify(older));
  expect(parsed.ips[0]).not.toHaveProperty('operator');
  expect(parsed.ips[0]).not.toHaveProperty('geoCountry');
  expect(exportTables(parsed).ips.get(1)).toMatchObject({ operator: null, operatorJurisdiction: null, geoCountry: null, anycast: false });
});

test('a cut-short file, another format or version, and inconsistent ids are refused with one clear sentence', () => {
  const text = JSON.stringify(sample());
  const refusal = (input: string) => {
    try {
      parseExport(input);
      return null;
    } catch (error) {
      expect(error).toBeInstanceOf(ExportFileError);
      return (error as Error).message;
    }
  };
  expect(refusal(text.slice(0, text.length / 2))).toBe('This file is not a complete JSON document (it may have been cut short).');
  expect(refusal('{"hello": 1}')).toBe('This file is not an Upstream export.');
  expect(refusal(text.replace('"version":1', '"version":7'))).toBe('This export has format version 7; this Upstream reads version 1.');
  const broken = sample();
  broken.requests[1]!.host = 99;
  expect(refusal(JSON.stringify(broken))).toBe('This export is inconsistent: requests[1] names a host the file does not hold.');
  const wrongType = sample() as unknown as { visits: { time: unknown }[] };
  wrongType.visits[0]!.time = 'yesterday';
  expect(refusal(JSON.stringify(wrongType))).toMatch(/^This export does not hold what it should at visits\[0\]\.time: /);
  const longName = sample();
  longName.hosts[1]!.company = 'x'.repeat(5000);
  expect(refusal(JSON.stringify(longName))).toMatch(/at hosts\[1\]\.company/);
  const badHost = sample();
  badHost.hosts[0]!.name = '<script>alert(1)</script>';
  expect(refusal(JSON.stringify(badHost))).toMatch(/at hosts\[0\]\.name: .*host name/);
});

test('markup in free text is kept as text (the views render it inertly); files over the limit are not read', async () => {
  const hostile = sample();
  hostile.hosts[1]!.company = '<img src=x onerror="alert(1)">Evil & Co';
  expect(parseExport(JSON.stringify(hostile)).hosts[1]!.company).toBe('<img src=x onerror="alert(1)">Evil & Co');
  let read = false;
  const huge = { size: MAX_EXPORT_BYTES + 1, text: async () => ((read = true), '') } as unknown as Blob;
  await expect(readExportFile(huge)).rejects.toThrow(/MB are not opened/);
  expect(read).toBe(false);
});
