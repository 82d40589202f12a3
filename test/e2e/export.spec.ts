/**
 * Export, open and merge: the JSON export downloaded from the report page holds every stored
 * row and passes the schema; opened in a fresh profile, or merged into its store, it
 * reproduces the same report, and merging it again adds nothing; bad files are refused with
 * a clear message or shown inertly, and the store is never touched by them.
 */
import { readdir, readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { test, expect, chromiumRules, distFor } from './harness.js';
import { launchChromium } from '../../src/audit/launch-chromium.js';
import { flushWorker, readStore } from '../../src/audit/read-store.js';
import { parseExport } from '../../src/store/export-file/parse-export.js';
import { placeServersIn } from './helpers/popup.js';
import { exportTables, reportFromExport } from '../../src/report/export/export-report.js';
import { periodRange } from '../../src/report/aggregate/period.js';
import type { RequestRow, VisitRow } from '../../src/store/schema.js';
import { wrapPlaywrightPage } from '../../src/audit/launch-chromium.js';

async function figures(page: Page) {
  await page.evaluate(() => void (location.hash = '#/overview?period=week'));
  await page.waitForSelector('[data-testid="report"][data-view="overview"][data-state="ready"] [data-figure]');
  return page.evaluate(() => ({
    figures: Object.fromEntries(
      [...document.querySelectorAll('[data-figure]')].map((li) => [
        li.getAttribute('data-figure'),
        li.getAttribute('data-unknown') ? `unknown: ${li.getAttribute('data-unknown')}` : li.getAttribute('data-value'),
      ]),
    ),
    visits: document.querySelector('[data-testid="period-visits"]')?.getAttribute('data-count'),
    top: document.querySelector('[data-testid="top-observer"]')?.textContent,
  }));
}

async function openFile(page: Page, file: string) {
  await page.evaluate(() => void (location.hash = '#/export?period=week'));
  await page.waitForSelector('[data-testid="open-export"]');
  await page.setInputFiles('[data-testid="open-export"]', file);
}

async function mergeFile(page: Page, file: string) {
  await page.evaluate(() => void (location.hash = '#/export?period=week'));
  await page.waitForSelector('[data-testid="import-export"]:not([disabled])');
  await page.setInputFiles('[data-testid="import-export"]', file);
}

test('Chromium: the JSON export holds every row, passes the schema, and reproduces the report in a fresh profile; bad files change nothing', async ({
  chromium,
  server,
}) => {
  const reader = await chromium.openExtensionPage('popup.html');
  const servers = await placeServersIn(chromium, reader, 'US');
  for (const site of ['shop', 'widget', 'news']) await chromium.visit(`https://${site}.example/`);
  await flushWorker(reader);
  await servers.forgetSeed();

  const report = await chromium.context.newPage();
  await report.goto(`${chromium.extensionOrigin}/report.html#/export?period=week`);
  await report.waitForSelector('[data-testid="export-json"]');
  const [download] = await Promise.all([report.waitForEvent('download'), report.click('[data-testid="export-json"]')]);
  const dir = await mkdtemp(path.join(tmpdir(), 'upstream-export-'));
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const exported = parseExport(await readFile(file, 'utf8'));
  const [visits, requests] = await Promise.all([readStore(reader, 'visits'), readStore(reader, 'requests')]);
  expect(exported.visits).toHaveLength(visits.length);
  expect(exported.requests).toHaveLength(requests.length);
  expect(exported.contains).toMatch(/browsing history/);
  // The requests as CSV: a header and one row per stored request.
  const [csvDownload] = await Promise.all([report.waitForEvent('download'), report.click('[data-testid="export-requests-csv"]')]);
  const csv = await readFile((await csvDownload.path())!, 'utf8');
  const csvLines = csv.split('\r\n').filter((line) => /^\d{4}-/.test(line));
  expect(csv.startsWith('time,page_site,page_url,url,host,')).toBe(true);
  expect(csvLines).toHaveLength(requests.length);
  // The workshop summary: figures and companies, no site, host or address of what was browsed.
  const [summaryDownload] = await Promise.all([report.waitForEvent('download'), report.click('[data-testid="export-summary"]')]);
  const summary = await readFile((await summaryDownload.path())!, 'utf8');
  expect(JSON.parse(summary)).toMatchObject({
    format: 'upstream-workshop-summary',
    figures: { pageVisits: exported.visits.filter((v) => v.shown).length },
  });
  for (const secret of ['news.example', 'shop.example', 'widget.example', 'https://', 'googletagmanager'])
    expect(summary).not.toContain(secret);
  const original = await figures(report);

  const fresh = await launchChromium({
    extensionDir: distFor('chromium'),
    hostResolverRules: chromiumRules(server.port),
    trustedSpki: [server.spkiHash],
  });
  try {
    const page = await fresh.context.newPage();
    await page.goto(`${fresh.extensionOrigin}/report.html#/export?period=week`);
    const storeOf = () => readStore(wrapPlaywrightPage(page), 'visits');
    // Bad files first: each refused with a sentence, nothing stored.
    const text = await readFile(file, 'utf8');
    const bad: [string, string, RegExp][] = [
      ['truncated.json', text.slice(0, Math.floor(text.length / 2)), /not a complete JSON document/],
      ['version.json', text.replace('"version":1', '"version":2'), /format version 2/],
      [
        'junk-50mb.json',
        `{"format":"upstream-export","version":1,"junk":"${'x'.repeat(50 * 1024 * 1024)}"}`,
        /does not hold what it should/,
      ],
    ];
    for (const [name, content, message] of bad) {
      const badFile = path.join(dir, name);
      await writeFile(badFile, content);
      await openFile(page, badFile);
      await expect(page.locator('[data-testid="export-status"][role="alert"]')).toHaveText(message);
      await expect(page.locator('[data-testid="opened-export"]')).toHaveCount(0);
    }
    expect(await storeOf()).toEqual([]);
    // Markup in a company name is shown as text, never as markup.
    const hostile = JSON.parse(text) as { hosts: { company: string | null }[] };
    hostile.hosts.forEach((h) => h.company !== null && (h.company = `<img src=x onerror="document.title='pwned'">${h.company}`));
    const hostileFile = path.join(dir, 'hostile.json');
    await writeFile(hostileFile, JSON.stringify(hostile));
    await openFile(page, hostileFile);
    await page.evaluate(() => void (location.hash = '#/companies?period=week'));
    await page.waitForSelector('[data-testid="companies-table"]');
    await expect(page.locator('[data-testid="companies-table"]')).toContainText('<img src=x');
    expect(await page.locator('[data-testid="companies-table"] img').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    await page.click('[data-testid="close-export"]');
    // The real export: the same report as the browser it came from.
    await openFile(page, file);
    await expect(page.locator('[data-testid="opened-export"]')).toBeVisible();
    expect(await figures(page)).toEqual(original);
    expect(await storeOf()).toEqual([]);
    await page.click('[data-testid="close-export"]');

    // Merged into this profile's own record for good: the same report, from the store.
    const shown = exported.visits.length;
    await mergeFile(page, path.join(dir, 'truncated.json'));
    await expect(page.locator('[data-testid="export-status"][role="alert"]')).toHaveText(/not a complete JSON document/);
    expect(await storeOf()).toEqual([]);
    await mergeFile(page, file);
    await expect(page.locator('[data-testid="export-status"]')).toHaveText(
      `Added ${shown} page visits and ${exported.requests.length} requests; 0 page visits were already here.`,
    );
    expect(await storeOf()).toHaveLength(shown);
    // Merged rows take this browser's own verdicts: here the loopback server has no country
    // (the source's was set by placeServersIn), so only the upstream reach differs: unknown, no server located.
    const sameKnowledge = { ...original, figures: { ...original.figures, upstreamReach: expect.stringMatching(/^unknown: /) } };
    expect(await figures(page)).toEqual(sameKnowledge);
    // The same file again adds nothing.
    await mergeFile(page, file);
    await expect(page.locator('[data-testid="export-status"]')).toHaveText(
      `Added 0 page visits and 0 requests; ${shown} page visits were already here.`,
    );
    expect(await readStore(wrapPlaywrightPage(page), 'requests')).toHaveLength(exported.requests.length);
    expect(await figures(page)).toEqual(sameKnowledge);
  } finally {
    await fresh.close();
  }
  await report.close();
  await reader.close();
});

/** The path of the first file in `dir` whose name matches, once the browser has finished writing it. */
async function downloaded(dir: string, name: RegExp): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = (await readdir(dir)).find((file) => name.test(file));
    // Firefox writes into a .part file and renames it when done.
    if (found) {
      const file = path.join(dir, found);
      try {
        parseExport(await readFile(file, 'utf8'));
        return file;
      } catch {
        // still being written
      }
    }
    if (Date.now() > deadline) throw new Error(`no download matching ${name} in ${dir}: ${(await readdir(dir)).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test('Firefox: the export downloads, opens read-only in the report, merges into the store without duplicates, and a bad one is refused, the store untouched', async ({
  firefox,
  firefoxDownloads,
}) => {
  const reader = await firefox.openExtensionPage('popup.html');
  for (const site of ['shop', 'news']) await firefox.visit(`https://${site}.example/`);
  await flushWorker(reader);
  const [visits, requests] = await Promise.all([readStore<VisitRow>(reader, 'visits'), readStore<RequestRow>(reader, 'requests')]);
  // The file, downloaded as a person would: Firefox saves it into the worker's downloads folder.
  const report = await firefox.openExtensionPage('report.html#/export?period=week');
  await report.waitForFunction(() => document.querySelector('[data-testid="export-json"]'));
  await report.evaluate(() => (document.querySelector('[data-testid="export-json"]') as HTMLButtonElement).click());
  const text = await readFile(await downloaded(firefoxDownloads, /^upstream-export-.*\.json$/), 'utf8');
  expect(parseExport(text).visits).toHaveLength(visits.length);
  // What the report must show for the file: its own rows, folded by the same aggregation.
  expect(parseExport(text).requests.length).toBeGreaterThanOrEqual(requests.length);
  const fromFile = reportFromExport(exportTables(parseExport(text)), periodRange('7d', Date.now(), null)).exposure;
  await report.waitForFunction(() => document.querySelector('[data-testid="open-export"]'));
  // Through the same input a person uses, the file handed to it as the chooser would.
  const choose = (content: string, testId = 'open-export') =>
    report.evaluate(
      ({ content, testId }) => {
        const input = document.querySelector(`[data-testid="${testId}"]`) as HTMLInputElement;
        const files = new DataTransfer();
        files.items.add(new File([content], 'export.json', { type: 'application/json' }));
        input.files = files.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      },
      { content, testId },
    );
  await choose(text.replace('"version":1', '"version":3'));
  await report.waitForFunction(() =>
    document.querySelector('[data-testid="export-status"][role="alert"]')?.textContent?.includes('format version 3'),
  );
  await choose(text);
  await report.waitForFunction(() => document.querySelector('[data-testid="opened-export"]'));
  await report.evaluate(() => void (location.hash = '#/overview?period=week'));
  await report.waitForFunction(() =>
    document.querySelector('[data-testid="report"][data-view="overview"][data-state="ready"] [data-figure]'),
  );
  const opened = await report.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-figure]')].map((li) => [li.getAttribute('data-figure'), li.getAttribute('data-value')]),
    ),
  );
  expect(opened).toEqual(
    Object.fromEntries(
      Object.entries({
        usReach: fromFile.usReach.share,
        prismReach: fromFile.prismReach.share,
        upstreamReach: fromFile.upstreamReach.share,
        trackerReach: fromFile.trackerReach.share,
        observersPerPage: fromFile.observersPerPage,
        clearText: fromFile.clearText.share,
      }).map(([k, v]) => [k, v === null ? '' : String(v)]),
    ),
  );
  expect(await readStore(reader, 'visits')).toHaveLength(visits.length);

  // Merged into the store it came from: a wrong version is refused, the right file adds nothing new.
  await report.evaluate(() => void (location.hash = '#/export?period=week'));
  await report.waitForFunction(() => document.querySelector('[data-testid="close-export"]'));
  await report.evaluate(() => (document.querySelector('[data-testid="close-export"]') as HTMLButtonElement).click());
  await report.waitForFunction(() => document.querySelector('[data-testid="import-export"]:not([disabled])'));
  await choose(text.replace('"version":1', '"version":3'), 'import-export');
  await report.waitForFunction(() =>
    document.querySelector('[data-testid="export-status"][role="alert"]')?.textContent?.includes('format version 3'),
  );
  await flushWorker(reader);
  // The pages may have sent a late request since the file was made: the count to keep is today's.
  const storedBefore = (await readStore(reader, 'requests')).length;
  await choose(text, 'import-export');
  await report.waitForFunction(
    (n) =>
      document.querySelector('[data-testid="export-status"]')?.textContent ===
      `Added 0 page visits and 0 requests; ${n} page visits were already here.`,
    visits.length,
  );
  expect(await readStore(reader, 'visits')).toHaveLength(visits.length);
  expect(await readStore(reader, 'requests')).toHaveLength(storedBefore);
  await report.close();
  await reader.close();
});
