import { useEffect, useState } from 'preact/hooks';
import { formatPeriod, parsePeriod, type ReportPeriod } from './report-period.js';

/** The views with a tab, in tab order. */
export const VIEWS = [
  'overview',
  'companies',
  'sites',
  'countries',
  'graph',
  'leaks',
  'log',
  'alternatives',
  'export',
  'room',
  'settings',
  'about',
] as const;
/** Every view an address can name: the facilitator's guide is reached from the room view, not from a tab of its own. */
const ROUTED = [...VIEWS, 'guide'] as const;
export type View = (typeof ROUTED)[number];

export interface Route {
  view: View;
  period: ReportPeriod;
  /** one company (its observer key) or one site, shown on its own page */
  item?: string;
}

/** "#/companies?period=2026-11-01..2026-11-28" → the route; anything else → the overview of the last 7 days. */
function parseRoute(hash: string): Route {
  const match = /^#\/([a-z]+)(?:\?(.*))?$/.exec(hash);
  const view = (ROUTED as readonly string[]).includes(match?.[1] ?? '') ? (match![1] as View) : 'overview';
  const query = new URLSearchParams(match?.[2] ?? '');
  const item = query.get('item')?.slice(0, 300);
  return { view, period: parsePeriod(query.get('period')), ...(item ? { item } : {}) };
}

export function routeHash(route: Route): string {
  const item = route.item ? `&item=${encodeURIComponent(route.item)}` : '';
  return `#/${route.view}?period=${encodeURIComponent(formatPeriod(route.period))}${item}`;
}

/** The route in the address bar, kept in step with back and forward. */
export function useRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const changed = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return [route, (next) => void (location.hash = routeHash(next))];
}
