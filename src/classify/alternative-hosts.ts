/**
 * The services the alternatives table recommends, classified by the same knowledge as every
 * request (company, where it answers to, PRISM): compiled into knowledge/alternative-hosts.json
 * when the knowledge is built, so the report shows the jurisdiction of what it recommends
 * without loading the classifier.
 */
import type { Knowledge } from './knowledge.js';

export const ALTERNATIVE_HOSTS_FILE = 'alternative-hosts.json';

export interface AlternativeHost {
  host: string;
  company: string | null;
  parent: string | null;
  /** ISO country the company answers to, null when unknown */
  jurisdiction: string | null;
  prism: boolean;
}

export interface AlternativeHostsFile {
  format: 1;
  hosts: AlternativeHost[];
}

export function classifyAlternatives(knowledge: Knowledge, hosts: Iterable<string>): AlternativeHost[] {
  return [...new Set(hosts)].sort().map((host) => {
    const { company, parent, jurisdiction, prism } = knowledge.hosts.get(host);
    return { host, company, parent, jurisdiction, prism };
  });
}

/** The file's hosts by name; a file that does not have the expected shape gives none (the report then says the jurisdiction is unknown). */
export function parseAlternativeHosts(json: unknown): Map<string, AlternativeHost> {
  const file = json as Partial<AlternativeHostsFile> | null;
  const byHost = new Map<string, AlternativeHost>();
  if (!file || file.format !== 1 || !Array.isArray(file.hosts)) return byHost;
  for (const entry of file.hosts as unknown[]) {
    const row = entry as Partial<AlternativeHost> | null;
    if (!row || typeof row.host !== 'string') continue;
    const text = (value: unknown) => (typeof value === 'string' ? value : null);
    byHost.set(row.host, {
      host: row.host,
      company: text(row.company),
      parent: text(row.parent),
      jurisdiction: text(row.jurisdiction),
      prism: row.prism === true,
    });
  }
  return byHost;
}
