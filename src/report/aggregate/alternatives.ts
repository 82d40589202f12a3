/**
 * Which of the services in the alternatives table (data/alternatives.json) the period's
 * pages used, most requests first.
 */
import table from '../../knowledge/data/alternatives.json' with { type: 'json' };
import type { RequestFigures } from './requests.js';

export interface Alternative {
  id: string;
  service: string;
  domains: string[];
  instead: string;
  source: string;
}

export interface AlternativeSeen extends Alternative {
  requests: number;
  /** the hosts that matched */
  hosts: string[];
}

export const ALTERNATIVES: readonly Alternative[] = table.alternatives;

function matches(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

export function alternativesSeen(requests: RequestFigures): AlternativeSeen[] {
  return ALTERNATIVES.map((alternative) => {
    const hosts = [...requests.byHost.keys()].filter((host) => alternative.domains.some((d) => matches(host, d))).sort();
    return { ...alternative, hosts, requests: hosts.reduce((sum, host) => sum + requests.byHost.get(host)!, 0) };
  })
    .filter((a) => a.requests > 0)
    .sort((a, b) => b.requests - a.requests || a.service.localeCompare(b.service));
}
