/**
 * The workshop room in the report page: three profiles browse different fixture
 * sites and each exports its summary; a fourth, the facilitator, opens the three in the
 * room view, through the file chooser (several at once) and by dropping them, and sees the
 * figures `npm run workshop` writes from the same files, one assertion per figure. A
 * duplicate, a full export, an audit report, a damaged file and a 50 MB file each get their
 * own message while the valid summaries still show; room.json and room.html downloaded
 * from the view are the command's, byte for byte.
 */
import { copyFile, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect, chromiumRules, distFor } from './harness.js';
import { launchChromium, wrapPlaywrightPage } from '../../src/audit/launch-chromium.js';
import { launchFirefox } from '../../src/audit/launch-firefox.js';
import type { ExtensionBrowser } from '../../src/audit/extension-browser.js';
import type { FixtureServer } from '../../src/audit/fixture-server.js';
import { flushWorker } from '../../src/audit/read-store.js';
import { parseSummary } from '../../src/report/workshop/parse-summary.js';
import { LABEL_PATTERN } from '../../src/report/export/summary-label.js';
import { placeServersIn } from './helpers/popup.js';
import { runCli } from './helpers/run-cli.js';
import { chooseFiles, dropFiles, expectSameAsCommand, readRoomView, roomFromCommand, waitForRoom } from './helpers/room.js';

/**
 * Different sites, and servers placed differently: one room with known, unknown and differing
 * figures. Upstream reach is known only where a CDN said where it answered (edge.example's
 * images do), so the second participant, who never met one, has it unknown.
 */
const PROFILES: { sites: string[]; country: string | null }[] = [
  { sites: ['shop', 'news', 'edge'], country: 'US' },
  // no CDN's word of where servers answered: upstream reach unknown for this participant, never averaged as 0
  { sites: ['news', 'shop', 'plain'], country: null },
  { sites: ['news', 'embeds', 'bakery', 'edge'], country: 'FR' },
];

async function browse(browser: ExtensionBrowser, profile: (typeof PROFILES)[number]) {
  const reader = await browser.openExtensionPage('popup.html');
  const servers = profile.country ? await placeServersIn(browser, reader, profile.country) : null;
  for (const site of profile.sites) await browser.visit(`https://${site}.example/`);
  await flushWorker(reader);
  await servers?.forgetSeed();
  return reader;
}

/** A summary's file name carries its label, and the page told the participant that label. */
function checkLabel(file: string, text: string, status: string): void {
  const { label } = parseSummary(text);
  expect(label).toMatch(LABEL_PATTERN);
  expect(path.basename(file)).toMatch(new RegExp(`^upstream-summary-\\d{4}-\\d{2}-\\d{2}-${label}\\.json$`));
  expect(status).toContain(label);
}

async function chromiumParticipant(server: FixtureServer, profile: (typeof PROFILES)[number], dir: string): Promise<string> {
  const browser = await launchChromium({
    extensionDir: distFor('chromium'),
    hostResolverRules: chromiumRules(server.port),
    trustedSpki: [server.spkiHash],
  });
  try {
    await browse(browser, profile);
    const page = await browser.context.newPage();
    await page.goto(`${browser.extensionOrigin}/report.html#/export?period=week`);
    await page.waitForSelector('[data-testid="export"]');
    await expect(page.locator('[data-testid="export"]')).toContainText('Taking part in a workshop?');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-summary"]')]);
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    checkLabel(file, await readFile(file, 'utf8'), await page.locator('[data-testid="export-status"]').innerText());
    return file;
  } finally {
    await browser.close();
  }
}

const handed = async (files: string[]) =>
  Promise.all(files.map(async (file) => ({ name: path.basename(file), text: await readFile(file, 'utf8') })));

test("Chromium: three participants' summaries, chosen together or dropped, show the figures of npm run workshop; bad files are each named, the valid ones still show", async ({
  chromium,
  server,
}) => {
  test.setTimeout(300_000);
  const dir = await mkdtemp(path.join(tmpdir(), 'upstream-room-'));
  const summaries: string[] = [];
  for (const profile of PROFILES) summaries.push(await chromiumParticipant(server, profile, dir));
  const command = await roomFromCommand(summaries);
  expect(command.report.participants).toBe(3);
  expect(command.report.figures.upstreamReach.participants).toBe(2);
  expect(command.report.companies.map((c) => c.name)).toContain('Google');
  expect(command.report.serverCountries.map((c) => c.country).sort()).toEqual(['FR', 'US']);

  // The facilitator has a record of their own, shown beside the room's.
  await browse(chromium, { sites: ['news', 'shop'], country: 'US' });
  const page = await chromium.context.newPage();
  await page.goto(`${chromium.extensionOrigin}/report.html#/room?period=week`);
  await page.waitForSelector('[data-testid="room"]');
  const view = wrapPlaywrightPage(page);

  await page.setInputFiles('[data-testid="room-files"]', summaries);
  await waitForRoom(view, 3, 3);
  expectSameAsCommand(await readRoomView(view), command.report);
  await expect(page.locator('[data-testid="room-own"]')).not.toHaveAttribute('data-empty', 'true');
  expect(await page.locator('[data-room-figure="usReach"]').getAttribute('data-own')).not.toBe('');
  await expect(page.locator('[data-testid="room-hosting"]')).toContainText('Hosting operators');
  await expect(page.locator('[data-room-figure="upstreamReach"] th')).toContainText('Unknown for 1 of them');

  // Both downloads are the command's files, byte for byte.
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="room-json"]')]);
  expect(json.suggestedFilename()).toBe('room.json');
  expect(await readFile((await json.path())!, 'utf8')).toBe(command.json);
  const [html] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="room-html"]')]);
  expect(html.suggestedFilename()).toBe('room.html');
  expect(await readFile((await html.path())!, 'utf8')).toBe(command.html);

  await page.click('[data-testid="room-clear"]');
  await expect(page.locator('[data-testid="room"]')).toHaveAttribute('data-files', '0');
  await dropFiles(view, await handed(summaries));
  await waitForRoom(view, 3, 3);
  expectSameAsCommand(await readRoomView(view), command.report);

  // Bad files beside the valid ones: a duplicate, a full export, an audit report, a damaged file, 50 MB.
  const duplicate = path.join(dir, 'copy-of-the-first.json');
  await copyFile(summaries[0]!, duplicate);
  const exportPage = await chromium.context.newPage();
  await exportPage.goto(`${chromium.extensionOrigin}/report.html#/export?period=week`);
  const [full] = await Promise.all([exportPage.waitForEvent('download'), exportPage.click('[data-testid="export-json"]')]);
  const fullExport = path.join(dir, 'upstream-export.json');
  await full.saveAs(fullExport);
  await exportPage.close();
  const audit = path.join(dir, 'audit');
  const run = await runCli('audit.ts', [
    'https://plain.example/',
    '--out',
    audit,
    '--dwell',
    '300',
    '--insecure',
    '--host-rules',
    `MAP * 127.0.0.1:${server.port}, EXCLUDE localhost`,
  ]);
  expect(run.code, run.stderr).toBe(0);
  const damaged = path.join(dir, 'damaged.json');
  await writeFile(damaged, (await readFile(summaries[1]!, 'utf8')).slice(0, 200));
  const huge = path.join(dir, 'huge.json');
  await writeFile(huge, `{"format":"upstream-workshop-summary","junk":"${'x'.repeat(50 * 1024 * 1024)}"}`);
  await page.setInputFiles('[data-testid="room-files"]', [duplicate, fullExport, path.join(audit, 'report.json'), damaged, huge]);
  await waitForRoom(view, 8, 3);
  const outcome = (name: string) => page.locator(`[data-testid="room-file-list"] li[data-file="${name}"]`);
  await expect(outcome('copy-of-the-first.json')).toHaveAttribute('data-outcome', 'duplicate');
  await expect(outcome('copy-of-the-first.json')).toContainText(
    `the same summary as a file already added, so it counts once: ${path.basename(summaries[0]!)}`,
  );
  await expect(outcome('upstream-export.json')).toContainText('a full Upstream export, which names every site visited');
  await expect(outcome('report.json')).toContainText('an audit report (npm run audit)');
  await expect(outcome('damaged.json')).toContainText('damaged: not a complete JSON document');
  await expect(outcome('huge.json')).toContainText('too large for a workshop summary (over 8 MB');
  expectSameAsCommand(await readRoomView(view), command.report);

  // The guide is one link away, and the files are still there on the way back.
  await page.click('[data-testid="room-guide-link"]');
  await page.waitForSelector('[data-testid="guide"] [data-guide-figure="usReach"]');
  await expect(page.locator('[data-guide-figure="usReach"] dd')).toHaveText(/FISA section 702/);
  await page.click('[data-testid="guide-back"]');
  await waitForRoom(view, 8, 3);
  await page.close();
});

/** The path of a finished download in `dir` whose name matches (Firefox writes a .part file first). */
async function downloaded(dir: string, name: RegExp): Promise<string> {
  for (const deadline = Date.now() + 30_000; ; await new Promise((resolve) => setTimeout(resolve, 200))) {
    const found = (await readdir(dir)).find((file) => name.test(file));
    if (found) {
      const file = path.join(dir, found);
      try {
        parseSummary(await readFile(file, 'utf8'));
        return file;
      } catch {
        // still being written
      }
    }
    if (Date.now() > deadline) throw new Error(`no download matching ${name} in ${dir}`);
  }
}

test("Firefox: three participants' summaries, chosen together or dropped, show the figures of npm run workshop", async ({
  firefox,
  server,
}) => {
  test.setTimeout(300_000);
  const summaries: string[] = [];
  for (const profile of PROFILES) {
    const downloads = await mkdtemp(path.join(tmpdir(), 'upstream-room-firefox-'));
    const browser = await launchFirefox({
      extensionDir: distFor('firefox'),
      mapAllHostsToPort: server.port,
      insecure: true,
      downloadsDir: downloads,
    });
    try {
      await browse(browser, profile);
      const report = await browser.openExtensionPage('report.html#/export?period=week');
      await report.waitForFunction(() => document.querySelector('[data-testid="export-summary"]'));
      await report.evaluate(() => (document.querySelector('[data-testid="export-summary"]') as HTMLButtonElement).click());
      const file = await downloaded(downloads, /^upstream-summary-.*\.json$/);
      await report.waitForFunction(() => document.querySelector('[data-testid="export-status"]')?.textContent);
      checkLabel(
        file,
        await readFile(file, 'utf8'),
        await report.evaluate(() => document.querySelector('[data-testid="export-status"]')!.textContent!),
      );
      summaries.push(file);
    } finally {
      await browser.close();
    }
  }
  const command = await roomFromCommand(summaries);
  expect(command.report.participants).toBe(3);

  await browse(firefox, { sites: ['news'], country: 'US' });
  const page = await firefox.openExtensionPage('report.html#/room?period=week');
  await page.waitForFunction(() => document.querySelector('[data-testid="room"]'));
  await chooseFiles(page, await handed(summaries));
  await waitForRoom(page, 3, 3);
  expectSameAsCommand(await readRoomView(page), command.report);
  await page.evaluate(() => (document.querySelector('[data-testid="room-clear"]') as HTMLButtonElement).click());
  await page.waitForFunction(() => document.querySelector('[data-testid="room"][data-files="0"]'));
  await dropFiles(page, await handed(summaries));
  await waitForRoom(page, 3, 3);
  expectSameAsCommand(await readRoomView(page), command.report);
  // A summary handed in twice, under another name, counts once here too.
  const [first] = await handed([summaries[0]!]);
  await dropFiles(page, [{ name: 'again.json', text: first!.text }]);
  await waitForRoom(page, 4, 3);
  expect(await page.evaluate(() => document.querySelector('[data-file="again.json"]')?.getAttribute('data-outcome'))).toBe('duplicate');
  await page.close();
});
