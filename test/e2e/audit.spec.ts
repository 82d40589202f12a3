/**
 * The audit command end to end: `npm run audit` on the built-in offline demo in Chromium and
 * Firefox, shards merged, and the faults a user meets (junk in the list, a site that does not
 * load, an output folder that cannot be written, no browser).
 */
import { test, expect } from '@playwright/test';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseExport } from '../../src/store/export-file/parse-export.js';
import { auditResults, type AuditResults } from '../../src/audit/run/audit-results.js';
import { DEMO_SITES_DIR } from '../../src/audit/demo.js';
import { startFixtureServer } from '../../src/audit/fixture-server.js';
import { DEMO_KNOWN } from './audit-demo.js';
import { runCli } from './helpers/run-cli.js';
import { englishText, UNKNOWN_REASON_TEXT } from '../../src/report/locale-text.js';

test.describe.configure({ mode: 'serial' });

const outDir = (name: string) => mkdtemp(path.join(tmpdir(), `upstream-audit-${name}-`));
const readReport = async (dir: string) => parseExport(await readFile(path.join(dir, 'report.json'), 'utf8'));

/** The figures that do not depend on when the audit ran. */
function timeless(results: AuditResults) {
  const { from: _from, to: _to, trend: _trend, ...exposure } = results.exposure;
  return { ...results, exposure };
}

function expectDemoFigures(results: AuditResults) {
  expect(results.addresses.map((a) => [a.url, a.outcome, a.error])).toEqual(DEMO_KNOWN.map((k) => [k.url, 'loaded', null]));
  for (const known of DEMO_KNOWN) {
    const found = results.addresses.find((a) => a.url === known.url)!;
    expect(found.site, known.url).toBe(known.site);
    expect(found.pageVisits, known.url).toBe(1);
    expect(found.companies.flatMap((c) => c.hosts).sort(), known.url).toEqual(known.thirdPartyHosts);
    expect(
      found.companies
        .map((c) => ({ name: c.name, jurisdiction: c.jurisdiction, prism: c.prism }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      known.url,
    ).toEqual(known.companies);
    // Loopback has no country: the demo places no server anywhere.
    expect(found.serverCountries, known.url).toEqual([]);
    // Nor an operator, and no demo server names a CDN place: who hosted them is not claimed, where they answered is undetermined.
    for (const company of found.companies) {
      expect(company.hosting, `${known.url} ${company.name}`).toEqual([]);
      expect(company.answered.places, `${known.url} ${company.name}`).toEqual([]);
      expect(company.answered.unknown, `${known.url} ${company.name}`).toBeGreaterThan(0);
    }
  }
  const e = results.exposure;
  expect([e.visits, e.sites]).toEqual([3, 3]);
  // Every demo page reached Google (US, PRISM). The news site and the shop reached trackers;
  // the city's page only a video player, a consent manager, map tiles and its own analytics.
  expect([e.usReach.share, e.prismReach.share, e.trackerReach.share, e.countries.length]).toEqual([1, 1, 2 / 3, 0]);
  // Loopback places no server and no CDN said where it answered: upstream reach is unknown,
  // not 0 %, and each of the three visits is one it may miss.
  expect(e.upstreamReach).toEqual({ visits: 0, share: null, unknown: 'no-server-location', undetermined: 3 });
  expect(e.topObserver).toMatchObject({ name: 'Google', siteShare: 1 });
}

let chromiumDemo: AuditResults;

test('the offline demo audited in Chromium: report.json and report.html hold what the demo pages load', async () => {
  const out = await outDir('chromium');
  const run = await runCli('audit.ts', ['--out', out]);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toContain('auditing the built-in offline demo');
  expect(run.stderr).toMatch(/\[#+\] 3\/3 https:\/\/www\.city-services\.example\/ loaded/);
  expect(run.stdout).toContain('Upstream audit: 3 addresses, 3 loaded, 0 failed (3 page visits on 3 sites)');
  expect(run.stdout).toContain('Google saw 100% of the sites audited.');
  const file = await readReport(out);
  expect(file.audit).toMatchObject({ browser: { name: 'chromium' }, demo: true, listSize: 3, shard: null });
  chromiumDemo = auditResults(file);
  expectDemoFigures(chromiumDemo);
  // Nothing but the demo's own hosts: no browser background traffic, no request of the extension.
  const demoHosts = new Set([
    ...DEMO_KNOWN.flatMap((k) => k.thirdPartyHosts),
    'www.morning-chronicle.example',
    'static.morning-chronicle.example',
    'www.nordic-outfitters.example',
    'www.city-services.example',
    'stats.city-services.example',
  ]);
  expect(file.hosts.map((h) => h.name).filter((name) => !demoHosts.has(name))).toEqual([]);

  const html = await readFile(path.join(out, 'report.html'), 'utf8');
  expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  expect(html).not.toMatch(/<script|<link|src=/i);
  for (const known of DEMO_KNOWN) expect(html).toContain(known.url);
  expect(html).toContain('<strong>100%</strong><span>US reach</span>');
  expect(html).toContain('Taboola');
  expect(html).toContain(`<strong>unknown</strong><span>Upstream reach</span><small>Unknown: ${UNKNOWN_REASON_TEXT['no-server-location']}`);
  expect(html).toContain('<strong>67%</strong><span>Tracker reach</span>');
  // Each organisation's place, undetermined on loopback, in the report page's words (audit-places.spec.ts has the other evidence).
  const undetermined = [...html.matchAll(/<small data-evidence="none">(\d+)[^<]*<\/small>/g)];
  expect(undetermined.length).toBeGreaterThanOrEqual(DEMO_KNOWN.length);
  for (const [text, n] of undetermined)
    expect(text).toBe(`<small data-evidence="none">${englishText(`answeredFromUnknown_${n === '1' ? 'one' : 'other'}`, n!)}</small>`);
  expect(html).not.toContain('hosted by');
  expect(run.stdout).toContain(`Upstream reach unknown (${UNKNOWN_REASON_TEXT['no-server-location']})`);
});

test('the offline demo audited in Firefox gives the same figures', async () => {
  const out = await outDir('firefox');
  const run = await runCli('audit.ts', ['--browser', 'firefox', '--out', out]);
  expect(run.code, run.stderr).toBe(0);
  const file = await readReport(out);
  expect(file.audit!.browser.name).toBe('firefox');
  expectDemoFigures(auditResults(file));
});

test('a shard pair merged equals the audit of the whole list', async () => {
  const [one, two, merged] = await Promise.all([outDir('shard1'), outDir('shard2'), outDir('merged')]);
  // One after the other, as on two machines: two browsers starting at once on a loaded CI machine only test its patience.
  const runs = [await runCli('audit.ts', ['--shard', '1/2', '--out', one]), await runCli('audit.ts', ['--shard', '2/2', '--out', two])];
  for (const run of runs) expect(run.code, run.stderr).toBe(0);
  expect(runs[0]!.stderr).toContain('Shard 1/2: 2 of 3 addresses.');
  expect((await readReport(one)).audit!.pages.map((p) => p.index)).toEqual([0, 2]);
  expect((await readReport(two)).audit!.pages.map((p) => p.index)).toEqual([1]);

  const merge = await runCli('audit-merge.ts', [one, two, '--out', merged]);
  expect(merge.code, merge.stderr).toBe(0);
  const file = await readReport(merged);
  expect(file.audit!.shard).toBeNull();
  expect(timeless(auditResults(file))).toEqual(timeless(chromiumDemo));
});

test('junk lines and a site that does not load are reported, the rest is audited, and the exit code says so', async () => {
  const server = await startFixtureServer(DEMO_SITES_DIR);
  try {
    const out = await outDir('faults');
    const list = path.join(out, 'list.txt');
    await writeFile(
      list,
      [
        '# a list with mistakes in it',
        'https://www.morning-chronicle.example/',
        'not a url at all',
        'ftp://files.example.org/',
        'https://refused.example/',
        '',
      ].join('\n'),
    );
    const run = await runCli('audit.ts', [
      '--file',
      list,
      '--out',
      out,
      '--dwell',
      '300',
      '--pages',
      '2',
      '--insecure',
      '--host-rules',
      `MAP refused.example 127.0.0.1:2, MAP * 127.0.0.1:${server.port}, EXCLUDE localhost`,
    ]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain(`${list} line 3: "not a url at all" skipped: contains spaces`);
    expect(run.stderr).toContain(`${list} line 4: "ftp://files.example.org/" skipped: ftp: addresses cannot be audited`);
    expect(run.stderr).toMatch(/https:\/\/refused\.example\/ FAILED: net::ERR_CONNECTION_REFUSED/);
    expect(run.stdout).toContain('2 addresses, 1 loaded, 1 failed');
    expect(run.stdout).toContain('https://refused.example/  did not load: net::ERR_CONNECTION_REFUSED');
    const results = auditResults(await readReport(out));
    const [news, refused] = results.addresses;
    expect(news).toMatchObject({
      outcome: 'loaded',
      links: ['https://www.morning-chronicle.example/world/', 'https://www.morning-chronicle.example/culture/'],
      pageVisits: 3,
    });
    expect(refused).toMatchObject({ outcome: 'failed', error: 'net::ERR_CONNECTION_REFUSED', pageVisits: 0 });
    expect(await readFile(path.join(out, 'report.html'), 'utf8')).toContain('Did not load: <bdi>net::ERR_CONNECTION_REFUSED</bdi>');
  } finally {
    await server.close();
  }
});

test('an output folder that cannot be written, a bad option and a missing browser stop the audit before it starts, each with its exit code', async () => {
  const base = await outDir('unwritable');
  const blocker = path.join(base, 'a-file');
  await writeFile(blocker, '');
  const unwritable = await runCli('audit.ts', ['--out', path.join(blocker, 'report')]);
  expect(unwritable.code).toBe(3);
  expect(unwritable.stderr).toContain(
    `The output folder ${path.join(blocker, 'report')} cannot be written (ENOTDIR): choose another with --out.`,
  );

  const usage = await runCli('audit.ts', ['--browser', 'chrome']);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain('branded Google Chrome cannot load extensions');
  expect(usage.stderr).toContain('usage: npm run audit');

  const empty = await runCli('audit.ts', ['--file', blocker]);
  expect(empty.code).toBe(2);
  expect(empty.stderr).toContain('nothing to audit');

  const noBrowser = await runCli('audit.ts', ['--out', base, '--browser-path', '/nonexistent/chromium']);
  expect(noBrowser.code).toBe(4);
  expect(noBrowser.stderr).toContain('The browser path given (/nonexistent/chromium) does not exist.');

  const badMerge = await runCli('audit-merge.ts', [blocker, '--out', base]);
  expect(badMerge.code).toBe(2);
  expect(badMerge.stderr).toContain('skipped: This file is not a complete JSON document');
});
