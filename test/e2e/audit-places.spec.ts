/**
 * An audit's report.html says, for each organisation, who hosted it (the operator of its
 * servers' network and the law that operator answers to) and where it answered from, with the
 * evidence, in the report page's words: the fixture page edge.example loads from a host whose
 * answers carry Cloudflare's cf-ray (Paris), one with Fastly's x-served-by (Frankfurt) and one
 * that says nothing, every address registered in the US and run by Amazon (placeServersIn).
 *
 * A real audit's servers are on loopback here, which has neither a country nor an operator, so
 * the record is made in the shared browser with its addresses placed, and report.json and
 * report.html are written from it by the audit's own code (snapshot-export.ts, audit-html.ts).
 */
import { test, expect, distFor } from './harness.js';
import { flushWorker, readRecords } from '../../src/audit/read-store.js';
import { buildInfo, snapshotExport } from '../../src/audit/run/snapshot-export.js';
import { auditResults } from '../../src/audit/run/audit-results.js';
import { auditHtml } from '../../src/audit/run/audit-html.js';
import { englishText } from '../../src/report/locale-text.js';
import { FIXTURE_HOSTING, placeServersIn } from './helpers/popup.js';

const PAGE = 'https://edge.example/';
const HOSTS = ['assets.paris-cdn.example', 'img.frankfurt-cdn.example', 'pixel.silent-host.example'];

/** The list item of one organisation in report.html (the organisations are listed by name). */
function itemOf(html: string, name: string): string {
  const item = html.split('<li>').find((li) => li.startsWith(`<bdi>${name}</bdi>`));
  if (!item) throw new Error(`report.html lists no organisation named ${name}`);
  return item.slice(0, item.indexOf('</li>'));
}

test("report.html: each organisation's hosting operator with its law, and where it answered from with the evidence", async ({
  chromium,
}) => {
  const reader = await chromium.openExtensionPage('popup.html');
  const servers = await placeServersIn(chromium, reader, 'US', FIXTURE_HOSTING);
  const from = Date.now();
  await chromium.visit(PAGE);
  for (const deadline = Date.now() + 10_000; ; await new Promise((resolve) => setTimeout(resolve, 100))) {
    await flushWorker(reader);
    const { requests } = await readRecords(reader);
    if (HOSTS.every((host) => requests.some((r) => r.host === host && r.time >= from))) break;
    if (Date.now() > deadline) throw new Error('the edge page’s requests were not recorded within 10 s');
  }
  const to = Date.now();
  await servers.forgetSeed();

  const file = await snapshotExport(
    reader,
    await buildInfo(distFor('chromium')),
    {
      browser: { name: 'chromium', version: 'test' },
      startedAt: new Date(from).toISOString(),
      finishedAt: new Date(to).toISOString(),
      demo: false,
      dwellMs: 0,
      pagesPerSite: 1,
      listSize: 1,
      shard: null,
    },
    [
      {
        listed: { index: 0, url: PAGE },
        outcome: 'loaded',
        finalUrl: PAGE,
        site: 'edge.example',
        error: null,
        links: [],
        window: { from, to },
      },
    ],
  );
  const [address] = auditResults(file).addresses;
  const company = (name: string) => address!.companies.find((c) => c.name === name)!;
  // The decoded figures: the operator with its law, the places with their evidence.
  expect(company('paris-cdn.example').hosting).toEqual([{ operator: 'Amazon', jurisdiction: 'US', requests: 1 }]);
  expect(company('paris-cdn.example').answered).toEqual({
    places: [{ country: 'FR', city: 'Paris', evidence: 'cdn-header', cdn: 'cloudflare', anycast: false, requests: 1 }],
    unknown: 0,
  });
  expect(company('frankfurt-cdn.example').answered.places).toEqual([
    { country: 'DE', city: 'Frankfurt', evidence: 'cdn-header', cdn: 'fastly', anycast: false, requests: 1 },
  ]);
  expect(company('silent-host.example').answered.places).toEqual([
    { country: 'US', city: null, evidence: 'registry', cdn: null, anycast: false, requests: 1 },
  ]);

  // The page, in the report page's words.
  const html = auditHtml(file, auditResults(file));
  const hostedByAmazon = englishText('hostedBy', `Amazon ${englishText('underLawOf', 'United States')}`);
  expect(hostedByAmazon).toBe('hosted by Amazon (law: United States)');
  const paris = itemOf(html, 'paris-cdn.example');
  expect(paris).toContain(hostedByAmazon);
  expect(paris).toContain(`Paris, France (${englishText('answeredFromCdn', 'Cloudflare')}): 1 request`);
  expect(paris).toContain('data-evidence="cdn-header"');
  expect(itemOf(html, 'frankfurt-cdn.example')).toContain(`Frankfurt, Germany (${englishText('answeredFromCdn', 'Fastly')}): 1 request`);
  const silent = itemOf(html, 'silent-host.example');
  expect(silent).toContain(hostedByAmazon);
  expect(silent).toContain(`United States (${englishText('answeredFromRegistry')}): 1 request`);
  expect(silent).toContain('data-evidence="registry"');
  expect(silent).not.toContain('CDN');
  await reader.close();
});
