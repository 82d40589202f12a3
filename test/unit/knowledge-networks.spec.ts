/**
 * The network → operator table (src/knowledge/data/networks.json) against its sources: every
 * row cites one, names a company of the jurisdiction table and an AS holder that
 * @ip-location-db/asn spells the same way; and the hosting operator the classifier gives,
 * probed at sampled rows of the package, is the row's company with its jurisdiction.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { classify } from '../../src/classify/classify.js';
import { hostingOf } from '../../src/classify/hosting.js';
import { withIpTables, type Knowledge } from '../../src/classify/knowledge.js';
import { readCsv } from '../../src/knowledge/ip-csv.js';
import { NETWORK_PACKAGE } from '../../src/knowledge/ip-tables.js';
import { readJurisdictionTable, type JurisdictionTable } from '../../src/knowledge/jurisdictions.js';
import { NETWORKS_FILE, parseNetworkOperators, type NetworkOperatorTable } from '../../src/knowledge/network-operators.js';
import { builtKnowledge } from './classify-knowledge.js';
import { formatV4 } from './helpers/ip-oracle.js';

const root = path.resolve(import.meta.dirname, '../..');
const raw = () => JSON.parse(readFileSync(path.join(root, NETWORKS_FILE), 'utf8')) as { networks: Record<string, unknown>[] };

async function tables(): Promise<{ jurisdictions: JurisdictionTable; networks: NetworkOperatorTable }> {
  const jurisdictions = await readJurisdictionTable(root);
  return { jurisdictions, networks: parseNetworkOperators(raw(), jurisdictions) };
}

/** The rows of one of the package's AS files (IPv4 by default): start, end, AS number, name. */
async function asnRows(file = 'asn-ipv4-num.csv'): Promise<{ start: bigint; end: bigint; asn: number; name: string }[]> {
  const lines = await readCsv(path.join(root, 'node_modules', NETWORK_PACKAGE, file));
  return lines.map(({ fields }) => ({ start: BigInt(fields[0]!), end: BigInt(fields[1]!), asn: Number(fields[2]), name: fields[3]! }));
}

/** The company's country, else its nearest owner's, as the classifier reports a jurisdiction. */
function jurisdictionOf(jurisdictions: JurisdictionTable, id: string): string | null {
  const byId = new Map(jurisdictions.companies.map((row) => [row.id, row]));
  for (let row = byId.get(id); row; row = row.parent ? byId.get(row.parent) : undefined) if (row.country) return row.country;
  return null;
}

test('every row cites an https source and names a jurisdiction-table company and the holder the package gives', async () => {
  const { jurisdictions, networks } = await tables();
  expect(networks.networks.length).toBeGreaterThan(100);
  const holders = new Map<number, string>();
  for (const file of ['asn-ipv4-num.csv', 'asn-ipv6-num.csv'])
    for (const row of await asnRows(file)) if (!holders.has(row.asn)) holders.set(row.asn, row.name);
  const ids = new Set(jurisdictions.companies.map((row) => row.id));
  for (const row of networks.networks) {
    expect(row.source, `AS${row.asn}`).toMatch(/^https:\/\//);
    expect(ids.has(row.company), `AS${row.asn}`).toBe(true);
    expect({ asn: row.asn, holder: holders.get(row.asn) }).toEqual({ asn: row.asn, holder: row.holder });
  }
});

test('the table covers the large clouds and CDNs and the European hosts and carriers', async () => {
  const { networks } = await tables();
  const companies = new Set(networks.networks.map((row) => row.company));
  for (const id of [
    'amazon',
    'microsoft',
    'google',
    'cloudflare',
    'fastly',
    'akamai',
    'oracle',
    'ibm',
    'digitalocean',
    'vultr',
    'meta',
    'apple',
    'ovhcloud',
    'scaleway',
    'hetzner',
    'ionos',
    'gandi',
    'infomaniak',
    'exoscale',
    'deutsche-telekom',
    'orange',
    'bouygues-telecom',
    'sfr',
    'iliad',
    'leaseweb',
    'alibaba-cloud',
    'tencent-cloud',
    'huawei-cloud',
    'yandex',
  ]) {
    expect(companies.has(id), id).toBe(true);
  }
});

test('the parser refuses an unknown company, a repeated AS and a row without a source', async () => {
  const jurisdictions = await readJurisdictionTable(root);
  const table = (networks: unknown[]) => ({ updated: '2026-01-01', networks });
  const row = { asn: 64500, company: 'amazon', holder: 'Example', source: 'https://example.org/AS64500' };
  expect(parseNetworkOperators(table([row]), jurisdictions).networks).toEqual([row]);
  expect(() => parseNetworkOperators(table([{ ...row, company: 'nobody' }]), jurisdictions)).toThrow(/no jurisdiction-table row/);
  expect(() => parseNetworkOperators(table([row, row]), jurisdictions)).toThrow(/duplicate asn/);
  expect(() => parseNetworkOperators(table([{ ...row, source: 'example.org' }]), jurisdictions)).toThrow(/source/);
  expect(() => parseNetworkOperators(table([{ ...row, asn: 0 }]), jurisdictions)).toThrow(/AS number/);
});

test('sampled probes: the hosting operator at rows of the package is the row company, with its jurisdiction', async () => {
  const [{ jurisdictions, networks }, knowledge, rows] = await Promise.all([tables(), builtKnowledge(), asnRows()]);
  const companyOf = new Map(networks.networks.map((row) => [row.asn, row.company]));
  const names = new Map(jurisdictions.companies.map((row) => [row.id, row.name]));
  // Rows no narrower row cuts into: their first address answers for them (the exhaustive spec checks the rest).
  const whole = rows.filter((row, i) => {
    const next = rows[i + 1];
    return next === undefined || next.start > row.end;
  });
  const mapped = whole.filter((row) => companyOf.has(row.asn));
  const unmapped = whole.filter((row) => !companyOf.has(row.asn));
  let probed = 0;
  for (let i = 0; i < mapped.length; i += 53) {
    const row = mapped[i]!;
    const id = companyOf.get(row.asn)!;
    const ip = formatV4(row.start + (row.end - row.start) / 2n);
    expect({ ip, hosting: hostingOf(knowledge, ip) }).toEqual({
      ip,
      hosting: { asn: row.asn, network: row.name, company: names.get(id), jurisdiction: jurisdictionOf(jurisdictions, id) },
    });
    probed++;
  }
  expect(probed).toBeGreaterThan(100);
  // Other networks: the CLI (every network loaded) names them without a company; the worker's knowledge (no ip-asn.bin) says nothing.
  const worker: Knowledge = withIpTables({ ...knowledge, network: null }, {});
  for (let i = 0; i < unmapped.length; i += 4999) {
    const row = unmapped[i]!;
    const ip = formatV4(row.start);
    expect(hostingOf(knowledge, ip)).toEqual({ asn: row.asn, network: row.name, company: null, jurisdiction: null });
    expect(hostingOf(worker, ip)).toBeNull();
  }
});

test('classify reports the hosting operator and its sources, also for a site no data set knows', async () => {
  const knowledge = await builtKnowledge();
  const cloudflare = classify(knowledge, { url: 'https://unknown-vendor.example/', ip: '1.1.1.1' });
  expect(cloudflare.company).toBeNull();
  expect(cloudflare.hosting).toEqual({ asn: 13335, network: 'Cloudflare, Inc.', company: 'Cloudflare', jurisdiction: 'US' });
  expect(cloudflare.sources).toEqual(['jurisdictions', 'ip-location-db', 'networks']);
  const google = classify(knowledge, { url: 'https://dns.google/', ip: '2001:4860:4860::8888' });
  expect(google.hosting).toMatchObject({ asn: 15169, company: 'Google', jurisdiction: 'US' });
  expect(classify(knowledge, { url: 'https://x.example/', ip: '10.0.0.1' }).hosting).toBeNull();
  expect(classify(knowledge, { url: 'https://x.example/' }).hosting).toBeNull();
});
