/** An export's rows as this browser stores them (pure): the inverse of export-rows.ts, ids mapped. */
import { FLAGS, MAX_PATH, METHODS, OUTCOMES, SCHEMES, TYPES, code, type DailyRow, type RequestRow } from '../schema.js';
import type { ExportedDaily, ExportedRequest } from './export-format.js';
import { urlParts } from '../url-parts.js';

export interface IdMaps {
  host(fileId: number): number;
  ip(fileId: number): number;
  visit(fileId: number): number;
}

/** A file's host name as this browser would have recorded it (lower case, punycode), or null when it is none. */
export function recordedHost(name: string): string | null {
  return urlParts(`https://${name}/`)?.host ?? null;
}

export function importedRequest(r: ExportedRequest, ids: IdMaps, keepQuery: boolean): RequestRow {
  const flags =
    (r.thirdParty ? FLAGS.thirdParty : 0) |
    (r.cookies ? FLAGS.cookies : 0) |
    (r.referrer ? FLAGS.referrer : 0) |
    (r.cookies === null || r.referrer === null ? FLAGS.headersUnknown : 0) |
    (r.fromCache ? FLAGS.fromCache : 0) |
    (r.cleartext ? FLAGS.cleartext : 0) |
    (r.recovered ? FLAGS.recovered : 0) |
    (r.recovered && r.unverified ? FLAGS.unverified : 0);
  const row: RequestRow = {
    t: r.time,
    v: r.visit === null ? 0 : ids.visit(r.visit),
    f: r.frame,
    h: ids.host(r.host),
    c: code(SCHEMES, r.scheme),
    p: r.path.slice(0, MAX_PATH),
    m: code(METHODS, r.method),
    y: code(TYPES, r.type),
    o: code(OUTCOMES, r.outcome),
    s: r.status ?? 0,
    i: r.ip === null ? 0 : ids.ip(r.ip),
    b: flags,
  };
  if (keepQuery && r.query) row.q = r.query;
  if (r.detail) row.e = r.detail;
  if (r.visit === null && r.pageSite) row.ps = r.pageSite;
  if (r.edge !== null) row.l = r.edge;
  return row;
}

/** What makes a stored request the same request: everything but its id. */
export function requestIdentity(row: RequestRow): string {
  return [row.t, row.v, row.ps ?? '', row.f, row.h, row.c, row.p, row.q ?? '', row.m, row.y, row.o, row.s].join('|');
}

/** A daily row of a file as stored (the inverse of exportDaily). */
export function storedDaily(d: ExportedDaily): DailyRow {
  return {
    day: d.day,
    site: d.site,
    host: d.host,
    n: d.requests,
    clear: d.clear,
    cookies: d.cookies,
    referrer: d.referrer,
    failed: d.failed,
    blocked: d.blocked,
  };
}
