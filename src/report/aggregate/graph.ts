/**
 * The graph of a period: sites and the organisations they sent the reader to, each link
 * weighted by the visits on which the organisation was present (pure): each site's dozen
 * most present organisations, and every other organisation by its strongest link. Filters keep the
 * organisations of one jurisdiction bloc or tracker category, and the sites linked to them.
 */
import { blocOf, type Bloc } from '../../classify/country-groups.js';
import type { ObserverReach } from './exposure.js';
import type { SiteRow } from './sites.js';

/** Links drawn per site: beyond a dozen, lines only blur the picture (and slow the layout). */
const MAX_LINKS_PER_SITE = 12;

export interface GraphNode {
  id: string;
  kind: 'site' | 'company';
  label: string;
  /** visits (sites) or visits present on (companies) */
  weight: number;
  bloc: Bloc | null;
}

export interface GraphLink {
  source: string;
  target: string;
  visits: number;
}

export interface GraphFilter {
  bloc: Bloc | 'all';
  /** a tracker category id, or 'all' */
  category: string;
}

/** One site and one organisation present on it, under the filter: a row of the graph's list view. */
export interface GraphPair {
  site: string;
  company: string;
  name: string;
  known: boolean;
  jurisdiction: string | null;
  bloc: Bloc;
  /** the site's visits on which the organisation was present */
  visits: number;
}

function keptObservers(observers: readonly ObserverReach[], filter: GraphFilter): Map<string, ObserverReach> {
  return new Map(
    observers
      .filter(
        (o) =>
          (filter.bloc === 'all' || blocOf(o.jurisdiction) === filter.bloc) &&
          (filter.category === 'all' || o.categories.includes(filter.category)),
      )
      .map((o) => [o.key, o]),
  );
}

/** Every site × organisation under the filter (all of them, where the graph draws a dozen lines per site). */
export function graphPairs(sites: readonly SiteRow[], observers: readonly ObserverReach[], filter: GraphFilter): GraphPair[] {
  const kept = keptObservers(observers, filter);
  return sites.flatMap((site) =>
    site.observers
      .filter((o) => kept.has(o.key))
      .map((o) => ({
        site: site.site,
        company: o.key,
        name: o.name,
        known: o.known,
        jurisdiction: o.jurisdiction,
        bloc: blocOf(o.jurisdiction),
        visits: o.visits,
      })),
  );
}

export function graphOf(
  sites: readonly SiteRow[],
  observers: readonly ObserverReach[],
  filter: GraphFilter,
): { nodes: GraphNode[]; links: GraphLink[] } {
  const kept = keptObservers(observers, filter);
  const links: GraphLink[] = [];
  const siteNodes: GraphNode[] = [];
  for (const site of sites) {
    // A site's observers come most visits first: its MAX_LINKS_PER_SITE most present are drawn.
    const own = site.observers.filter((o) => kept.has(o.key)).slice(0, MAX_LINKS_PER_SITE);
    if (own.length === 0) continue;
    siteNodes.push({ id: `s:${site.site}`, kind: 'site', label: site.site, weight: site.visits, bloc: null });
    for (const o of own) links.push({ source: `s:${site.site}`, target: o.key, visits: o.visits });
  }
  const linked = new Set(links.map((l) => l.target));
  // An organisation in no site's top dozen still appears, by its strongest link: the graph
  // leaves out lines, never an organisation.
  const strongest = new Map<string, GraphLink>();
  for (const site of sites) {
    for (const o of site.observers) {
      if (!kept.has(o.key) || linked.has(o.key)) continue;
      const best = strongest.get(o.key);
      if (!best || o.visits > best.visits) strongest.set(o.key, { source: `s:${site.site}`, target: o.key, visits: o.visits });
    }
  }
  for (const link of strongest.values()) {
    links.push(link);
    linked.add(link.target);
  }
  const companyNodes = [...kept.values()]
    .filter((o) => linked.has(o.key))
    .map((o): GraphNode => ({ id: o.key, kind: 'company', label: o.name, weight: o.visits, bloc: blocOf(o.jurisdiction) }));
  return { nodes: [...siteNodes, ...companyNodes], links };
}
