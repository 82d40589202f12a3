import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { classify } from '../../src/classify/classify.js';
import { builtKnowledge } from './classify-knowledge.js';

/**
 * Golden requests: each row is a fact checked by hand (who runs the host, where the company
 * is incorporated, whether it is on the PRISM slide, what kind of tracker it is), asserted
 * against the knowledge compiled from the real data packages. See test/fixtures/golden/README.md.
 */
interface GoldenRow {
  kind: string;
  url: string;
  page?: string;
  host: string | null;
  domain: string | null;
  thirdParty: boolean;
  category: string | null;
  company: string | null;
  parent: string | null;
  jurisdiction: string | null;
  prism: boolean;
  cleartext: boolean;
}

const file = path.resolve(import.meta.dirname, '../fixtures/golden/classify-hosts.json');
const rows = JSON.parse(readFileSync(file, 'utf8')) as GoldenRow[];

test('the golden set covers at least 400 hosts of every kind', () => {
  const hosts = new Set(rows.map((row) => row.host).filter((host) => host !== null));
  expect(hosts.size).toBeGreaterThanOrEqual(400);
  const kinds = new Set(rows.map((row) => row.kind));
  for (const kind of [
    'prism',
    'cloud',
    'cdn',
    'saas',
    'tracker',
    'eu',
    'non-us',
    'private-suffix',
    'unknown',
    'punycode',
    'ip-literal',
    'non-network',
  ]) {
    expect(kinds, kind).toContain(kind);
  }
});

for (const row of rows) {
  test(`${row.kind}: ${row.url}${row.page ? ` on ${row.page}` : ''}`, async () => {
    const result = classify(await builtKnowledge(), { url: row.url, page: row.page ?? null });
    expect({
      host: result.host,
      domain: result.domain,
      thirdParty: result.thirdParty,
      category: result.tracker?.category ?? null,
      company: result.company,
      parent: result.parent,
      jurisdiction: result.jurisdiction,
      prism: result.prism,
      cleartext: result.cleartext,
    }).toEqual({
      host: row.host,
      domain: row.domain,
      thirdParty: row.thirdParty,
      category: row.category,
      company: row.company,
      parent: row.parent,
      jurisdiction: row.jurisdiction,
      prism: row.prism,
      cleartext: row.cleartext,
    });
  });
}
