/**
 * A page visit's stored row (schema.ts VisitRow), as the capture's batches build and update it
 * (capture/batch-writer.ts): the capture decides what happened, these functions write it in
 * the row's encoding.
 */
import type { HostRow, VisitRow } from './schema.js';
import type { AnsweredPlace } from './request-row.js';

export type { VisitRow } from './schema.js';

/** What a navigation of the visit's tab told of its state besides being shown (capture/page-state.ts VisitChange). */
export interface VisitNews {
  prerender?: boolean;
  /** the prerendered page became the one shown */
  activated?: boolean;
  /** its start was not seen, only its requests */
  inferred?: boolean;
}

/** A visit first heard of: not shown yet, no request counted. `url` is as stored (url-parts.ts storedUrl). */
export function newVisitRow(id: number, time: number, tab: number, url: string, host: HostRow): VisitRow {
  return { id, t: Math.round(time), tab, u: url, s: host.d, h: host.id!, c: 0, pr: 0, inf: 0, d: [], ip: [], n: 0 };
}

/** The browser showed the page (its response started): `url` as stored, `host` the host it came from when it is kept. */
export function showVisit(visit: VisitRow, url: string, host: HostRow | undefined): void {
  visit.c = 1;
  visit.u = url;
  if (host) {
    visit.h = host.id!;
    visit.s = host.d;
  }
}

export function markVisit(visit: VisitRow, news: VisitNews): void {
  if (news.prerender) visit.pr = 1;
  if (news.activated) visit.pr = 0;
  if (news.inferred) visit.inf = 1;
}

/** The site (registrable domain) of the visit's page. */
export function visitSite(visit: VisitRow): string {
  return visit.s;
}

/**
 * Notes a request of the visit: the host it `reached`, the server address it used and the
 * country it was answered from (each listed once); `counted` adds it to the visit's request
 * counts (a request recovered earlier was counted then).
 */
export function noteVisitRequest(
  visit: VisitRow,
  hostId: number,
  ipId: number,
  reached: boolean,
  counted: boolean,
  cleartext: boolean,
  answered: AnsweredPlace,
): void {
  if (!visit.d.includes(hostId) && reached) visit.d.push(hostId);
  if (ipId && !visit.ip.includes(ipId)) visit.ip.push(ipId);
  if (answered !== undefined && answered !== null && !visit.lc?.includes(answered)) (visit.lc ??= []).push(answered);
  if (!counted) return;
  visit.n++;
  if (cleartext) visit.x = (visit.x ?? 0) + 1;
  if (answered === null) visit.lu = (visit.lu ?? 0) + 1;
}
