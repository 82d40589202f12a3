/**
 * Hostile strings: host names, paths, page titles and, through exports, company,
 * tracker and page names that hold markup, scripts, quotes, right-to-left overrides and
 * very long runs are shown by the popup and every report view as inert text: nothing of them
 * becomes an element, an attribute or a script, the title stays the extension's, an override
 * cannot reorder the text around it, and nothing pushes the layout wider than the window.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { test, expect } from './harness.js';
import { flushWorker, readStore } from '../../src/audit/read-store.js';
import type { ExportFile } from '../../src/store/export-file/export-format.js';
import type { VisitRow } from '../../src/store/schema.js';
import { decodeVisit } from '../../src/store/decode.js';

const RLO = '\u202E';
const MARKUP = `<script>alert(1)</script><img src=x onerror="document.title='pwned'">`;
/** The longest host DNS allows (253 characters, labels of 63); aliases.json serves hostile.example's page on it. */
const LONG_HOST = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.hostile-${'l'.repeat(45)}.example`;
const LONG_SITE = `hostile-${'l'.repeat(45)}.example`;
const VIEWS = ['overview', 'companies', 'sites', 'countries', 'graph', 'leaks', 'alternatives'] as const;

/**
 * What must hold in an extension page whatever data it shows (run in the page): the problems
 * found, as sentences. `wide` is the element that must not scroll sideways.
 */
function inertnessProblems({ title, wide }: { title: string; wide: string }): string[] {
  const problems: string[] = [];
  if (document.title !== title) problems.push(`document.title is ${JSON.stringify(document.title)}`);
  for (const el of document.querySelectorAll('img, iframe, object, embed')) problems.push(`an injected <${el.localName}>`);
  for (const script of document.querySelectorAll('script')) {
    if (!script.src.startsWith(location.origin + '/'))
      problems.push(`a script that is not the extension's own: ${script.outerHTML.slice(0, 80)}`);
  }
  for (const el of document.querySelectorAll('*')) {
    for (const attribute of el.attributes)
      if (attribute.name.startsWith('on')) problems.push(`an event attribute ${attribute.name} on <${el.localName}>`);
  }
  // An override is isolated when the element holding its text isolates its direction, or when
  // it sits between isolate marks (FSI … PDI) in the text itself.
  const opensIsolate = (c: string) => c === '\u2066' || c === '\u2067' || c === '\u2068';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (!node.data.includes('\u202E')) continue;
    let depth = 0;
    let bare = false;
    for (const c of node.data) {
      if (opensIsolate(c)) depth++;
      else if (c === '\u2069') depth = Math.max(0, depth - 1);
      else if (c === '\u202E' && depth === 0) bare = true;
    }
    const parent = node.parentElement!;
    const isolating =
      parent.localName === 'bdi' || parent.getAttribute('dir') === 'auto' || getComputedStyle(parent).unicodeBidi.includes('isolate');
    if (bare && !isolating)
      problems.push(`a right-to-left override not isolated in <${parent.localName}>: ${JSON.stringify(node.data.slice(0, 60))}`);
  }
  const box = document.querySelector(wide)!;
  if (box.scrollWidth > box.clientWidth) problems.push(`${wide} is ${box.scrollWidth} px wide in ${box.clientWidth} px`);
  return problems;
}

async function expectInert(page: Page, where: string, title: string, wide = 'html') {
  expect(await page.evaluate(inertnessProblems, { title, wide }), where).toEqual([]);
}

/** Every view of the report, then a company's and a site's own page, each checked once ready. */
async function walkReport(page: Page, title: string, company: (name: string) => boolean, site: string, shown?: string) {
  for (const view of VIEWS) {
    await page.evaluate((view) => void (location.hash = `#/${view}?period=week`), view);
    await page.waitForSelector(`[data-testid="report"][data-view="${view}"][data-state="ready"]`);
    await expectInert(page, view, title);
  }
  await page.evaluate(() => void (location.hash = '#/companies?period=week'));
  const names = await page.locator('[data-testid="companies-table"] a.company-name').allTextContents();
  const index = names.findIndex(company);
  expect(index, `a company among ${names.length}`).toBeGreaterThanOrEqual(0);
  await page.locator('[data-testid="companies-table"] a.company-name').nth(index).click();
  await page.waitForSelector('[data-testid="company-page"]');
  await expectInert(page, 'company page', title);
  if (shown) await expect(page.locator('[data-testid="company-page"] h2'), 'the name is shown as text').toContainText(shown);
  await page.evaluate((site) => void (location.hash = `#/sites?period=week&item=${encodeURIComponent(site)}`), site);
  await page.waitForSelector(`[data-testid="site-page"]`);
  await expectInert(page, 'site page', title);
}

async function chooseFile(page: Page, testId: 'open-export' | 'import-export', file: string) {
  await page.evaluate(() => void (location.hash = '#/export?period=week'));
  await page.waitForSelector(`[data-testid="${testId}"]:not([disabled])`);
  await page.setInputFiles(`[data-testid="${testId}"]`, file);
}

test('Chromium: hostile host names, paths, titles and imported names are shown as inert, isolated text that keeps the layout', async ({
  chromium,
}) => {
  const reader = await chromium.openExtensionPage('popup.html');
  await chromium.visit('https://news.example/');
  await chromium.visit(`https://${LONG_HOST}/`);
  await flushWorker(reader);
  const visit = (await readStore<VisitRow>(reader, 'visits'))
    .map(decodeVisit)
    .filter((v) => v.site === LONG_SITE)
    .sort((a, b) => b.time - a.time)[0];
  expect(visit, 'the page on the longest host name was recorded').toBeDefined();

  const dialogs: string[] = [];
  chromium.context.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  // The popup on that tab: its site's name of 61 characters must wrap inside 400 px.
  const popup = await chromium.context.newPage();
  await popup.goto(`${chromium.extensionOrigin}/popup.html?tab=${visit!.tab}`);
  await popup.waitForFunction(() => document.getElementById('app')?.dataset.complete === 'true');
  await expect(popup.locator('main')).toContainText(LONG_SITE);
  const popupTitle = await popup.title();
  await expectInert(popup, 'popup', popupTitle, 'main');

  // The record's own export, made hostile where the format allows free text.
  const report = await chromium.context.newPage();
  await report.goto(`${chromium.extensionOrigin}/report.html#/export?period=week`);
  const reportTitle = await report.title();
  await report.waitForSelector('[data-testid="export-json"]');
  const [download] = await Promise.all([report.waitForEvent('download'), report.click('[data-testid="export-json"]')]);
  const dir = await mkdtemp(path.join(tmpdir(), 'upstream-hostile-'));
  const clean = JSON.parse(await readFile((await download.path())!, 'utf8')) as ExportFile;
  const hostile = structuredClone(clean);
  const companies = [...new Set(hostile.hosts.map((h) => h.company ?? h.domain))];
  // Names as long as the schema allows (200) and unbroken, so that only wrapping keeps them in the page.
  const nameOf = (company: string) => `${MARKUP} ${RLO}${company}`.padEnd(200, '\u05D0');
  for (const host of hostile.hosts) {
    const company = host.company ?? host.domain;
    host.parent = `${RLO}"Parent" & <b>co</b> ${companies.indexOf(company)}`;
    host.company = nameOf(company);
    host.tracker = { name: `${MARKUP}${RLO}tracker`, category: host.tracker?.category ?? 'advertising' };
  }
  for (const v of hostile.visits) v.url = `${v.url}${encodeURI(`${RLO}"'<script>alert(3)</script>`)}`;
  const write = async (name: string, file: unknown) => {
    const where = path.join(dir, name);
    await writeFile(where, JSON.stringify(file));
    return where;
  };
  const hostileFile = await write('hostile.json', hostile);

  // A 100 kB name is beyond the schema's bounds: refused with a message, by both paths, store unchanged.
  const tooLong = structuredClone(clean);
  tooLong.hosts[0]!.company = `${RLO}${'x'.repeat(100_000)}`;
  const tooLongFile = await write('too-long.json', tooLong);
  const before = await Promise.all(['visits', 'requests', 'hosts'].map((store) => readStore(reader, store)));
  for (const testId of ['open-export', 'import-export'] as const) {
    await chooseFile(report, testId, tooLongFile);
    await expect(report.locator('[data-testid="export-status"][role="alert"]')).toHaveText(/does not hold what it should.*hosts.*company/i);
    await expect(report.locator('[data-testid="opened-export"]')).toHaveCount(0);
  }
  expect(await Promise.all(['visits', 'requests', 'hosts'].map((store) => readStore(reader, store))), 'the store is unchanged').toEqual(
    before,
  );
  await expectInert(report, 'refusal message', reportTitle);

  // Added to the record: page addresses keep their hostile text as data (company names are
  // this browser's own verdicts once merged), and every view shows the store inertly.
  await chooseFile(report, 'import-export', hostileFile);
  await report.click('[data-testid="import-confirm"]');
  await expect(report.locator('[data-testid="export-status"]')).toHaveText(/^Added /);
  expect(
    (await readStore<VisitRow>(reader, 'visits')).map(decodeVisit).some((v) => v.url.includes('%3Cscript%3Ealert(3)')),
    'hostile page addresses were stored',
  ).toBe(true);
  await walkReport(report, reportTitle, (name) => name.length > 0, LONG_SITE);

  // Opened read-only, the file's own names are shown: as text, isolated, wrapped.
  await chooseFile(report, 'open-export', hostileFile);
  await expect(report.locator('[data-testid="opened-export"]')).toBeVisible();
  await walkReport(report, reportTitle, (name) => name.includes(MARKUP), LONG_SITE, MARKUP);
  await report.evaluate(() => void (location.hash = '#/companies?period=week'));
  await expect(report.locator('[data-testid="companies-table"]')).toContainText(`${MARKUP} ${RLO}`);
  await report.evaluate(() => void (location.hash = '#/overview?period=week'));
  await expect(report.locator('[data-testid="top-observer"]')).toContainText(MARKUP);
  await report.click('[data-testid="close-export"]').catch(() => undefined);

  expect(dialogs, 'no dialog opened').toEqual([]);
  await Promise.all([popup.close(), report.close(), reader.close()]);
});
