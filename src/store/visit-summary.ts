/**
 * What one page visit adds to the figures: which kinds of recipient it reached, its
 * observers, the countries its servers stood in and the law their operators answer to. The hour roll-ups add and subtract these,
 * and the report's aggregation folds them, so both count a visit the same way.
 */
import { GROUPS, inGroup } from '../classify/country-groups.js';
import { REACH_FIGURES, type ReachKey } from './figures.js';
import { isShownVisit, type HostTable, type IpTable, type VisitFacts } from './visit-facts.js';
import { observerOf, observes, thirdPartyObservers, type Observer } from './observers.js';

export interface VisitSummary {
  time: number;
  site: string;
  /** the reach figures it counts in (store/figures.ts) */
  reached: Set<ReachKey>;
  /** distinct third-party observers */
  thirdParty: number;
  /** observers present on the visit (see `observes`), with the tracker categories seen of each */
  observers: Map<string, { observer: Observer; categories: Set<string> }>;
  countries: Set<string>;
  /** countries whose law the companies operating the servers it reached answer to (its hosting operators') */
  hostedUnder: Set<string>;
  /** countries whose law the companies it reached answer to */
  jurisdictions: Set<string>;
  /** groupings reached: "s:<group>" a server in the group, "j:<group>" a company under it, "h:<group>" a server whose operator is under it; ANSWERS_LOCATED, ANSWERS_UNKNOWN */
  groups: Set<string>;
  requests: number;
  clear: number;
}

/** Counted with the groups: visits with an answer whose place is known, and visits a server reach may miss (an answer from an unknown place, none from a place it counts). */
export const ANSWERS_LOCATED = 'w:located';
export const ANSWERS_UNKNOWN = 'w:unknown';

/** The visit's contribution, or null for a visit that does not count (never shown). */
export function summariseVisit(visit: VisitFacts, hosts: HostTable, ips: IpTable): VisitSummary | null {
  if (!isShownVisit(visit)) return null;
  const summary: VisitSummary = {
    time: visit.time,
    site: visit.site,
    reached: new Set(),
    thirdParty: thirdPartyObservers(visit, hosts).size,
    observers: new Map(),
    countries: new Set(),
    hostedUnder: new Set(),
    jurisdictions: new Set(),
    groups: new Set(),
    requests: visit.requests,
    clear: visit.clearText,
  };
  const page = hosts.get(visit.host);
  for (const id of visit.hosts) {
    const host = hosts.get(id);
    if (!host) continue;
    for (const figure of REACH_FIGURES) if (figure.host?.(host)) summary.reached.add(figure.key);
    if (host.jurisdiction) summary.jurisdictions.add(host.jurisdiction);
    if (!observes(host, visit.site, page)) continue;
    const observer = observerOf(host);
    let entry = summary.observers.get(observer.key);
    if (!entry) summary.observers.set(observer.key, (entry = { observer, categories: new Set() }));
    if (host.tracker) entry.categories.add(host.tracker.category);
  }
  for (const id of visit.ips) {
    const country = ips.get(id)?.country;
    if (country) summary.countries.add(country);
  }
  for (const id of visit.ips) {
    const operatedUnder = ips.get(id)?.operatorJurisdiction;
    if (operatedUnder) summary.hostedUnder.add(operatedUnder);
  }
  for (const figure of REACH_FIGURES) if ([...summary.hostedUnder].some((j) => figure.operator?.(j))) summary.reached.add(figure.key);
  // Where a server answered from is known only on evidence of where it stood (a CDN's own
  // header), never from its address's registry country: a CDN edge in Paris on an address
  // registered in the US is not US soil.
  const answered = visit.answered ?? [];
  let serverReached = false;
  for (const figure of REACH_FIGURES) {
    if (!answered.some((c) => figure.server?.(c))) continue;
    summary.reached.add(figure.key);
    serverReached = true;
  }
  if (answered.length > 0) summary.groups.add(ANSWERS_LOCATED);
  if (!serverReached && (visit.unlocated ?? 0) > 0) summary.groups.add(ANSWERS_UNKNOWN);
  for (const group of GROUPS) {
    if ([...summary.countries].some((c) => inGroup(c, group))) summary.groups.add(`s:${group}`);
    if ([...summary.jurisdictions].some((c) => inGroup(c, group))) summary.groups.add(`j:${group}`);
    if ([...summary.hostedUnder].some((c) => inGroup(c, group))) summary.groups.add(`h:${group}`);
  }
  return summary;
}
