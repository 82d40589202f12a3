/**
 * Observers: the organisations that receive requests. A host belongs to its company when
 * the knowledge names one; otherwise its registrable domain stands for an unknown owner,
 * so that third parties nobody has catalogued still count.
 */
import type { HostFacts, VisitFacts, HostTable } from './visit-facts.js';

export interface Observer {
  /** stable key: "c:" + company, or "d:" + registrable domain when the company is unknown */
  key: string;
  /** company name, or the domain when unknown */
  name: string;
  known: boolean;
  parent: string | null;
  jurisdiction: string | null;
  prism: boolean;
}

export function observerKey(host: HostFacts): string {
  return host.company ? `c:${host.company}` : `d:${host.domain}`;
}

export function observerOf(host: HostFacts): Observer {
  return {
    key: observerKey(host),
    name: host.company ?? host.domain,
    known: host.company !== null,
    parent: host.parent,
    jurisdiction: host.jurisdiction,
    prism: host.prism,
  };
}

/** True when US law reaches the owner: the company, or the company's nearest known owner, is American. */
export function isUsJurisdiction(owner: { jurisdiction: string | null }): boolean {
  return owner.jurisdiction === 'US';
}

/** A host of another site whose organisation is not the page's own (a YouTube page loading ytimg.com has not left Google). */
export function isThirdPartyOn(host: HostFacts, site: string, page: HostFacts | undefined): boolean {
  // A tracker behind the site's own name is the tracker's, whatever the name says.
  if (host.cloaked === true && host.name !== page?.name) return true;
  return host.domain !== site && observerKey(host) !== (page ? observerKey(page) : `d:${site}`);
}

/**
 * Whether a host counts as seeing a visit to `site`: a third party does, and so does a
 * known company on its own site (Google sees google.com); an uncatalogued site seeing
 * itself is no news and would only crowd the list.
 */
export function observes(host: HostFacts, site: string, page: HostFacts | undefined): boolean {
  return host.company !== null || isThirdPartyOn(host, site, page);
}

/** The distinct third-party observers of one visit. */
export function thirdPartyObservers(visit: VisitFacts, hosts: HostTable): Set<string> {
  const page = hosts.get(visit.host);
  const found = new Set<string>();
  for (const id of visit.hosts) {
    const host = hosts.get(id);
    if (host && isThirdPartyOn(host, visit.site, page)) found.add(observerKey(host));
  }
  return found;
}

/** The fields a request's party depends on beyond its stored bit. */
type PartyHost = Pick<HostFacts, 'cloaked'> | undefined;

/**
 * Whether a stored request went to a third party: its bit, set when it was stored, or its
 * host found since to be a tracker behind the page's own name.
 */
export function isThirdPartyRequest(storedBit: boolean, host: PartyHost): boolean {
  return storedBit || host?.cloaked === true;
}
