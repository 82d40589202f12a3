/** Where an organisation's servers stood: requests to its hosts by server country (pure). */
import type { IpTable } from '../../store/visit-facts.js';

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
