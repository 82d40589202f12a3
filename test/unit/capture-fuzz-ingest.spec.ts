/**
 * Browser event `details` are untrusted input, and the store must keep capturing whatever
 * they hold: ingest never throws on batches of junk, a normal batch after each is still
 * stored and attributed to its page, odd URLs are stored with the host a reader would expect,
 * and neither query strings, credentials nor out-of-range times get into the tables.
 */
import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { isOwnRequest, toNavigationStart, toObservation } from '../../src/capture/observation.js';
import { ingest } from '../../src/capture/ingest.js';
import { knowledgeClassifier } from '../../src/capture/knowledge-classifier.js';
import type { UpstreamDb } from '../../src/store/db.js';
import { Interner } from '../../src/store/interner.js';
import { domainOnlyClassifier } from '../../src/store/domain-only-classifier.js';
import { decodeRequest, decodeVisit, lookups } from '../../src/store/decode.js';
import type { Classifier } from '../../src/store/classifier.js';
import type { CaptureEvent, JournalEntry } from '../../src/shared/types.js';
import { builtKnowledge } from './classify-knowledge.js';
import { JournalWriter } from './helpers/journal.js';
import { freshDb as newDb, hostRecords, settings, visitRecords } from './helpers/test-store.js';
import { anyDetails, ODD_URLS, OWN_ORIGIN } from './helpers/fuzz-details.js';
import { check, checkIntegrity } from './helpers/fuzz-checks.js';
import { eventsOf } from './helpers/fuzz-events.js';
import { ALL_PROTOTYPE_NAMES } from './helpers/prototype-names.js';

const freshDb = () => newDb('fuzz');

const toEntries = (worker: string, events: CaptureEvent[]): JournalEntry[] => events.map((event, seq) => ({ worker, seq, event }));

/**
 * A normal page and two requests, in a tab of its own: it must be stored, whatever came
 * before. Its site may be named like an Object.prototype member (`site`, lower case as URLs have it).
 */
async function storeNormalPage(db: UpstreamDb, classifier: Classifier, interner: Interner, run: number, site = `normal-${run}.example`) {
  const j = new JournalWriter(`normal-${run}`);
  const page = site === `normal-${run}.example` ? `https://${site}/` : `https://${site}/page-${run}`;
  j.navigate(page, 100_000 + run);
  j.request({ url: `https://${site}/own-${run}.png`, tabId: 100_000 + run, ip: '192.0.2.1' });
  j.request({ url: `https://tracker.example/${run}.gif`, tabId: 100_000 + run, ip: '192.0.2.2' });
  const result = await ingest(db, j.take(), classifier, settings(), interner);
  check(result.stored === 3 && result.skipped === 0 && result.duplicates === 0, 'the normal batch is stored', result);
  const refs = lookups(
    await db.hosts.toArray(),
    await db.ips.toArray(),
    await db.visits.filter((row) => decodeVisit(row).url === page).toArray(),
  );
  const rows = await db.requests
    .where('v')
    .anyOf([...refs.visits.keys()])
    .toArray();
  const got = JSON.stringify(rows.map((row) => decodeRequest(row, refs)).map((r) => [r.url, r.pageUrl]));
  const wanted = JSON.stringify([
    [page, page],
    [`https://${site}/own-${run}.png`, page],
    [`https://tracker.example/${run}.gif`, page],
  ]);
  check(got === wanted, `the normal page's requests are attributed to it (expected ${wanted})`, got);
}

for (const which of ['domain-only', 'knowledge'] as const) {
  test(`ingest (${which} classifier): batches of generated junk never throw, and a normal batch after each is stored`, async () => {
    test.setTimeout(180_000);
    const classifier = which === 'domain-only' ? domainOnlyClassifier : knowledgeClassifier(await builtKnowledge(), 'fuzz');
    const db = freshDb();
    const interner = new Interner();
    let run = 0;
    let details = 0;
    const junkSettings = fc.record({ storeQueryStrings: fc.boolean(), paused: fc.boolean(), exclude: fc.boolean() });
    const normalSite = fc.option(fc.constantFrom(...ALL_PROTOTYPE_NAMES.map((name) => name.toLowerCase())), { freq: 3 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(anyDetails, { minLength: 40, maxLength: 40 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 80 }),
        junkSettings,
        normalSite,
        async (batch, pick, s, site) => {
          run++;
          details += batch.length;
          const events = eventsOf(batch, pick);
          const chosen = settings({
            storeQueryStrings: s.storeQueryStrings,
            pausedSince: s.paused ? Date.now() - 1000 : null,
            excludedSites: s.exclude ? ['example', 'a.example', 'xn--bcher-kva.example'] : [],
          });
          const result = await ingest(db, toEntries(`junk-${run}`, events), classifier, chosen, interner);
          check(
            result.stored + result.skipped === events.filter((e) => e.kind === 'request').length,
            'every request stored or skipped',
            result,
          );
          await storeNormalPage(db, classifier, interner, run, site ?? undefined);
        },
      ),
      { numRuns: 150 },
    );
    await checkIntegrity(db);
    expect(details).toBe(6000); // 12,000 over the two classifiers
    expect(await db.requests.count()).toBeGreaterThan(450);
  });
}

test('odd URLs are stored with the host a reader would expect, or skipped when they have none', async () => {
  const db = freshDb();
  const j = new JournalWriter();
  j.navigate('https://page.example/');
  let id = 0;
  for (const url of ODD_URLS) {
    const obs = toObservation(
      { requestId: `odd${++id}`, url, tabId: 1, frameId: 0, type: 'xmlhttprequest', timeStamp: Date.now() },
      'completed',
    )!;
    if (!isOwnRequest(obs, OWN_ORIGIN)) j.request({ ...obs, cookies: false, referrer: false });
  }
  const result = await ingest(db, j.take(), domainOnlyClassifier, settings(), new Interner());
  expect(result.stored + result.skipped).toBe(ODD_URLS.length); // the page, and every odd URL but our own
  const refs = lookups(await db.hosts.toArray(), await db.ips.toArray(), await db.visits.toArray());
  const rows = (await db.requests.toArray()).map((row) => decodeRequest(row, refs));
  const stored = new Map(rows.map((r) => [r.url, r]));
  // What goes over the network is stored as it went: lower-case punycode hosts, IPv6 in
  // brackets, no credentials, paths percent-encoded, the 10 kB URL cut (at the capture
  // boundary, then its path again in the store). Nothing without a host is stored (data:,
  // blob:, about:, javascript:, file:, view-source:, unparsable URLs).
  const network = rows.filter((r) => /^(https?|wss?|ftp):/.test(r.url)).map((r) => r.url);
  expect(network.map((url) => url.slice(0, 120))).toEqual([
    'https://page.example/',
    'ws://chat.example/socket',
    'wss://chat.example/socket',
    'https://[2001:db8::1]/x',
    'https://[::1]/',
    'https://[::ffff:c000:201]/mapped',
    'http://192.0.2.10/x',
    'https://xn--bcher-kva.example/',
    'https://xn--bcher-kva.example/', // the Unicode spelling, stored as the browser sends it
    'https://xn--4ca0bs.example/%C3%A4',
    'https://upper.example/Path',
    'https://a.example/private',
    'https://a.example./trailing-dot',
    'https://a..b/',
    'ftp://ftp.example/f.txt',
    'https://a.example/%EF%BF%BDlone-surrogate',
    'https://a.example/%00nul',
    'https://a.example/%00%ff%fe',
    `https://long.example/${'a/'.repeat(50)}`.slice(0, 120),
    `https://${'sub.'.repeat(70)}example/`.slice(0, 120),
    `https://${'x'.repeat(300)}.example/`.slice(0, 120),
    'http://constructor/',
    'https://__proto__/',
    'https://tostring/',
  ]);
  expect(rows.every((r) => r.host !== '')).toBe(true);
  expect(stored.get('https://[2001:db8::1]/x')).toMatchObject({
    host: '[2001:db8::1]',
    pageUrl: 'https://page.example/',
    thirdParty: true,
  });
  expect(stored.get('ws://chat.example/socket')).toMatchObject({ cleartext: true });
  expect(stored.get('wss://chat.example/socket')).toMatchObject({ cleartext: false });
  expect(stored.get('http://192.0.2.10/x')).toMatchObject({ cleartext: true });
  const records = JSON.stringify(
    await Promise.all([db.requests, db.visits, db.hosts, db.ips, db.daily, db.dailyIps].map((t) => t.toArray())),
  );
  expect(records).not.toContain('secret');
  expect(records).not.toContain('token');
  const long = rows.find((r) => r.host === 'long.example')!;
  expect(long.url.length).toBeLessThan(300);
  // One host row per distinct host, each with a domain.
  const hosts = await hostRecords(db);
  expect(new Set(hosts.map((h) => h.name)).size).toBe(hosts.length);
  expect(hosts.every((h) => typeof h.domain === 'string' && h.domain.length > 0)).toBe(true);
  await checkIntegrity(db);
});

// Query strings and credentials often hold personal data: with storeQueryStrings off (the
// default) none may reach the disk, in any table. Two places write them to the meta table
// (the capture state, saved with every batch):
// - src/capture/page-context.ts startNavigation keeps each tab's page as PageRef.url =
//   withoutFragment(nav.url), query string included (needed to match Firefox's topUrl), until
//   the tab is closed; tabs still open when the browser quits are never closed, so for ever;
// - the page-witness reconciliation (src/capture/witness-reconcile.ts noteRecorded, called
//   from ingest.ts BatchWriter.request, and the `done` keys of reconcile) keeps "visit + full
//   URL" keys for minutes (KEEP_MS): query, fragment and user:password included, and for
//   paused and excluded pages too (noteRecorded runs before those checks).
// Keeping a hash of the URL (or of the URL without its query) instead would serve the matching.
test('no query string or credentials reach any table unless the user asked to keep query strings', async () => {
  const db = freshDb();
  const j = new JournalWriter();
  j.navigate('https://page.example/search?q=SECRET-QUERY#SECRET-FRAGMENT');
  j.request({ url: 'https://user:SECRET-PASSWORD@a.example/private?token=SECRET-TOKEN' });
  j.request({ url: 'wss://chat.example:8443/socket?session=SECRET-SESSION' });
  await ingest(db, j.take(), domainOnlyClassifier, settings({ storeQueryStrings: false }), new Interner());
  expect(await db.requests.count()).toBe(3);
  for (const table of db.tables) {
    expect(JSON.stringify(await table.toArray()), `table ${table.name}`).not.toContain('SECRET');
  }
});

test('ingest itself with a prototype-named request id stores its visit like any other, and the store goes on', async () => {
  const db = freshDb();
  const interner = new Interner();
  const navigation = toNavigationStart({ requestId: 'toString', url: 'https://odd.example/', tabId: 4, statusCode: 200 })!;
  await ingest(db, toEntries('odd', [{ kind: 'navigation', navigation }]), domainOnlyClassifier, settings(), interner);
  expect((await visitRecords(db)).map((v) => v.site)).toEqual(['odd.example']);
  await storeNormalPage(db, domainOnlyClassifier, interner, 1);
});

// timeOf (src/capture/details.ts) accepts any finite positive timeStamp. One beyond the range
// of Date (8.64e15 ms) gives a request row whose day is "NaN-NaN-NaN" (url-parts.ts dayOf):
// a roll-up row that no report can place and that retention never prunes ("N" sorts after
// every digit). Bounding timeOf to Date's range (else Date.now()) would fix it.
test('a timestamp outside the range of Date does not give a roll-up on day "NaN-NaN-NaN"', async () => {
  const db = freshDb();
  const j = new JournalWriter();
  j.navigate('https://page.example/');
  const far = toObservation(
    { requestId: '77', url: 'https://far.example/x.gif', tabId: 1, frameId: 0, type: 'image', timeStamp: 1e20 },
    'completed',
  )!;
  j.request({ ...far });
  await ingest(db, j.take(), domainOnlyClassifier, settings(), new Interner());
  expect((await db.daily.toArray()).map((d) => d.day).filter((day) => !/^\d{4}-\d{2}-\d{2}$/.test(day))).toEqual([]);
});
