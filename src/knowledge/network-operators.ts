/**
 * Reads and checks the project's network → operator table (data/networks.json): which
 * company of the jurisdiction table operates an autonomous system. A wrong row would file
 * a server under the wrong law, so every rule is checked and the build fails on the first
 * broken row; the company itself (name, owner, country, PRISM) is the jurisdiction table's
 * row, never a copy, so one company has one record.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { JurisdictionTable } from './jurisdictions.js';

export const NETWORKS_FILE = path.join('src', 'knowledge', 'data', 'networks.json');

interface NetworkOperatorRow {
  asn: number;
  /** Id of a jurisdiction-table row. */
  company: string;
  /** The AS holder's name as @ip-location-db/asn gives it (checked against it by the unit tests). */
  holder: string;
  source: string;
}

export interface NetworkOperatorTable {
  updated: string;
  networks: NetworkOperatorRow[];
}

const URL_PATTERN = /^https:\/\/[^\s/]+\/\S*$/;
const MAX_ASN = 0xffffffff;

function fail(where: string, message: string): never {
  throw new Error(`${NETWORKS_FILE}: ${where}: ${message}`);
}

/** Checks the table's shape and that every company it names has a jurisdiction-table row. */
export function parseNetworkOperators(json: unknown, jurisdictions: JurisdictionTable): NetworkOperatorTable {
  const table = json as { updated?: unknown; networks?: unknown };
  if (typeof table.updated !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(table.updated)) fail('top', 'updated must be YYYY-MM-DD');
  if (!Array.isArray(table.networks)) fail('top', 'networks must be a list');
  const companies = new Set(jurisdictions.companies.map((row) => row.id));
  const seen = new Set<number>();
  const rows: NetworkOperatorRow[] = [];
  for (const [index, value] of (table.networks as Record<string, unknown>[]).entries()) {
    const { asn, company, holder, source } = value;
    const where = `networks[${index}]${typeof asn === 'number' ? ` (AS${asn})` : ''}`;
    if (typeof asn !== 'number' || !Number.isInteger(asn) || asn < 1 || asn > MAX_ASN) fail(where, 'asn must be an AS number');
    if (seen.has(asn)) fail(where, 'duplicate asn');
    seen.add(asn);
    if (typeof company !== 'string' || !companies.has(company)) fail(where, `company "${String(company)}" has no jurisdiction-table row`);
    if (typeof holder !== 'string' || holder.trim() === '') fail(where, 'holder is required');
    if (typeof source !== 'string' || !URL_PATTERN.test(source)) fail(where, 'source must be an https URL');
    if (Object.keys(value).some((key) => !['asn', 'company', 'holder', 'source'].includes(key))) fail(where, 'unknown field');
    rows.push({ asn, company, holder, source });
  }
  return { updated: table.updated, networks: rows };
}

export async function readNetworkOperators(root: string, jurisdictions: JurisdictionTable): Promise<NetworkOperatorTable> {
  return parseNetworkOperators(JSON.parse(await readFile(path.join(root, NETWORKS_FILE), 'utf8')), jurisdictions);
}

/**
 * AS number → index in owners.bin of its operator. The jurisdiction table's rows are the
 * first companies of owners.bin, in the table's order (knowledge/companies.ts), so a row's
 * position is its index; compile.ts holds the compiled file to that.
 */
export function operatorIndices(jurisdictions: JurisdictionTable, networks: NetworkOperatorTable): Map<number, number> {
  const position = new Map(jurisdictions.companies.map((row, i) => [row.id, i]));
  return new Map(networks.networks.map((row) => [row.asn, position.get(row.company)!]));
}
