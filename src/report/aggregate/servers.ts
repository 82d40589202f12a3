/** Where an organisation's servers stood and who operated them: requests to its hosts by server country and by hosting operator (pure). */
import { observerOf } from '../../store/observers.js';
import type { HostTable, IpTable } from '../../store/visit-facts.js';

/** Requests from one host to one server address (a daily roll-up row, or one request of an export). */
export interface ServerUse {
  host: number;
  ip: number;
  n: number;
}

export interface ServerCountries {
  /** countries, most requests first */
  countries: { country: string; requests: number }[];
  /** requests to its hosts whose server has no known country (private address, not in the data) */
  unknown: number;
}

export function serverCountries(uses: Iterable<ServerUse>, hostIds: ReadonlySet<number>, ips: IpTable): ServerCountries {
  const byCountry = new Map<string, number>();
  let unknown = 0;
  for (const use of uses) {
    if (!hostIds.has(use.host)) continue;
    const country = ips.get(use.ip)?.country ?? null;
    if (country === null) unknown += use.n;
    else byCountry.set(country, (byCountry.get(country) ?? 0) + use.n);
  }
  const countries = [...byCountry.entries()].map(([country, requests]) => ({ country, requests }));
  countries.sort((a, b) => b.requests - a.requests || a.country.localeCompare(b.country));
  return { countries, unknown };
}

export interface ServerOperators {
  /** Companies operating the networks of its servers (Upstream's network → operator table), most requests first. */
  operators: { operator: string; jurisdiction: string | null; requests: number }[];
  /** requests to its hosts whose server's network maps to no known operator (or whose address is unknown) */
  unknown: number;
}

/** Who operated the networks an organisation's servers stood in: requests to its hosts by hosting operator (pure). */
export function serverOperators(uses: Iterable<ServerUse>, hostIds: ReadonlySet<number>, ips: IpTable): ServerOperators {
  const byOperator = new Map<string, { operator: string; jurisdiction: string | null; requests: number }>();
  let unknown = 0;
  for (const use of uses) {
    if (!hostIds.has(use.host)) continue;
    const ip = ips.get(use.ip);
    const operator = ip?.operator ?? null;
    if (operator === null) {
      unknown += use.n;
      continue;
    }
    const entry = byOperator.get(operator);
    if (entry) entry.requests += use.n;
    else byOperator.set(operator, { operator, jurisdiction: ip?.operatorJurisdiction ?? null, requests: use.n });
  }
  const operators = [...byOperator.values()].sort((a, b) => b.requests - a.requests || a.operator.localeCompare(b.operator));
  return { operators, unknown };
}

/**
 * Who operated the servers each organisation's hosts reached (observer key → operators, most
 * requests first), from server uses already narrowed to what is wanted (one site's). An
 * organisation whose servers have no known operator is absent.
 */
export function operatorsByObserver(uses: Iterable<ServerUse>, hosts: HostTable, ips: IpTable): Map<string, ServerOperators['operators']> {
  const byObserver = new Map<string, Map<string, ServerOperators['operators'][number]>>();
  for (const use of uses) {
    const host = hosts.get(use.host);
    const ip = ips.get(use.ip);
    if (!host || !ip?.operator) continue;
    const key = observerOf(host).key;
    let operators = byObserver.get(key);
    if (!operators) byObserver.set(key, (operators = new Map()));
    const entry = operators.get(ip.operator);
    if (entry) entry.requests += use.n;
    else operators.set(ip.operator, { operator: ip.operator, jurisdiction: ip.operatorJurisdiction ?? null, requests: use.n });
  }
  return new Map(
    [...byObserver].map(([key, operators]) => [
      key,
      [...operators.values()].sort((a, b) => b.requests - a.requests || a.operator.localeCompare(b.operator)),
    ]),
  );
}
