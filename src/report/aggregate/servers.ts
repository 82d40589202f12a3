/** Where an organisation's servers stood and answered from, and who operated them: requests to its hosts by place and by hosting operator (pure). */
import { answeredFrom, type Evidence } from '../../classify/answered-from.js';
import { edgeFromText } from '../../classify/edge-headers.js';
import { addressAnsweredFrom } from '../../store/ip-place.js';
import { observerOf } from '../../store/observers.js';
import type { HostTable, IpTable } from '../../store/visit-facts.js';

/** Requests from one host to one server address (a daily roll-up row, or one request of an export). */
export interface ServerUse {
  host: number;
  ip: number;
  n: number;
  /** of those, answered by a CDN point of presence its headers named: `cdn:POP` → requests */
  edges?: Readonly<Record<string, number>>;
}

/** Requests answered from one place, on one kind of evidence. */
export interface AnsweredPlace {
  country: string;
  city: string | null;
  evidence: Evidence;
  /** with `cdn-header`: the CDN that said so */
  cdn: string | null;
  /** with `registry`: the address is in a network known to be anycast, answered from near the reader */
  anycast: boolean;
  requests: number;
}

export interface AnsweredPlaces {
  /** best evidence first, then most requests */
  places: AnsweredPlace[];
  /** requests whose place nothing tells (no CDN header, no registry country) */
  unknown: number;
}

const EVIDENCE_ORDER: Record<Evidence, number> = { 'cdn-header': 0, geolocation: 1, registry: 2 };

/**
 * Where an organisation's hosts answered from (pure): the requests a CDN's header places,
 * then the rest where the geolocation database places their address, else by its registry
 * country, each labelled with its evidence (classify/answered-from.ts, store/ip-place.ts).
 */
export function answeredPlaces(uses: Iterable<ServerUse>, hostIds: ReadonlySet<number>, ips: IpTable): AnsweredPlaces {
  const byPlace = new Map<string, AnsweredPlace>();
  let unknown = 0;
  const add = (location: ReturnType<typeof answeredFrom>, requests: number) => {
    if (location === null) return void (unknown += requests);
    const key = `${location.evidence}|${location.country}|${location.city ?? ''}|${location.edge?.cdn ?? ''}|${location.anycast ?? ''}`;
    const entry = byPlace.get(key);
    if (entry) entry.requests += requests;
    else
      byPlace.set(key, {
        country: location.country,
        city: location.city,
        evidence: location.evidence,
        cdn: location.edge?.cdn ?? null,
        anycast: location.anycast === true,
        requests,
      });
  };
  for (const use of uses) {
    if (!hostIds.has(use.host)) continue;
    let placed = 0;
    for (const [text, requests] of Object.entries(use.edges ?? {})) {
      const edge = edgeFromText(text);
      const location = edge === null ? null : answeredFrom(edge, null);
      if (location === null || requests <= 0) continue;
      add(location, Math.min(requests, use.n - placed));
      placed += Math.min(requests, use.n - placed);
    }
    if (use.n > placed) add(addressAnsweredFrom(null, ips.get(use.ip)), use.n - placed);
  }
  const places = [...byPlace.values()].sort(
    (a, b) => EVIDENCE_ORDER[a.evidence] - EVIDENCE_ORDER[b.evidence] || b.requests - a.requests || a.country.localeCompare(b.country),
  );
  return { places, unknown };
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

/** Where each organisation's hosts answered from (observer key → places, best evidence first), from server uses already narrowed to one site's. */
export function answeredByObserver(uses: readonly ServerUse[], hosts: HostTable, ips: IpTable): Map<string, AnsweredPlaces> {
  const grouped = new Map<string, { uses: ServerUse[]; hostIds: Set<number> }>();
  for (const use of uses) {
    const host = hosts.get(use.host);
    if (!host) continue;
    const key = observerOf(host).key;
    const entry = grouped.get(key) ?? { uses: [], hostIds: new Set<number>() };
    entry.uses.push(use);
    entry.hostIds.add(use.host);
    grouped.set(key, entry);
  }
  return new Map([...grouped].map(([key, entry]) => [key, answeredPlaces(entry.uses, entry.hostIds, ips)]));
}
