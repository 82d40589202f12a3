/**
 * Which recorded requests a matcher is about. Every criterion given must hold (they are
 * combined with "and"); an empty filter selects every request.
 */
import type { UpstreamRequest } from './classified-requests.js';
import { tracks } from '../../classify/tracking.js';

export interface RequestFilter {
  /** the receiving company answers to this country's law ("US"), or to one of these */
  jurisdiction?: string | string[];
  /** the receiving company is (true) or is not (false) a PRISM provider or owned by one */
  prism?: boolean;
  /**
   * true: a host that tracks by the report's one definition (classify/tracking.ts: advertising,
   * analytics, social media…; not a consent manager, player, CDN or hosting); false: one that
   * does not; a category or categories ("consent"): a host listed in one of them, tracking or not.
   */
  tracker?: boolean | string | string[];
  /** the receiving company or its parent: a name (any case) or a pattern */
  company?: string | RegExp;
  /** the host, or a domain it belongs to ("google-analytics.com" covers www.google-analytics.com) */
  host?: string | RegExp;
  /** sent to a third party (true) or to the page's own site or organisation (false) */
  thirdParty?: boolean;
  /** the server's IP address is located in this country (loopback and unknown addresses are in none) */
  serverCountry?: string | string[];
  /** finished before the mark with this label */
  before?: string;
  /** finished at or after the mark with this label */
  after?: string;
}

const KEYS = new Set<string>(['jurisdiction', 'prism', 'tracker', 'company', 'host', 'thirdParty', 'serverCountry', 'before', 'after']);

/** Throws on a key this filter does not know: a misspelt criterion would otherwise select every request. */
export function checkFilter(filter: RequestFilter): void {
  const unknown = Object.keys(filter).filter((key) => !KEYS.has(key));
  if (unknown.length)
    throw new Error(`unknown request filter key${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; known: ${[...KEYS].join(', ')}`);
}

const upperList = (value: string | string[]) => (Array.isArray(value) ? value : [value]).map((v) => v.toUpperCase());

function nameMatches(name: string | null, wanted: string | RegExp): boolean {
  if (name === null) return false;
  return typeof wanted === 'string' ? name.toLowerCase() === wanted.toLowerCase() : wanted.test(name);
}

function hostMatches(host: string, wanted: string | RegExp): boolean {
  if (typeof wanted !== 'string') return wanted.test(host);
  const domain = wanted.toLowerCase();
  return host === domain || host.endsWith(`.${domain}`);
}

function trackerMatches(tracker: UpstreamRequest['tracker'], wanted: boolean | string | string[]): boolean {
  if (typeof wanted === 'boolean') return tracks(tracker) === wanted;
  const categories = Array.isArray(wanted) ? wanted : [wanted];
  return tracker !== null && categories.includes(tracker.category);
}

/** `markTime` turns a mark's label into its time (and throws for an unknown label). */
export function matchesFilter(request: UpstreamRequest, filter: RequestFilter, markTime: (label: string) => number): boolean {
  const { jurisdiction, prism, tracker, company, host, thirdParty, serverCountry, before, after } = filter;
  if (jurisdiction !== undefined && !upperList(jurisdiction).includes(request.jurisdiction ?? '')) return false;
  if (prism !== undefined && request.prism !== prism) return false;
  if (tracker !== undefined && !trackerMatches(request.tracker, tracker)) return false;
  if (company !== undefined && !nameMatches(request.company, company) && !nameMatches(request.parent, company)) return false;
  if (host !== undefined && !hostMatches(request.host, host)) return false;
  if (thirdParty !== undefined && request.thirdParty !== thirdParty) return false;
  if (serverCountry !== undefined && !upperList(serverCountry).includes(request.serverCountry ?? '')) return false;
  if (before !== undefined && !(request.time < markTime(before))) return false;
  if (after !== undefined && !(request.time >= markTime(after))) return false;
  return true;
}

const list = (value: string | string[]) => (Array.isArray(value) ? value.join(' or ') : value);

/** The filter in words, for messages: "to a tracker, before mark 'consent'". */
export function describeFilter(filter: RequestFilter): string {
  const parts: string[] = [];
  if (filter.jurisdiction !== undefined) parts.push(`to a company under ${list(filter.jurisdiction)} jurisdiction`);
  if (filter.prism !== undefined) parts.push(filter.prism ? 'to a PRISM provider' : 'to a company outside PRISM');
  if (filter.tracker !== undefined) {
    parts.push(
      typeof filter.tracker === 'boolean'
        ? filter.tracker
          ? 'to a tracker'
          : 'to a host that does not track'
        : `to a tracker of category ${list(filter.tracker)}`,
    );
  }
  if (filter.company !== undefined) parts.push(`to company ${String(filter.company)} (or a company it owns)`);
  if (filter.host !== undefined) parts.push(`to host ${String(filter.host)}`);
  if (filter.thirdParty !== undefined) parts.push(filter.thirdParty ? 'to a third party' : "to the page's own site");
  if (filter.serverCountry !== undefined) parts.push(`to a server in ${list(filter.serverCountry)}`);
  if (filter.after !== undefined) parts.push(`after mark '${filter.after}'`);
  if (filter.before !== undefined) parts.push(`before mark '${filter.before}'`);
  return parts.length ? parts.join(', ') : 'at all';
}
