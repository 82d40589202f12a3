/**
 * A figure without data is "unknown" with its reason, never 0 %, and is left out of
 * averages (docs/report-figures.md): here the pure parts of every surface, from one record
 * of a public-service page on loopback that embeds only a video player and a consent
 * manager (no server location known, no tracker): the aggregation (both the decoded and
 * the packed roll-ups the popup reads), the audit's report.json read back, its terminal
 * summary and report.html, the workshop summary and the room report.
 */
import { test, expect } from '@playwright/test';
import { exportHeader } from '../../src/report/export/export-json.js';
import { exportDaily, exportHost, exportIp, exportRequest, exportVisit } from '../../src/store/export-file/export-rows.js';
import type { ExportFile } from '../../src/store/export-file/export-format.js';
import { exportTables, reportFromExport } from '../../src/report/export/export-report.js';
import { parseExport } from '../../src/store/export-file/parse-export.js';
import { workshopSummary } from '../../src/report/export/workshop-summary.js';
import { exposureFromPacked, type Exposure } from '../../src/report/aggregate/exposure.js';
import { daysRange, slicesOver } from '../../src/report/aggregate/period.js';
import { UNKNOWN_REASON_TEXT } from '../../src/report/locale-text.js';
import { auditResults } from '../../src/audit/run/audit-results.js';
import { summaryLines } from '../../src/audit/run/audit-summary.js';
import { auditHtml } from '../../src/audit/run/audit-html.js';
import { parseSummary } from '../../src/report/workshop/parse-summary.js';
import { mergeSummaries } from '../../src/report/workshop/room-report.js';
import { roomHtml } from '../../src/report/workshop/room-html.js';
import { buildRollups } from '../../src/store/visit-rollup-build.js';
import { encodeRollup, unpackRollup } from '../../src/store/visit-rollup.js';
import { FLAGS } from '../../src/store/schema.js';
import { summary } from './helpers/workshop-summaries.js';

const NOW = Date.UTC(2026, 10, 28, 12);
const NO_LOCATION = UNKNOWN_REASON_TEXT['no-server-location'];

/** The city's page twice, as an audit on loopback records it: every server address is 127.0.0.1, which has no country. */
function cityRecord(): ExportFile {
  const hosts = [
    {
      id: 1,
      n: 'www.city-services.example',
      d: 'city-services.example',
      kv: 'k',
      company: null,
      parent: null,
      jurisdiction: null,
      prism: false,
      tracker: null,
    },
    {
      id: 2,
      n: 'consent.cookiebot.com',
      d: 'cookiebot.com',
      kv: 'k',
      company: 'Usercentrics',
      parent: null,
      jurisdiction: 'DE',
      prism: false,
      tracker: { name: 'Cookiebot', category: 'consent' },
    },
    {
      id: 3,
      n: 'www.youtube-nocookie.com',
      d: 'youtube-nocookie.com',
      kv: 'k',
      company: 'Google',
      parent: 'Alphabet',
      jurisdiction: 'US',
      prism: true,
      tracker: { name: 'YouTube', category: 'audio_video_player' },
    },
  ];
  const ips = [{ id: 1, a: '127.0.0.1', kv: 'k', country: null, asn: null, network: null }];
  const visits = [5, 6].map((id, i) => ({
    id,
    t: NOW - (i + 1) * 3_600_000,
    tab: 3,
    u: 'https://www.city-services.example/',
    s: 'city-services.example',
    h: 1,
    c: 1 as const,
    pr: 0 as const,
    inf: 0 as const,
    d: [1, 2, 3],
    ip: [1],
    n: 3,
    x: 0,
  }));
  const requests = visits.flatMap((v, i) =>
    [1, 2, 3].map((h) => ({
      id: i * 3 + h,
      t: v.t + h,
      v: v.id,
      f: 0,
      h,
      c: 1,
      p: '/',
      m: 1,
      y: h === 1 ? 1 : 3,
      o: 0,
      s: 200,
      i: 1,
      b: h === 1 ? 0 : FLAGS.thirdParty,
    })),
  );
  const daily = [2, 3].map((host) => ({
    day: '2026-11-28',
    site: 'city-services.example',
    host,
    n: 2,
    clear: 0,
    cookies: 0,
    referrer: 0,
    failed: 0,
  }));
  return {
    ...exportHeader('0.1.0', [{ package: 'x', version: '1', licence: 'MIT' }], false, new Date(NOW)),
    hosts: hosts.map(exportHost),
    ips: ips.map(exportIp),
    visits: visits.map(exportVisit),
    requests: requests.map((row) => exportRequest(row, (id) => ips.find((ip) => ip.id === id))),
    daily: daily.map(exportDaily),
  } as ExportFile;
}

function expectUnknownServerFigures(e: Exposure): void {
  expect(e.visits).toBe(2);
  expect(e.upstreamReach).toEqual({ visits: 0, share: null, unknown: 'no-server-location' });
  for (const group of ['five-eyes', 'fourteen-eyes', 'eu-eea'])
    expect(e.groups[`s:${group}`], group).toEqual({ visits: 0, share: null, unknown: 'no-server-location' });
  // What is known stays known: the companies' law does not depend on where their servers stood.
  expect(e.usReach).toEqual({ visits: 2, share: 1, unknown: null });
  expect(e.groups['j:eu-eea']).toEqual({ visits: 2, share: 1, unknown: null });
  // A video player and a consent manager: catalogued, not trackers.
  expect(e.trackerReach).toEqual({ visits: 0, share: 0, unknown: null });
  expect(e.clearText).toEqual({ requests: 6, clear: 0, share: 0, unknown: null });
}

test('no located server: upstream reach and the server groups are unknown, in the report read from rows and in the popup read from packed rows', () => {
  const file = parseExport(JSON.stringify(cityRecord()));
  const tables = exportTables(file);
  const range = daysRange(NOW, NOW);
  expectUnknownServerFigures(reportFromExport(tables, range).exposure);
  const packed = [...buildRollups(tables.visits, tables.hosts, tables.ips).values()].map((row) => unpackRollup(encodeRollup(row))!);
  expectUnknownServerFigures(exposureFromPacked(range, slicesOver(range), packed));
});

test('a registry country alone leaves upstream reach unknown; a CDN that says where it answered makes it known', () => {
  const file = cityRecord();
  file.ips[0]!.country = 'US';
  file.visits.forEach((visit) => (visit.unlocated = 2));
  let e = reportFromExport(exportTables(parseExport(JSON.stringify(file))), daysRange(NOW, NOW)).exposure;
  // Registered in the US says nothing of where the server stood: not counted, not 0 %.
  expect(e.upstreamReach).toEqual({ visits: 0, share: null, unknown: 'no-server-location', undetermined: 2 });
  expect(e.groups['s:five-eyes']).toEqual({ visits: 2, share: 1, unknown: null });
  file.visits[0]!.answered = ['FR'];
  e = reportFromExport(exportTables(parseExport(JSON.stringify(file))), daysRange(NOW, NOW)).exposure;
  expect(e.upstreamReach).toEqual({ visits: 0, share: 0, unknown: null, undetermined: 2 });
  file.visits[1]!.answered = ['US'];
  e = reportFromExport(exportTables(parseExport(JSON.stringify(file))), daysRange(NOW, NOW)).exposure;
  expect(e.upstreamReach).toEqual({ visits: 1, share: 0.5, unknown: null, undetermined: 1 });
});

test('one located server makes the country groups known again, and an empty period is unknown for want of visits', () => {
  const file = cityRecord();
  file.ips[0]!.country = 'DE';
  file.visits[0]!.answered = ['DE'];
  const e = reportFromExport(exportTables(parseExport(JSON.stringify(file))), daysRange(NOW, NOW)).exposure;
  expect(e.upstreamReach).toEqual({ visits: 0, share: 0, unknown: null });
  expect(e.groups['s:eu-eea']).toEqual({ visits: 2, share: 1, unknown: null });
  const empty = reportFromExport(exportTables({ ...file, visits: [], requests: [] }), daysRange(NOW, NOW)).exposure;
  expect([empty.usReach.unknown, empty.upstreamReach.unknown, empty.clearText.unknown]).toEqual([
    'no-page-visits',
    'no-page-visits',
    'no-page-visits',
  ]);
});

test('the audit: report.json read back, the terminal summary and report.html say unknown with the reason, and tracker reach 0 %', () => {
  const file = parseExport(JSON.stringify(cityRecord()));
  const results = auditResults(file);
  expectUnknownServerFigures(results.exposure);
  const lines = summaryLines(results).join('\n');
  expect(lines).toContain(`Upstream reach unknown (${NO_LOCATION})`);
  expect(lines).toContain('Tracker reach 0%');
  expect(lines).not.toMatch(/Upstream reach 0%/);
  const html = auditHtml(file, results);
  expect(html).toContain(
    `<div class="figure unknown" data-unknown="no-server-location"><strong>unknown</strong><span>Upstream reach</span><small>Unknown: ${NO_LOCATION}.`,
  );
  expect(html).toContain('<strong>0%</strong><span>Tracker reach</span>');
});

test('the workshop summary stores no value for an unknown figure, and the room leaves it out of every average', () => {
  const report = reportFromExport(exportTables(parseExport(JSON.stringify(cityRecord()))), daysRange(NOW, NOW));
  const city = parseSummary(JSON.stringify(workshopSummary(report, '0.1.0', '2026-11-28')));
  expect(city.figures).toMatchObject({ pageVisits: 2, upstreamReach: null, trackerReach: 0, usReach: 1 });
  // A participant whose servers were located in the US on half their visits, and a summary
  // written before unknown figures existed: 0 with no server country behind it.
  const located = summary({
    visits: 4,
    days: 7,
    lastDay: '2026-11-28',
    figures: { upstreamReach: 0.5, trackerReach: 0.5 },
    serverCountries: [{ country: 'US', visitShare: 0.5 }],
  });
  const older = summary({ visits: 3, days: 7, lastDay: '2026-11-28', figures: { upstreamReach: 0, trackerReach: 1 } });
  const room = mergeSummaries([city, located, older]);
  expect(room.figures.upstreamReach).toEqual({ participants: 1, mean: 0.5, median: 0.5, min: 0.5, max: 0.5 });
  expect(room.figures.trackerReach).toMatchObject({ participants: 3, mean: 0.5 });
  const html = roomHtml(room);
  expect(html).toContain(`unknown for 2 participants, left out: ${NO_LOCATION}`);
  expect(html).toMatch(
    /Upstream reach<span class="why">[^<]*<\/span><span class="why unknown">[^<]*<\/span><\/th><td class="num">50%<\/td>(<td class="num">50%<\/td>){3}<td class="num">1 of 3<\/td>/,
  );

  // Nobody located a server: the room's figure is unknown, with the reason, not "–" and not 0 %.
  const blind = mergeSummaries([city, older]);
  expect(blind.figures.upstreamReach).toMatchObject({ participants: 0, mean: null });
  expect(roomHtml(blind)).toMatch(
    new RegExp(
      `unknown for every participant, left out: ${NO_LOCATION.replace(/[()]/g, '\\$&')}</span></th>(<td class="num">unknown</td>){4}<td class="num">0 of 2</td>`,
    ),
  );
});

test('the audit names the hosting operator of the servers, in its results and in report.html', () => {
  const file = cityRecord();
  Object.assign(file.ips[0]!, {
    country: 'DE',
    asn: 24940,
    network: 'Hetzner Online GmbH',
    operator: 'Hetzner',
    operatorJurisdiction: 'DE',
  });
  file.audit = {
    browser: { name: 'chromium', version: '1' },
    startedAt: new Date(NOW - 7_200_000).toISOString(),
    finishedAt: new Date(NOW).toISOString(),
    demo: false,
    dwellMs: 0,
    pagesPerSite: 1,
    listSize: 1,
    shard: null,
    pages: [
      {
        index: 0,
        url: 'https://www.city-services.example/',
        finalUrl: 'https://www.city-services.example/',
        site: 'city-services.example',
        outcome: 'loaded',
        error: null,
        links: [],
        visits: [5, 6],
      },
    ],
  };
  const parsed = parseExport(JSON.stringify(file));
  const results = auditResults(parsed);
  expect(results.addresses[0]!.hostingOperators).toEqual([{ operator: 'Hetzner', jurisdiction: 'DE', requests: 6 }]);
  expect(auditHtml(parsed, results)).toContain(
    "Hosting operators (the company that ran the servers' network, and its country): Hetzner, Germany (DE): 6 requests</p>",
  );
});
