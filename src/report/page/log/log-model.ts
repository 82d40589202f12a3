/**
 * What the request log shows and filters on, from the store's named entries: pure, so that
 * the filters run and are tested in Node. Whether a host tracks is the project's single
 * definition (classify/tracking.ts); the law a company answers to is the report's blocs.
 */
import { blocOf, type Bloc } from '../../../classify/country-groups.js';
import { tracks } from '../../../classify/tracking.js';
import type { LogEntry, LogHost, LogVisit } from '../../../store/request-log.js';
import { isThirdPartyRequest } from '../../../store/observers.js';

/** How a request ended, as the log names it: what the browser said, or that it was recovered from the page's own list. */
export type OutcomeKey = 'completed' | 'failed' | 'redirected' | 'cache' | 'recovered' | 'unverified';
export const OUTCOME_KEYS: readonly OutcomeKey[] = ['completed', 'failed', 'redirected', 'cache', 'recovered', 'unverified'];
export const BLOCS: readonly Bloc[] = ['us', 'eu', 'other', 'unknown'];

export function outcomeOf(entry: LogEntry): OutcomeKey {
  if (entry.unverified) return 'unverified';
  if (entry.recovered) return 'recovered';
  if (entry.outcome !== 'completed') return entry.outcome;
  return entry.fromCache ? 'cache' : 'completed';
}

/** Company filter value for hosts no company is known for. */
export const UNKNOWN_COMPANY = '\u0000unknown';

export interface LogFilters {
  party: 'all' | 'first' | 'third';
  /** '' for every company, UNKNOWN_COMPANY, or a company's name */
  company: string;
  bloc: 'all' | Bloc;
  tracker: 'all' | 'yes' | 'no';
  outcome: 'all' | OutcomeKey;
  /** part of the host name, any case */
  text: string;
}

export const NO_FILTERS: LogFilters = { party: 'all', company: '', bloc: 'all', tracker: 'all', outcome: 'all', text: '' };

export function filtering(filters: LogFilters): boolean {
  return (Object.keys(NO_FILTERS) as (keyof LogFilters)[]).some((key) => filters[key] !== NO_FILTERS[key]);
}

/** The entries' positions that pass the filters (every position when none is set). */
export function matching(entries: readonly LogEntry[], hosts: ReadonlyMap<number, LogHost>, filters: LogFilters): Int32Array {
  if (!filtering(filters)) return Int32Array.from({ length: entries.length }, (_, i) => i);
  const text = filters.text.trim().toLowerCase();
  const kept = new Int32Array(entries.length);
  let count = 0;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const host = hosts.get(entry.host);
    if (filters.party !== 'all' && isThirdPartyRequest(entry.thirdParty, host) !== (filters.party === 'third')) continue;
    if (filters.outcome !== 'all' && outcomeOf(entry) !== filters.outcome) continue;
    if (filters.company && (host?.company ?? UNKNOWN_COMPANY) !== filters.company) continue;
    if (filters.bloc !== 'all' && blocOf(host?.jurisdiction ?? null) !== filters.bloc) continue;
    if (filters.tracker !== 'all' && tracks(host?.tracker) !== (filters.tracker === 'yes')) continue;
    if (text && !(host?.name ?? '').includes(text)) continue;
    kept[count++] = i;
  }
  return kept.slice(0, count);
}

/** The companies the entries reached, by name, with how many requests each, for the company filter. */
export function companiesOf(entries: readonly LogEntry[], hosts: ReadonlyMap<number, LogHost>): { name: string; requests: number }[] {
  const perHost = new Map<number, number>();
  for (const entry of entries) perHost.set(entry.host, (perHost.get(entry.host) ?? 0) + 1);
  const perCompany = new Map<string, number>();
  for (const [id, requests] of perHost) {
    const company = hosts.get(id)?.company ?? UNKNOWN_COMPANY;
    perCompany.set(company, (perCompany.get(company) ?? 0) + requests);
  }
  return [...perCompany]
    .map(([name, requests]) => ({ name, requests }))
    .sort((a, b) => (a.name === UNKNOWN_COMPANY ? 1 : b.name === UNKNOWN_COMPANY ? -1 : a.name.localeCompare(b.name)));
}

/** Where a frame's document came from: the scheme and host of the request that loaded it. */
export interface FrameSource {
  scheme: string;
  host: number;
}

const frameKey = (visit: number, frame: number) => `${visit}:${frame}`;

/**
 * The frames of each visit with their origin. A frame's document is loaded by a sub_frame
 * request carrying that frame's id; a redirected one is followed by the request that landed.
 */
export function frameSources(entries: readonly LogEntry[]): Map<string, FrameSource> {
  const frames = new Map<string, FrameSource>();
  const landed = new Set<string>();
  for (const entry of entries) {
    if (entry.type !== 'sub_frame' || entry.frame === 0) continue;
    const key = frameKey(entry.visit, entry.frame);
    if (landed.has(key)) continue;
    frames.set(key, { scheme: entry.scheme, host: entry.host });
    if (entry.outcome !== 'redirected') landed.add(key);
  }
  return frames;
}

/** The origin of the frame that sent a request: null for the top frame, '' when its document's request was not seen. */
export function frameOrigin(entry: LogEntry, frames: ReadonlyMap<string, FrameSource>, hosts: ReadonlyMap<number, LogHost>): string | null {
  if (entry.frame === 0) return null;
  const source = frames.get(frameKey(entry.visit, entry.frame));
  const host = source && hosts.get(source.host);
  return host ? `${source.scheme}://${host.name}` : '';
}

/** The site of the page that sent a request, when known. */
export function pageSiteOf(entry: LogEntry, visits: ReadonlyMap<number, LogVisit>): string | null {
  return entry.visit ? (visits.get(entry.visit)?.site ?? null) : entry.looseSite;
}

/** The address the request went to, without its query (the store keeps none unless asked, and the log shows none). */
export function urlOf(entry: LogEntry, hosts: ReadonlyMap<number, LogHost>): string {
  return `${entry.scheme}://${hosts.get(entry.host)?.name ?? ''}${entry.path}`;
}
