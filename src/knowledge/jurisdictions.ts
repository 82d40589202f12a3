/**
 * Reads and checks the project's own jurisdiction table (data/jurisdictions.json). A
 * mistake in it would silently misreport who can be compelled to hand data over, so every
 * rule is checked and the build fails loudly on the first broken row.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { COUNTRY_PATTERN, HOST_PATTERN } from './trackerdb.js';

export const JURISDICTIONS_FILE = path.join('src', 'knowledge', 'data', 'jurisdictions.json');

interface CompanyRow {
  id: string;
  name: string;
  country: string;
  parent: string | null;
  prism: boolean;
  source: string;
  trackerdb: string[];
  aliases: string[];
  domains: string[];
  note: string | null;
  /** When the row's facts were last checked against its source (YYYY-MM-DD), or null. */
  checked: string | null;
  /** Month the PRISM slide gives for the provider's entry (YYYY-MM); required on PRISM rows, refused elsewhere. */
  prismSince: string | null;
  /** The primary reporting of the leaked slides that names the provider; required on PRISM rows, refused elsewhere. */
  prismSources: string[];
}

export interface JurisdictionTable {
  updated: string;
  prismSource: string;
  companies: CompanyRow[];
}

const URL_PATTERN = /^https:\/\/[^\s/]+\/\S*$/;
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE_PATTERN = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;
const MONTH_PATTERN = /^\d{4}-(?:0[1-9]|1[0-2])$/;

function fail(where: string, message: string): never {
  throw new Error(`${JURISDICTIONS_FILE}: ${where}: ${message}`);
}

function strings(value: unknown, where: string, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item.trim() === '')) {
    fail(where, `${field} must be a list of non-empty strings`);
  }
  return value as string[];
}

export function parseJurisdictionTable(json: unknown): JurisdictionTable {
  const table = json as { updated?: unknown; prismSource?: unknown; companies?: unknown };
  if (typeof table.updated !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(table.updated)) fail('top', 'updated must be YYYY-MM-DD');
  if (typeof table.prismSource !== 'string' || !URL_PATTERN.test(table.prismSource)) fail('top', 'prismSource must be an https URL');
  if (!Array.isArray(table.companies)) fail('top', 'companies must be a list');

  const rows: CompanyRow[] = [];
  const ids = new Set<string>();
  const domainOwner = new Map<string, string>();
  for (const [index, value] of (table.companies as Record<string, unknown>[]).entries()) {
    const where = `companies[${index}]${typeof value.id === 'string' ? ` (${value.id})` : ''}`;
    const { id, name, country, parent, prism, source } = value;
    if (typeof id !== 'string' || !ID_PATTERN.test(id)) fail(where, 'id must be kebab-case');
    if (ids.has(id)) fail(where, 'duplicate id');
    ids.add(id);
    if (typeof name !== 'string' || name.trim() === '') fail(where, 'name is required');
    if (typeof country !== 'string' || !COUNTRY_PATTERN.test(country)) fail(where, 'country must be an ISO 3166-1 alpha-2 code');
    if (parent !== null && typeof parent !== 'string') fail(where, 'parent must be an id or null');
    if (typeof prism !== 'boolean') fail(where, 'prism must be true or false');
    if (typeof source !== 'string' || !URL_PATTERN.test(source)) fail(where, 'source must be an https URL');
    const { checked, prismSince } = value;
    if (checked !== undefined && (typeof checked !== 'string' || !DATE_PATTERN.test(checked))) fail(where, 'checked must be YYYY-MM-DD');
    if (prism ? typeof prismSince !== 'string' || !MONTH_PATTERN.test(prismSince) : prismSince !== undefined) {
      fail(where, 'prismSince must be YYYY-MM on a PRISM row, and absent elsewhere');
    }
    const prismSources = strings(value.prismSources, where, 'prismSources');
    if (prism ? prismSources.length === 0 : prismSources.length > 0)
      fail(where, 'prismSources must cite the slides on a PRISM row, and be absent elsewhere');
    for (const url of prismSources) if (!URL_PATTERN.test(url)) fail(where, 'prismSources must be https URLs');
    const domains = strings(value.domains, where, 'domains');
    for (const domain of domains) {
      if (!HOST_PATTERN.test(domain)) fail(where, `"${domain}" is not a lower-case host name`);
      const other = domainOwner.get(domain);
      if (other) fail(where, `"${domain}" is already listed under ${other}`);
      domainOwner.set(domain, id);
    }
    rows.push({
      id,
      name: name.trim(),
      country,
      parent,
      prism,
      source,
      trackerdb: strings(value.trackerdb, where, 'trackerdb'),
      aliases: strings(value.aliases, where, 'aliases'),
      domains,
      note: typeof value.note === 'string' ? value.note : null,
      checked: checked ?? null,
      prismSince: typeof prismSince === 'string' ? prismSince : null,
      prismSources,
    });
  }

  // Owners must exist and ownership must end somewhere.
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const row of rows) {
    const seen = new Set<string>([row.id]);
    for (let owner = row.parent; owner !== null; owner = byId.get(owner)!.parent) {
      if (!byId.has(owner)) fail(row.id, `parent "${owner}" has no row`);
      if (seen.has(owner)) fail(row.id, `ownership loops through "${owner}"`);
      seen.add(owner);
    }
  }
  return { updated: table.updated, prismSource: table.prismSource, companies: rows };
}

export async function readJurisdictionTable(root: string): Promise<JurisdictionTable> {
  return parseJurisdictionTable(JSON.parse(await readFile(path.join(root, JURISDICTIONS_FILE), 'utf8')));
}
