/**
 * Export, open and merge: the JSON export downloaded from the report page holds every stored
 * row and passes the schema; opened in a fresh profile, or merged into its store, it
 * reproduces the same report, and merging it again adds nothing; bad files are refused with
 * a clear message or shown inertly, and the store is never touched by them. Adding a file
 * shows what it would add first and writes only once confirmed; a workshop summary is named
 * as one.
 */
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect, chromiumRules, distFor, withChromiumIn } from './harness.js';
import { launchChromium } from '../../src/audit/launch-chromium.js';
import { flushWorker, readStore } from '../../src/audit/read-store.js';
import { parseExport } from '../../src/store/export-file/parse-export.js';
import { placeServersIn } from './helpers/popup.js';
import { exportTables, reportFromExport } from '../../src/report/export/export-report.js';
import { periodRange } from '../../src/report/aggregate/period.js';
import { figureValues } from '../../src/report/aggregate/exposure.js';
import type { RequestRow, VisitRow } from '../../src/store/schema.js';
import { wrapPlaywrightPage } from '../../src/audit/launch-chromium.js';
import { command } from './helpers/commands.js';
import { chooseContent, counted, downloaded, figures, mergeFile, openFile, SUMMARY_HEAD } from './helpers/export-files.js';

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
    // A workshop summary is named as one and sent to the room, whether opened or added; nothing is read in.
    const summaryFile = path.join(dir, 'summary.json');
    await writeFile(summaryFile, summary);
    for (const choose of [openFile, mergeFile]) {
      await choose(page, summaryFile);
      await expect(page.locator('[data-testid="export-status"][role="alert"]')).toContainText(
        'This file is a workshop summary, not an export',
      );
      await expect(page.locator('[data-testid="file-is-summary"]')).toHaveAttribute('href', /^#\/room/);
      await expect(page.locator('[data-testid="opened-export"]')).toHaveCount(0);
      await expect(page.locator('[data-testid="import-preview"]')).toHaveCount(0);
    }
    expect(await storeOf()).toEqual([]);
    // The file is read and shown first: what it holds, what is already here; Cancel writes nothing.
    const preview = page.locator('[data-testid="import-preview"]');
    const sites = new Set(exported.visits.map((v) => v.site)).size;
    await mergeFile(page, file);
    await expect(preview).toHaveAttribute('data-visits', String(shown));
    await expect(preview).toHaveAttribute('data-requests', String(exported.requests.length));
    await expect(preview).toHaveAttribute('data-sites', String(sites));
    await expect(preview).toHaveAttribute('data-present', '0');
    await expect(preview.locator('[data-preview="visits"]')).toHaveText(`${counted(shown, 'page visit')} on ${counted(sites, 'site')}`);
    await expect(preview.locator('[data-preview="requests"]')).toHaveText(counted(exported.requests.length, 'request'));
    await expect(preview.locator('[data-preview="present"]')).toHaveText('None of these page visits is here yet.');
    await page.click('[data-testid="import-cancel"]');
    await expect(page.locator('[data-testid="export-status"]')).toHaveText('Cancelled: nothing was added.');
    await expect(preview).toHaveCount(0);
    expect(await storeOf()).toEqual([]);
    expect(await readStore(wrapPlaywrightPage(page), 'requests')).toEqual([]);
    // Confirmed, it is added.
    await mergeFile(page, file);
    await expect(preview).toHaveAttribute('data-visits', String(shown));
    await page.click('[data-testid="import-confirm"]');
    await expect(page.locator('[data-testid="export-status"]')).toHaveText(
      `Added ${counted(shown, 'page visit')} and ${counted(exported.requests.length, 'request')}.`,
    );
    expect(await storeOf()).toHaveLength(shown);
    // Merged rows take this browser's own verdicts, and the same knowledge gives the same figures:
    // upstream reach rests on where a CDN said it answered, which the file's visits carry (known
    // when another test of this browser met such a CDN, unknown otherwise), not on registry countries.
    expect(await figures(page)).toEqual(original);
    // The same file again: its preview says every page visit is here already, and it adds nothing.
    await mergeFile(page, file);
    await expect(preview).toHaveAttribute('data-present', String(shown));
    await page.click('[data-testid="import-confirm"]');
    await expect(page.locator('[data-testid="export-status"]')).toHaveText(
      `Nothing was added. ${counted(shown, 'page visit')} ${shown === 1 ? 'was' : 'were'} already here.`,
    );
    expect(await readStore(wrapPlaywrightPage(page), 'requests')).toHaveLength(exported.requests.length);
    expect(await figures(page)).toEqual(original);
  } finally {
    await fresh.close();
  }
  await report.close();
  await reader.close();
});

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
  const choose = (content: string, testId = 'open-export') => chooseContent(report, content, testId);
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
  // Every figure of the registry, as the aggregation computes it from the file (an unknown one is empty).
  expect(opened).toEqual(Object.fromEntries(Object.entries(figureValues(fromFile)).map(([k, v]) => [k, v === null ? '' : String(v)])));
  expect(await readStore(reader, 'visits')).toHaveLength(visits.length);

  // Merged into the store it came from: a wrong version and a workshop summary are refused; the right
  // file, once a site is forgotten, is previewed (Cancel writes nothing) and adds back only that site.
  await report.evaluate(() => void (location.hash = '#/export?period=week'));
  await report.waitForFunction(() => document.querySelector('[data-testid="close-export"]'));
  await report.evaluate(() => (document.querySelector('[data-testid="close-export"]') as HTMLButtonElement).click());
  await report.waitForFunction(() => document.querySelector('[data-testid="import-export"]:not([disabled])'));
  await choose(text.replace('"version":1', '"version":3'), 'import-export');
  await report.waitForFunction(() =>
    document.querySelector('[data-testid="export-status"][role="alert"]')?.textContent?.includes('format version 3'),
  );
  await choose(SUMMARY_HEAD, 'import-export');
  await report.waitForFunction(() => document.querySelector('[data-testid="export-status"][role="alert"] [data-testid="file-is-summary"]'));
  expect(await report.evaluate(() => document.querySelector('[data-testid="import-preview"]'))).toBeNull();
  await flushWorker(reader);
  const news = parseExport(text).visits.filter((v) => v.site === 'news.example').length;
  expect(news).toBeGreaterThan(0);
  await command(reader, { type: 'forget-site', site: 'news.example' });
  // The pages may have sent a late request since the file was made: the counts to keep are today's.
  const storedBefore = { visits: (await readStore(reader, 'visits')).length, requests: (await readStore(reader, 'requests')).length };
  expect(storedBefore.visits).toBe(visits.length - news);
  const previewShows = (want: { visits: number; present: number }) =>
    report.waitForFunction((want) => {
      const preview = document.querySelector('[data-testid="import-preview"]');
      return preview?.getAttribute('data-visits') === String(want.visits) && preview.getAttribute('data-present') === String(want.present);
    }, want);
  await choose(text, 'import-export');
  await previewShows({ visits: visits.length, present: visits.length - news });
  await report.evaluate(() => (document.querySelector('[data-testid="import-cancel"]') as HTMLButtonElement).click());
  await report.waitForFunction(
    () => document.querySelector('[data-testid="export-status"]')?.textContent === 'Cancelled: nothing was added.',
  );
  expect(await readStore(reader, 'visits')).toHaveLength(storedBefore.visits);
  expect(await readStore(reader, 'requests')).toHaveLength(storedBefore.requests);
  await choose(text, 'import-export');
  await previewShows({ visits: visits.length, present: visits.length - news });
  await report.evaluate(() => (document.querySelector('[data-testid="import-confirm"]') as HTMLButtonElement).click());
  await report.waitForFunction(
    (added) => document.querySelector('[data-testid="export-status"]')?.textContent?.startsWith(`Added ${added} and `),
    counted(news, 'page visit'),
  );
  expect(await readStore(reader, 'visits')).toHaveLength(visits.length);
  expect((await readStore(reader, 'requests')).length).toBeGreaterThan(storedBefore.requests);
  await report.close();
  await reader.close();
});

test('Chromium in French: a refused file is said in French, opened or added', async ({ server }) => {
  await withChromiumIn('fr', server, async (browser) => {
    const report = await browser.openExtensionPage('report.html#/export?period=week');
    await report.waitForFunction(() => document.querySelector('[data-testid="import-export"]:not([disabled])'));
    const status = () => report.evaluate(() => document.querySelector('[data-testid="export-status"][role="alert"]')?.textContent ?? '');
    for (const [testId, content, said] of [
      ['open-export', '{"format":"upstream-export","version":1', 'n’est pas un document JSON complet'],
      ['import-export', '{"format":"upstream-export","version":7}', 'au format de version 7'],
      ['import-export', '{"format":"something-else"}', 'n’est pas un export d’Upstream'],
    ]) {
      await chooseContent(report, content!, testId);
      await expect.poll(status).toContain(said!);
    }
  });
});
