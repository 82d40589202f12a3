/**
 * One fixture page, every surface: embeds.example loads only a video player
 * (youtube-nocookie) and a consent manager (Cookiebot), from servers on loopback. Its
 * tracker reach is 0 % and its upstream and US-hosted reaches are unknown (loopback has no
 * location and no hosting operator), each with its reason, in the popup,
 * the report page, the workshop summary and the room report made from it, and an audit of
 * the same page. A fresh browser, so that the period holds this page alone.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { test, expect, chromiumRules, distFor, waitForUrls } from './harness.js';
import { launchChromium } from '../../src/audit/launch-chromium.js';
import { flushWorker, readStore } from '../../src/audit/read-store.js';
import { parseExport } from '../../src/store/export-file/parse-export.js';
import { auditResults } from '../../src/audit/run/audit-results.js';
import { UNKNOWN_REASON_TEXT } from '../../src/report/locale-text.js';
import { parseSummary } from '../../src/report/workshop/parse-summary.js';
import { mergeSummaries } from '../../src/report/workshop/room-report.js';
import { roomHtml } from '../../src/report/workshop/room-html.js';
import type { VisitRow } from '../../src/store/schema.js';
import { decodeVisit } from '../../src/store/decode.js';
import { runCli } from './helpers/run-cli.js';

const PAGE = 'https://embeds.example/';
const EMBEDS = ['https://consent.cookiebot.com/uc.js', 'https://www.youtube-nocookie.com/embed/fixture'];

/** The headline figures as shown: the raw value, whether and why it is unknown, and the words. */
async function shownFigures(page: Page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-figure]')].map((li) => [
        li.getAttribute('data-figure'),
        {
          value: li.getAttribute('data-value'),
          unknown: li.getAttribute('data-unknown'),
          text: li.querySelector('.figure-value')!.textContent,
          sentence: li.querySelector('.figure-text')!.textContent,
        },
      ]),
    ),
  );
}

async function expectFiguresOfTheEmbedsPage(page: Page) {
  const figures = await shownFigures(page);
  expect(figures.trackerReach).toMatchObject({ value: '0', unknown: null, text: '0%' });
  expect(figures.upstreamReach).toMatchObject({ value: '', unknown: 'no-server-location', text: 'unknown' });
  expect(figures.upstreamReach!.sentence).toContain('No server location is known for this period’s requests');
  expect(figures.usHostedReach).toMatchObject({ value: '', unknown: 'no-server-operator', text: 'unknown' });
  expect(figures.usHostedReach!.sentence).toContain('No server of this period’s requests is in a network whose operator Upstream knows');
  // Known figures stay numbers: Google (YouTube) is under US law.
  expect(figures.usReach).toMatchObject({ value: '1', unknown: null });
}

test('Chromium: a page with only a video player and a consent manager reads tracker reach 0 %, upstream and US-hosted reach unknown in the popup, the report, the workshop summary, the room report and an audit', async ({
  server,
}) => {
  const browser = await launchChromium({
    extensionDir: distFor('chromium'),
    hostResolverRules: chromiumRules(server.port),
    trustedSpki: [server.spkiHash],
  });
  try {
    const reader = await browser.openExtensionPage('popup.html');
    await browser.visit(PAGE);
    await waitForUrls(reader, EMBEDS);
    await flushWorker(reader);
    const visit = (await readStore<VisitRow>(reader, 'visits')).map(decodeVisit).find((v) => v.site === 'embeds.example')!;

    const popup = await browser.context.newPage();
    await popup.goto(`${browser.extensionOrigin}/popup.html?tab=${visit.tab}`);
    await popup.waitForSelector('#app[data-complete="true"] [data-figure]');
    await expectFiguresOfTheEmbedsPage(popup);
    // The badges still name what the hosts are.
    await expect(popup.locator('[data-testid="page-company-list"] [data-category]')).toHaveCount(2);
    expect(
      await popup
        .locator('[data-testid="page-company-list"] [data-category]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-category')).sort()),
    ).toEqual(['audio_video_player', 'consent']);

    const report = await browser.context.newPage();
    await report.goto(`${browser.extensionOrigin}/report.html#/overview?period=week`);
    await report.waitForSelector('[data-testid="report"][data-view="overview"][data-state="ready"] [data-figure]');
    await expectFiguresOfTheEmbedsPage(report);
    await report.evaluate(() => void (location.hash = '#/countries?period=week'));
    await report.waitForSelector('[data-testid="report"][data-view="countries"][data-state="ready"]');
    // No server was located: no "0 %" under "Where the servers stood", the reason instead.
    await expect(report.locator('[data-testid="groups-table"] tr[data-group="us"] td').first()).toHaveText('unknown');
    await expect(report.locator('[data-testid="groups-table"] tr[data-group="eu-eea"] td').first()).toHaveText('unknown');
    await expect(report.locator('[data-testid="server-countries-unknown"]')).toContainText('No server location is known');
    await expect(report.locator('[data-testid="groups-table"]')).not.toContainText(/(^|\D)0\s?%/);
    // Nor under who hosted it: no operator is known.
    await expect(report.locator('[data-testid="groups-table"] tr[data-group="us"] td').nth(2)).toHaveText('unknown');
    await expect(report.locator('[data-testid="hosting-jurisdictions-unknown"]')).toContainText('whose operator Upstream knows');

    await report.evaluate(() => void (location.hash = '#/export?period=week'));
    await report.waitForSelector('[data-testid="export-summary"]');
    const [download] = await Promise.all([report.waitForEvent('download'), report.click('[data-testid="export-summary"]')]);
    const summary = parseSummary(await readFile((await download.path())!, 'utf8'));
    expect(summary.figures).toMatchObject({ pageVisits: 1, trackerReach: 0, upstreamReach: null, usReach: 1 });
    const room = mergeSummaries([summary]);
    expect(room.figures.trackerReach).toMatchObject({ participants: 1, mean: 0 });
    expect(room.figures.upstreamReach).toMatchObject({ participants: 0, mean: null });
    expect(summary.figures.usHostedReach).toBeNull();
    expect(room.figures.usHostedReach).toMatchObject({ participants: 0, mean: null });
    expect(roomHtml(room)).toContain(`unknown for every participant, left out: ${UNKNOWN_REASON_TEXT['no-server-operator']}`);
    expect(roomHtml(room)).toContain(`unknown for every participant, left out: ${UNKNOWN_REASON_TEXT['no-server-location']}`);
    await reader.close();
  } finally {
    await browser.close();
  }

  // The same page audited from the command line, served by the same fixture server.
  const out = await mkdtemp(path.join(tmpdir(), 'upstream-audit-embeds-'));
  const run = await runCli('audit.ts', [
    PAGE,
    '--out',
    out,
    '--dwell',
    '500',
    '--insecure',
    '--host-rules',
    `MAP * 127.0.0.1:${server.port}, EXCLUDE localhost`,
  ]);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toContain(`Upstream reach unknown (${UNKNOWN_REASON_TEXT['no-server-location']}) · Tracker reach 0%`);
  const audited = auditResults(parseExport(await readFile(path.join(out, 'report.json'), 'utf8')));
  expect(audited.addresses[0]!.companies.flatMap((c) => c.hosts).sort()).toEqual(['consent.cookiebot.com', 'www.youtube-nocookie.com']);
  expect(audited.exposure.trackerReach).toEqual({ visits: 0, share: 0, unknown: null });
  // Its answers came from loopback with no CDN header: the visit is one the figure may miss.
  expect(audited.exposure.upstreamReach).toEqual({ visits: 0, share: null, unknown: 'no-server-location', undetermined: 1 });
  expect(audited.exposure.usHostedReach).toEqual({ visits: 0, share: null, unknown: 'no-server-operator' });
  expect(run.stdout).toContain(`US-hosted reach unknown (${UNKNOWN_REASON_TEXT['no-server-operator']})`);
  const html = await readFile(path.join(out, 'report.html'), 'utf8');
  expect(html).toContain('<strong>0%</strong><span>Tracker reach</span>');
  expect(html).toContain('<strong>unknown</strong><span>Upstream reach</span>');
  expect(html).toContain('<strong>unknown</strong><span>US-hosted reach</span>');
});
