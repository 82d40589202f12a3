import { useEffect, useState } from 'preact/hooks';
import { COMPARE_KEYS, type CompareParams } from './compare-query.js';
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
  'compare',
  'alternatives',
  'export',
  'room',
  'settings',
  'about',
] as const;
/**
 * Every view an address can name: the facilitator's guide is reached from the room view, the
 * law behind the figures from the figures and the Countries view, not from tabs of their own.
 */
const ROUTED = [...VIEWS, 'guide', 'law'] as const;
export type View = (typeof ROUTED)[number];

export interface Route {
  view: View;
  period: ReportPeriod;
  /** one company (its observer key) or one site, shown on its own page; the legal frame a law link names */
  item?: string;
  /** the compare view's choices, as the address gives them (compare-query.ts reads them) */
  compare?: CompareParams;
}

/** Longer than any value the compare view writes: what is beyond is not read. */
const MAX_PARAM = 300;

function compareOf(query: URLSearchParams): CompareParams | undefined {
  const entries = COMPARE_KEYS.flatMap((key) => {
    const value = query.get(key);
    return value === null ? [] : [[key, value.slice(0, MAX_PARAM)] as const];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** "#/companies?period=2026-11-01..2026-11-28" → the route; anything else → the overview of the last 7 days. */
export function parseRoute(hash: string): Route {
  const match = /^#\/([a-z]+)(?:\?(.*))?$/.exec(hash);
  const view = (ROUTED as readonly string[]).includes(match?.[1] ?? '') ? (match![1] as View) : 'overview';
  const query = new URLSearchParams(match?.[2] ?? '');
  const item = query.get('item')?.slice(0, MAX_PARAM);
  const compare = view === 'compare' ? compareOf(query) : undefined;
  return { view, period: parsePeriod(query.get('period')), ...(item ? { item } : {}), ...(compare ? { compare } : {}) };
}

export function routeHash(route: Route): string {
  const item = route.item ? `&item=${encodeURIComponent(route.item)}` : '';
  const compare =
    route.view === 'compare' && route.compare
      ? COMPARE_KEYS.map((key) => (route.compare![key] === undefined ? '' : `&${key}=${encodeURIComponent(route.compare![key]!)}`)).join('')
      : '';
  return `#/${route.view}?period=${encodeURIComponent(formatPeriod(route.period))}${item}${compare}`;
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

/** The address of another view for the period the report shows now (links placed where the route is not at hand). */
export function hashInPeriod(view: View, item?: string): string {
  return routeHash({ view, period: parseRoute(location.hash).period, ...(item ? { item } : {}) });
}
