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
