/**
 * Sites of a period from the hour roll-ups: how often each was visited and who saw the
 * visitor there, joined with the request counts of the daily roll-ups.
 */
import type { VisitRollupRow } from '../../store/visit-rollup.js';
import { rollupStart } from '../../store/visit-rollup-walk.js';
import type { RequestFigures } from './requests.js';

interface SiteObserver {
  key: string;
  name: string;
  known: boolean;
  jurisdiction: string | null;
  prism: boolean;
  /** visits of the site it was present on */
  visits: number;
}

export interface SiteRow {
  site: string;
  visits: number;
  /** observers present on its pages, the site's own company included */
  observers: SiteObserver[];
  /** of those, under US jurisdiction */
  usObservers: number;
  requests: number;
  thirdPartyRequests: number;
  /** share of its third-party requests that reached US jurisdiction; null when none */
  usShare: number | null;
}

export function sitesOf(rows: Iterable<VisitRollupRow>, range: { from: number; to: number }, requests: RequestFigures): SiteRow[] {
  const visits = new Map<string, number>();
  const observers = new Map<string, Map<string, SiteObserver>>();
  for (const row of rows) {
    const start = rollupStart(row);
    if (start < range.from || start >= range.to) continue;
    for (const site in row.sites) visits.set(site, (visits.get(site) ?? 0) + row.sites[site]!);
    for (const key in row.obs) {
      const tally = row.obs[key]!;
      for (const site in tally.sites) {
        let seen = observers.get(site);
        if (!seen) observers.set(site, (seen = new Map()));
        const entry = seen.get(key) ?? {
          key,
          name: tally.name,
          known: tally.known,
          jurisdiction: tally.jurisdiction,
          prism: tally.prism,
          visits: 0,
        };
        entry.visits += tally.sites[site]!;
        seen.set(key, entry);
      }
    }
  }
  return [...visits]
    .map(([site, count]): SiteRow => {
      const list = [...(observers.get(site)?.values() ?? [])].sort((a, b) => b.visits - a.visits || a.name.localeCompare(b.name));
      const counted = requests.bySite.get(site);
      return {
        site,
        visits: count,
        observers: list,
        usObservers: list.filter((o) => o.jurisdiction === 'US').length,
        requests: counted?.requests ?? 0,
        thirdPartyRequests: counted?.thirdParty ?? 0,
        usShare: counted && counted.thirdParty > 0 ? counted.usThirdParty / counted.thirdParty : null,
      };
    })
    .sort((a, b) => b.visits - a.visits || a.site.localeCompare(b.site));
}
