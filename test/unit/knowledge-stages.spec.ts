/**
 * The worker classifies hosts as soon as the core knowledge is in, and completes the IP
 * rows stored meanwhile once the IP tables arrive (capture/knowledge-classifier.ts): in
 * Node, over the real compiled files and fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import { classify } from '../../src/classify/classify.js';
import { CORE_FILES, KNOWLEDGE_FILES, loadCoreKnowledge, loadIpTables, loadKnowledge } from '../../src/classify/knowledge.js';
import { IP_TABLE_FILES } from '../../src/classify/ip-lookup.js';
import { knowledgeClassifier, PARTIAL_SUFFIX } from '../../src/capture/knowledge-classifier.js';
import { ensureKnowledge, folderReader } from '../../src/cli/knowledge-fs.js';
import { UpstreamDb } from '../../src/store/db.js';
import { Interner } from '../../src/store/interner.js';
import { reclassify } from '../../src/store/reclassify.js';

const GOOGLE_IP = '142.250.74.78';

async function reader() {
  const read = folderReader(await ensureKnowledge(() => {}));
  const reads: string[] = [];
  return { reads, read: (file: string) => (reads.push(file), read(file)) };
}

test('core knowledge reads only owners.bin (provenance inside), classifies hosts, and locates no address', async () => {
  const { read, reads } = await reader();
  const core = await loadCoreKnowledge(read);
  expect(reads.sort()).toEqual([...CORE_FILES].sort());
  expect(core.ip).toBeNull();
  const result = classify(core, { url: 'https://www.google-analytics.com/g/collect', ip: GOOGLE_IP, page: 'https://www.lemonde.fr/' });
  expect(result).toMatchObject({ company: 'Google', prism: true, thirdParty: true, serverCountry: null, network: null });
  expect([...CORE_FILES, ...IP_TABLE_FILES].sort()).toEqual([...KNOWLEDGE_FILES].sort());
});

test('verdicts made before the IP tables carry a version of their own, and are completed after', async () => {
  const { read } = await reader();
  const classifier = knowledgeClassifier(await loadCoreKnowledge(read), 'v9:abc');
  expect(classifier.gavePartialVerdicts).toBe(false);
  expect(classifier.host('www.youtube.com')).toMatchObject({ company: 'Google', jurisdiction: 'US', prism: true });
  expect(classifier.ip(GOOGLE_IP)).toEqual({ country: null, asn: null, network: null });

  const db = new UpstreamDb(`knowledge-stages-${process.pid}`);
  const interner = new Interner();
  await db.transaction('rw', db.hosts, db.ips, () => interner.prepare(db, classifier, [{ url: 'https://www.youtube.com/', ip: GOOGLE_IP }]));
  expect(classifier.gavePartialVerdicts).toBe(true);
  expect((await db.ips.toArray())[0]).toMatchObject({ a: GOOGLE_IP, kv: `v9:abc${PARTIAL_SUFFIX}`, country: null, network: null });

  classifier.addIpTables(await loadIpTables(read));
  expect(classifier.version).toBe('v9:abc');
  expect(classifier.host('www.youtube.com')).toMatchObject({ company: 'Google' });
  // What the worker runs when the tables arrive (maintenance.ts refreshVerdicts).
  expect(await reclassify(db, classifier, (work) => work())).toBe(2); // the host row and the IP row
  const full = await loadKnowledge(read);
  const expected = classify(full, { url: 'https://www.youtube.com/', ip: GOOGLE_IP });
  expect(expected.serverCountry).not.toBeNull();
  expect((await db.ips.toArray())[0]).toMatchObject({
    kv: 'v9:abc',
    country: expected.serverCountry,
    asn: expected.network?.asn ?? null,
    network: expected.network?.name ?? null,
  });
  db.close();
});
