/**
 * The worker classifies hosts as soon as the core knowledge is in, and completes the IP
 * rows stored meanwhile once the server-country table arrives (capture/knowledge-classifier.ts);
 * it never loads the network table, and re-classifying keeps the networks earlier versions
 * stored. In Node, over the real compiled files and fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import { classify } from '../../src/classify/classify.js';
import {
  CORE_FILES,
  KNOWLEDGE_FILES,
  WORKER_FILES,
  loadCoreKnowledge,
  loadCountryTable,
  loadGeoTable,
  loadHostingTable,
  loadKnowledge,
  loadNetworkTable,
  withIpTables,
} from '../../src/classify/knowledge.js';
import { COUNTRY_FILE, GEO_FILE, HOSTING_FILE, IP_TABLE_FILES, NETWORK_FILE, lookupNetwork } from '../../src/classify/ip-lookup.js';
import { knowledgeClassifier, PARTIAL_SUFFIX } from '../../src/capture/knowledge-classifier.js';
import { ensureKnowledge, folderReader } from '../../src/cli/knowledge-fs.js';
import { UpstreamDb } from '../../src/store/db.js';
import { Interner } from '../../src/store/interner.js';
import { reclassify } from '../../src/store/reclassify.js';
import { ipRowOf } from '../../src/store/classifier.js';

const GOOGLE_IP = '142.250.74.78';
// A network the network → operator table does not map (Gitoyen, a French non-profit).
const GITOYEN_IP = '80.67.169.12';

async function reader() {
  const read = folderReader(await ensureKnowledge(() => {}));
  const reads: string[] = [];
  return { reads, read: (file: string) => (reads.push(file), read(file)) };
}

test('core knowledge reads only owners.bin (provenance inside), classifies hosts, and locates no address', async () => {
  const { read, reads } = await reader();
  const core = await loadCoreKnowledge(read);
  expect(reads.sort()).toEqual([...CORE_FILES].sort());
  expect(core.country).toBeNull();
  expect(core.network).toBeNull();
  expect(core.hosting).toBeNull();
  const result = classify(core, { url: 'https://www.google-analytics.com/g/collect', ip: GOOGLE_IP, page: 'https://www.lemonde.fr/' });
  expect(result).toMatchObject({ company: 'Google', prism: true, thirdParty: true, serverCountry: null, network: null, hosting: null });
  expect([...CORE_FILES, ...IP_TABLE_FILES].sort()).toEqual([...KNOWLEDGE_FILES].sort());
  expect([...WORKER_FILES].sort()).toEqual([...CORE_FILES, COUNTRY_FILE, HOSTING_FILE, GEO_FILE].sort());
  expect(WORKER_FILES).not.toContain(NETWORK_FILE);
});

test('verdicts made before the country table carry a version of their own, and are completed after with country and operator', async () => {
  const { read, reads } = await reader();
  const classifier = knowledgeClassifier(await loadCoreKnowledge(read), 'v9:abc');
  expect(classifier.gavePartialVerdicts).toBe(false);
  expect(classifier.host('www.youtube.com')).toMatchObject({ company: 'Google', jurisdiction: 'US', prism: true });
  expect(classifier.ip(GOOGLE_IP)).toEqual({ country: null });

  const db = new UpstreamDb(`knowledge-stages-${process.pid}`);
  const interner = new Interner();
  await db.transaction('rw', db.hosts, db.ips, () =>
    interner.prepare(db, classifier, [{ url: 'https://www.youtube.com/', ip: GOOGLE_IP }]),
  );
  expect(classifier.gavePartialVerdicts).toBe(true);
  expect((await db.ips.toArray())[0]).toEqual({
    id: 1,
    a: GOOGLE_IP,
    kv: `v9:abc${PARTIAL_SUFFIX}`,
    country: null,
    asn: null,
    network: null,
    operator: null,
    operatorJurisdiction: null,
  });

  // What the worker loads after the core (capture/classifier-load.ts): the country, hosting and geolocation tables.
  classifier.addIpTables({ country: await loadCountryTable(read), hosting: await loadHostingTable(read), geo: await loadGeoTable(read) });
  expect(reads).not.toContain(NETWORK_FILE);
  expect(classifier.version).toBe('v9:abc');
  expect(classifier.host('www.youtube.com')).toMatchObject({ company: 'Google' });
  // What the worker runs when the table arrives (maintenance.ts refreshVerdicts).
  expect(await reclassify(db, classifier, (work) => work())).toBe(2); // the host row and the IP row
  const full = await loadKnowledge(read);
  const expected = classify(full, { url: 'https://www.youtube.com/', ip: GOOGLE_IP });
  expect(expected.serverCountry).not.toBeNull();
  expect((await db.ips.toArray())[0]).toEqual({
    id: 1,
    a: GOOGLE_IP,
    kv: 'v9:abc',
    country: expected.serverCountry,
    asn: expected.hosting!.asn,
    network: expected.hosting!.network,
    operator: 'Google',
    operatorJurisdiction: 'US',
    // Google runs hosting and players too: its network is no tracker's alone (classify/cloaking.ts).
    operatorTracks: false,
    // A network that maps to a company: the geolocation table keeps where DB-IP places its IPv4 addresses.
    geoCountry: expected.location!.evidence === 'geolocation' ? expected.location!.country : null,
    anycast: false,
  });
  expect(expected.location!.evidence).toBe('geolocation');
  // Stamped with the full version: nothing is stale any more, so no re-classification loops.
  expect(await reclassify(db, classifier, (work) => work())).toBe(0);
  db.close();
});

test('re-classifying with the worker classifier keeps networks stored by earlier versions outside the hosting table', async () => {
  const { read } = await reader();
  const core = await loadCoreKnowledge(read);
  const country = await loadCountryTable(read);
  const network = await loadNetworkTable(read);
  const hosting = await loadHostingTable(read);
  // An earlier worker loaded the table of every network and stored its answers; Gitoyen maps to no company.
  const before = knowledgeClassifier(core, 'v1:old');
  before.addIpTables({ country, network });
  const stored = before.ip(GITOYEN_IP);
  expect(stored.asn).toBe(lookupNetwork(network, GITOYEN_IP)?.asn);
  expect(stored.network).toBeTruthy();
  expect(stored.operator).toBeNull();

  const db = new UpstreamDb(`knowledge-stages-keep-${process.pid}`);
  await db.ips.bulkAdd([
    ipRowOf(GITOYEN_IP, 'v1:old', { country: 'ZZ', asn: stored.asn!, network: stored.network! }),
    ipRowOf('1.1.1.1', 'v1:old', { country: null }),
  ]);
  const now = knowledgeClassifier(core, 'v2:new');
  now.addIpTables({ country, hosting });
  expect(await reclassify(db, now, (work) => work())).toBe(2);
  const [gitoyen, cloudflare] = await db.ips.orderBy('id').toArray();
  expect(gitoyen).toMatchObject({
    kv: 'v2:new',
    country: classify(withIpTables(core, { country }), { url: 'https://x.example/', ip: GITOYEN_IP }).serverCountry,
    asn: stored.asn,
    network: stored.network,
    operator: null,
    operatorJurisdiction: null,
  });
  // The hosting table names Cloudflare's network and its operator, which the row lacked.
  expect(cloudflare).toMatchObject({
    kv: 'v2:new',
    asn: 13335,
    network: 'Cloudflare, Inc.',
    operator: 'Cloudflare',
    operatorJurisdiction: 'US',
  });
  expect(cloudflare!.country).not.toBeNull();
  expect(await reclassify(db, now, (work) => work())).toBe(0);
  db.close();
});
