/**
 * Reads and checks the alternatives table (data/alternatives.json) at build time, and writes
 * its recommended services classified by the freshly compiled knowledge. A rule that can
 * never match, or a recommendation the knowledge cannot place, would mislead a workshop
 * silently, so the build fails on the first one.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ALTERNATIVE_HOSTS_FILE, classifyAlternatives, type AlternativeHostsFile } from '../classify/alternative-hosts.js';
import type { Knowledge } from '../classify/knowledge.js';
import { HOST_PATTERN } from './trackerdb.js';

const ALTERNATIVES_TABLE = path.join('src', 'knowledge', 'data', 'alternatives.json');

const URL_PATTERN = /^https:\/\/[^\s/]+\/\S*$/;
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PATH_PATTERN = /^\/[\x21-\x7e]*$/;

interface TableRow {
  id: string;
  service: string;
  match: { host: string; paths?: string[] }[];
  alternatives: string[];
  source: string;
}

function fail(where: string, message: string): never {
  throw new Error(`${ALTERNATIVES_TABLE}: ${where}: ${message}`);
}

/** The table's services, checked: ids, rules (no two alike), recommended hosts and sources. */
export function parseAlternativesTable(json: unknown): TableRow[] {
  const services = (json as { services?: unknown } | null)?.services;
  if (!Array.isArray(services)) fail('top', 'services must be a list');
  const ids = new Set<string>();
  const rules = new Map<string, string>();
  for (const [index, value] of (services as Partial<TableRow>[]).entries()) {
    const where = `services[${index}]${typeof value.id === 'string' ? ` (${value.id})` : ''}`;
    if (typeof value.id !== 'string' || !ID_PATTERN.test(value.id)) fail(where, 'id must be kebab-case');
    if (ids.has(value.id)) fail(where, 'duplicate id');
    ids.add(value.id);
    if (typeof value.service !== 'string' || value.service.trim() === '') fail(where, 'service is required');
    if (typeof value.source !== 'string' || !URL_PATTERN.test(value.source)) fail(where, 'source must be an https URL');
    if (!Array.isArray(value.match) || value.match.length === 0) fail(where, 'match must list at least one host');
    for (const rule of value.match) {
      if (typeof rule?.host !== 'string' || !HOST_PATTERN.test(rule.host))
        fail(where, `"${String(rule?.host)}" is not a lower-case host name`);
      const paths = rule.paths ?? [null];
      if (!Array.isArray(paths) || paths.length === 0) fail(where, `${rule.host}: paths must be a non-empty list when given`);
      for (const prefix of paths) {
        if (prefix !== null && (typeof prefix !== 'string' || !PATH_PATTERN.test(prefix)))
          fail(where, `${rule.host}: "${String(prefix)}" is not a path`);
        const key = `${rule.host}${prefix ?? ''}`;
        const other = rules.get(key);
        if (other) fail(where, `${key} is already matched by ${other}`);
        rules.set(key, value.id);
      }
    }
    if (!Array.isArray(value.alternatives) || value.alternatives.length === 0) fail(where, 'alternatives must name at least one host');
    for (const host of value.alternatives)
      if (typeof host !== 'string' || !HOST_PATTERN.test(host)) fail(where, `"${String(host)}" is not a host name`);
  }
  return services as TableRow[];
}

export async function readAlternativesTable(root: string): Promise<TableRow[]> {
  return parseAlternativesTable(JSON.parse(await readFile(path.join(root, ALTERNATIVES_TABLE), 'utf8')));
}

/** Classifies every recommended host with `knowledge` and writes them; fails on one the knowledge names no company for. */
export async function writeAlternativeHosts(outDir: string, rows: readonly TableRow[], knowledge: Knowledge): Promise<void> {
  const hosts = classifyAlternatives(
    knowledge,
    rows.flatMap((row) => row.alternatives),
  );
  const unknown = hosts.filter((h) => h.company === null || h.jurisdiction === null).map((h) => h.host);
  if (unknown.length) fail('alternatives', `the knowledge places no company for ${unknown.join(', ')}: add a row to jurisdictions.json`);
  const file: AlternativeHostsFile = { format: 1, hosts };
  await writeFile(path.join(outDir, ALTERNATIVE_HOSTS_FILE), `${JSON.stringify(file, null, 2)}\n`);
}
