/**
 * CNAME uncloaking in the store (store/cloaking.ts): the answer comes after the host's
 * requests were stored, and re-attributes them all through the host's row, roll-ups
 * included; a page's own host served by a tracker's network is flagged, not re-attributed.
 */
import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import { ingest } from '../../src/capture/ingest.js';
import { knowledgeClassifier } from '../../src/capture/knowledge-classifier.js';
import { Interner } from '../../src/store/interner.js';
import { storeCanonicalName } from '../../src/store/cloaking.js';
import { reclassify } from '../../src/store/reclassify.js';
import { rebuildRollupsOf } from '../../src/store/visit-rollups.js';
import { domainOnlyClassifier } from '../../src/store/domain-only-classifier.js';
import type { Classifier } from '../../src/store/classifier.js';
import { hostTable } from '../../src/store/rows-to-facts.js';
import { requestFigures } from '../../src/report/aggregate/requests.js';
import { summarisePage } from '../../src/report/aggregate/page-summary.js';
import { pageRows } from '../../src/store/queries.js';
import { JournalWriter } from './helpers/journal.js';
import { dailyRecords, freshDb, hostRecords, records, settings, visitRecords } from './helpers/test-store.js';
import { builtKnowledge } from './classify-knowledge.js';

const now = <T>(work: () => Promise<T>) => work();

test('an alias learnt after the requests were stored makes them all the tracker’s, in every figure', async () => {
  const db = freshDb('cloaking');
  const classifier = knowledgeClassifier(await builtKnowledge(), 'v1');
  const j = new JournalWriter();
  j.navigate('https://www.liberation.fr/');
  j.request({ url: 'https://f7ds.liberation.fr/col/collect', type: 'ping', ip: '192.0.2.7' });
  j.request({ url: 'https://f7ds.liberation.fr/col/collect?2', type: 'ping', ip: '192.0.2.7' });
  j.request({ url: 'https://www.google-analytics.com/g/collect', type: 'ping', ip: '192.0.2.8' });
  const told: string[][] = [];
  await ingest(db, j.take(), classifier, settings(), new Interner(), undefined, {
    onFirstPartyHosts: (hosts) => told.push(hosts === null ? ['none'] : [...hosts]),
  });
  // Only the page's own hosts are worth a lookup, each once.
  expect(told).toEqual([['www.liberation.fr', 'f7ds.liberation.fr']]);
  expect((await records(db)).filter((r) => r.host === 'f7ds.liberation.fr').map((r) => r.thirdParty)).toEqual([false, false]);
  const hoursBefore = await db.hours.toArray();

  expect(await storeCanonicalName(db, classifier, 'f7ds.liberation.fr', 'liberation.eulerian.net', now)).toBe(true);
  const host = (await hostRecords(db)).find((h) => h.name === 'f7ds.liberation.fr')!;
  expect(host).toMatchObject({
    company: 'Eulerian Technologies',
    jurisdiction: 'FR',
    cloaked: true,
    canonicalName: 'liberation.eulerian.net',
  });
  expect((await records(db)).filter((r) => r.host === 'f7ds.liberation.fr').map((r) => r.thirdParty)).toEqual([true, true]);
  const figures = requestFigures(await dailyRecords(db), hostTable(await db.hosts.toArray()));
  expect(figures.byObserver.get('c:Eulerian Technologies')).toMatchObject({ requests: 2 });
  expect([...figures.byObserver.get('c:Eulerian Technologies')!.cloaked]).toEqual([['f7ds.liberation.fr', 'liberation.eulerian.net']]);
  expect(figures.bySite.get('liberation.fr')).toMatchObject({ thirdParty: 3 });
  expect([...figures.bySite.get('liberation.fr')!.cloaked]).toEqual([['f7ds.liberation.fr', 'Eulerian Technologies']]);
  // The popup's page summary: the tracker, with the host it hid behind.
  const [visit] = await db.visits.toArray();
  const page = await pageRows(db, visit!);
  const summary = summarisePage(page.visit, page.requests, page.hosts, page.ips);
  expect(summary.companies.find((c) => c.name === 'Eulerian Technologies')).toMatchObject({ requests: 2, cloaked: ['f7ds.liberation.fr'] });
  expect(summary.thirdPartyRequests).toBe(3);
  // The visit roll-ups were rebuilt with the new verdict: the same as built from scratch, and not as before.
  const hoursAfter = await db.hours.toArray();
  expect(hoursAfter).not.toEqual(hoursBefore);
  await rebuildRollupsOf(
    db,
    (await visitRecords(db)).map((v) => v.time),
  );
  expect(await db.hours.toArray()).toEqual(hoursAfter);

  // Told again (another worker): nothing to do.
  expect(await storeCanonicalName(db, classifier, 'f7ds.liberation.fr', 'liberation.eulerian.net', now)).toBe(false);
  // New knowledge keeps the alias and its verdict; a knowledge that no longer finds the tracker drops the mark.
  await reclassify(db, knowledgeClassifier(await builtKnowledge(), 'v2'), now);
  expect((await hostRecords(db)).find((h) => h.name === 'f7ds.liberation.fr')).toMatchObject({
    cloaked: true,
    company: 'Eulerian Technologies',
  });
  await reclassify(db, domainOnlyClassifier, now);
  expect((await hostRecords(db)).find((h) => h.name === 'f7ds.liberation.fr')).toMatchObject({
    cloaked: false,
    company: null,
    canonicalName: 'liberation.eulerian.net',
  });
});

test('a batch with a request through a proxy that resolves names asks about no host', async () => {
  const db = freshDb('cloaking');
  const j = new JournalWriter();
  j.navigate('https://www.liberation.fr/');
  j.request({ url: 'https://f7ds.liberation.fr/col/collect', proxyDns: true });
  const told: (readonly string[] | null)[] = [];
  await ingest(db, j.take(), domainOnlyClassifier, settings(), new Interner(), undefined, {
    onFirstPartyHosts: (hosts) => told.push(hosts),
  });
  expect(told).toEqual([null]);
});

test('an alias of a content network is kept and changes no verdict; an unknown host changes nothing', async () => {
  const db = freshDb('cloaking');
  const classifier = knowledgeClassifier(await builtKnowledge(), 'v1');
  const j = new JournalWriter();
  j.navigate('https://www.liberation.fr/');
  await ingest(db, j.take(), classifier, settings(), new Interner());
  expect(await storeCanonicalName(db, classifier, 'www.liberation.fr', 'd1234abcd.cloudfront.net', now)).toBe(true);
  expect((await hostRecords(db))[0]).toMatchObject({ company: null, cloaked: false, canonicalName: 'd1234abcd.cloudfront.net' });
  expect(await storeCanonicalName(db, classifier, 'never.seen.example', 'liberation.eulerian.net', now)).toBe(false);
  expect(await db.hosts.count()).toBe(1);
});

test("a page's own host served from the network of a company that only tracks is flagged, and nothing else is", async () => {
  const db = freshDb('cloaking');
  // Addresses in 198.51.100.0/24 stand for a network Criteo operates.
  const classifier: Classifier = {
    ...domainOnlyClassifier,
    ip: (address) =>
      address.startsWith('198.51.100.')
        ? { country: 'FR', operator: 'Criteo', operatorJurisdiction: 'FR', operatorTracks: true }
        : { country: 'FR', operator: 'Google', operatorJurisdiction: 'US', operatorTracks: false },
  };
  const j = new JournalWriter();
  j.navigate('https://news.example/');
  j.request({ url: 'https://metrics.news.example/e', ip: '198.51.100.4' });
  j.request({ url: 'https://static.news.example/a.js', ip: '203.0.113.5' });
  j.request({ url: 'https://other.example/p', ip: '198.51.100.5' });
  await ingest(db, j.take(), classifier, settings(), new Interner());
  const hosts = new Map((await hostRecords(db)).map((h) => [h.name, h]));
  expect(hosts.get('metrics.news.example')).toMatchObject({ trackerNetwork: 'Criteo', company: null, cloaked: false });
  // Served by a network that also hosts sites, and a third party: no flag.
  expect(hosts.get('static.news.example')?.trackerNetwork).toBeNull();
  expect(hosts.get('other.example')?.trackerNetwork).toBeNull();
  // Flagged only: still the site's own request.
  expect((await records(db)).find((r) => r.host === 'metrics.news.example')?.thirdParty).toBe(false);
  const figures = requestFigures(await dailyRecords(db), hostTable(await db.hosts.toArray()));
  expect([...figures.bySite.get('news.example')!.trackerNetworks]).toEqual([['metrics.news.example', 'Criteo']]);
  const [visit] = await db.visits.toArray();
  const page = await pageRows(db, visit!);
  expect(summarisePage(page.visit, page.requests, page.hosts, page.ips).trackerNetworks).toEqual([
    { host: 'metrics.news.example', operator: 'Criteo' },
  ]);
});
