/**
 * Upkeep of the store, in Node over fake-indexeddb: re-classification when the knowledge
 * changes (rows of an older knowledge version get the new verdict, in small transactions).
 */
import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import { ingest } from '../../src/capture/ingest.js';
import { Interner } from '../../src/store/interner.js';
import { domainOnlyClassifier } from '../../src/store/domain-only-classifier.js';
import { reclassify } from '../../src/store/reclassify.js';
import type { Classifier } from '../../src/store/classifier.js';
import { JournalWriter } from './helpers/journal.js';
import { freshDb as newDb, settings } from './helpers/test-store.js';
import { NOW } from './helpers/upkeep-time.js';

const freshDb = () => newDb('maintenance');

/** A classifier whose verdicts say which version made them, and which counts what it was asked. */
function versioned(version: string) {
  const asked = { hosts: [] as string[], ips: [] as string[] };
  const classifier: Classifier = {
    version,
    host(host) {
      asked.hosts.push(host);
      return {
        ...domainOnlyClassifier.host(host),
        company: `${version} company of ${host}`,
        jurisdiction: version === 'v1' ? 'FR' : 'US',
        tracker: version === 'v1' ? null : { name: `t-${host}`, category: 'advertising' },
      };
    },
    ip(address) {
      asked.ips.push(address);
      return { country: version === 'v1' ? 'FR' : 'DE', asn: version === 'v1' ? 1 : 2, network: `${version} net ${address}` };
    },
    thirdParty: (page, request) => domainOnlyClassifier.thirdParty(page, request),
  };
  return { classifier, asked };
}

test('reclassify: every host and IP row of an older knowledge version gets the new verdict; rows of the current version are untouched', async () => {
  const db = freshDb();
  const v1 = versioned('v1');
  const v2 = versioned('v2');
  // 1,203 hosts and 40 IPs classified by v1 (more than two chunks of 500), through real ingestion.
  const j = new JournalWriter();
  j.navigate('https://page.example/', 1, NOW - 1000);
  for (let i = 0; i < 1202; i++) j.request({ url: `https://h${i}.example/x.gif`, ip: `192.0.2.${i % 40}`, time: NOW - 999 + i });
  await ingest(db, j.take(), v1.classifier, settings(), new Interner());
  // Then v2 arrives and classifies what is new; one of its rows carries a mark that a rewrite would erase.
  const k = new JournalWriter('second-worker');
  k.navigate('https://page.example/', 2, NOW);
  for (let i = 0; i < 30; i++) k.request({ url: `https://new${i}.example/x.gif`, ip: `198.51.100.${i}`, tabId: 2, time: NOW + i });
  await ingest(db, k.take(), v2.classifier, settings(), new Interner());
  const marked = (await db.hosts.where('n').equals('new0.example').first())!;
  await db.hosts.put({ ...marked, company: 'untouched mark' });
  const markedIp = (await db.ips.where('a').equals('198.51.100.0').first())!;
  await db.ips.put({ ...markedIp, network: 'untouched mark' });

  const hostsBefore = await db.hosts.toArray();
  const ipsBefore = await db.ips.toArray();
  const requestsBefore = await db.requests.toArray();
  expect(hostsBefore.filter((h) => h.kv === 'v1')).toHaveLength(1203);
  expect(hostsBefore.filter((h) => h.kv === 'v2')).toHaveLength(30);
  expect(ipsBefore.filter((h) => h.kv === 'v1')).toHaveLength(40);

  v2.asked.hosts.length = 0;
  v2.asked.ips.length = 0;
  let steps = 0;
  const changed = await reclassify(db, v2.classifier, (work) => {
    steps++;
    return work();
  });

  expect(changed).toBe(1203 + 40);
  // Small transactions: three chunks of hosts (500, 500, 203) and one of IPs, each its own step.
  expect(steps).toBeGreaterThanOrEqual(4);
  const hostsAfter = await db.hosts.toArray();
  const ipsAfter = await db.ips.toArray();
  expect(hostsAfter.map((h) => [h.id, h.n])).toEqual(hostsBefore.map((h) => [h.id, h.n]));
  for (const host of hostsAfter) {
    expect(host.kv).toBe('v2');
    if (host.n === 'new0.example') expect(host.company).toBe('untouched mark');
    else expect(host).toMatchObject({ company: `v2 company of ${host.n}`, jurisdiction: 'US', tracker: { name: `t-${host.n}` } });
  }
  for (const ip of ipsAfter) {
    expect(ip.kv).toBe('v2');
    if (ip.a === '198.51.100.0') expect(ip.network).toBe('untouched mark');
    else expect(ip).toMatchObject({ country: 'DE', asn: 2, network: `v2 net ${ip.a}` });
  }
  // The classifier was asked about the stale rows only, each once.
  expect(v2.asked.hosts.sort()).toEqual(
    hostsBefore
      .filter((h) => h.kv === 'v1')
      .map((h) => h.n)
      .sort(),
  );
  expect(v2.asked.ips.sort()).toEqual(
    ipsBefore
      .filter((h) => h.kv === 'v1')
      .map((h) => h.a)
      .sort(),
  );
  // Request rows are not touched: they refer to the host and IP rows by id.
  expect(await db.requests.toArray()).toEqual(requestsBefore);
  // Nothing left to do the second time.
  expect(await reclassify(db, v2.classifier, (work) => work())).toBe(0);
});
