/**
 * What an imported file may add to the record: only what capture itself could have stored
 * (pure). The schema (export-schema.ts) says what a file must look like; this applies the
 * store's own rules to each row, the ones capture's rows meet (store/url-parts.ts,
 * store/plausible.ts): page visits of web pages only, no user:password@, no query string
 * unless the user keeps them, times and counts in their field's plausible range. A row that
 * breaks one is refused (with the requests of a refused visit) and named in the import's
 * result; it never reaches the store.
 */
import { isPlausibleDay, isPlausibleFrame, isPlausibleTime, MAX_DAILY_REQUESTS, MAX_VISIT_REQUESTS } from '../plausible.js';
import { isWebPage, recordedUrl, REQUEST_SCHEMES, storedUrl, urlParts } from '../url-parts.js';
import { MAX_PATH, SCHEMES } from '../schema.js';
import type { ExportedDaily, ExportedRequest, ExportedVisit, ExportFile } from './export-format.js';

/** Refused rows named in an import's result, at most this many (the count covers them all). */
const MAX_NAMED_REFUSALS = 20;
/** Longest detail (error text, redirect host, recovery evidence) capture stores. */
const MAX_DETAIL = 256;
/** Longest query string capture stores. */
const MAX_QUERY = 2048;

interface Refusal {
  /** where the row was in the file: `visits[3]`, `requests[12]`, `daily[0]` */
  row: string;
  /** why, in a few words; never the refused value itself (it may hold a password) */
  reason: string;
}

export interface RefusedRows {
  count: number;
  /** the first MAX_NAMED_REFUSALS of them */
  named: Refusal[];
}

/** The file's rows that may be stored, each as capture would have stored it, and what was refused. */
export function withinBoundary(file: ExportFile, keepQuery: boolean, now: number): { file: ExportFile; refused: RefusedRows } {
  const refused: RefusedRows = { count: 0, named: [] };
  const refuse = (row: string, reason: string) => {
    refused.count++;
    if (refused.named.length < MAX_NAMED_REFUSALS) refused.named.push({ row, reason });
  };
  const hostName = new Map(file.hosts.map((h) => [h.id, h.name]));
  const visits: ExportedVisit[] = [];
  const kept = new Set<number>();
  file.visits.forEach((visit, i) => {
    const result = storedVisit(visit, keepQuery, now);
    if (typeof result === 'string') return refuse(`visits[${i}]`, result);
    visits.push(result);
    kept.add(visit.id);
  });
  const requests: ExportedRequest[] = [];
  file.requests.forEach((request, i) => {
    const result =
      request.visit !== null && !kept.has(request.visit)
        ? 'its page visit was refused'
        : storedRequest(request, hostName.get(request.host)!, keepQuery, now);
    if (typeof result === 'string') return refuse(`requests[${i}]`, result);
    requests.push(result);
  });
  const daily: ExportedDaily[] = [];
  file.daily.forEach((row, i) => {
    const reason = dailyProblem(row, now);
    if (reason) return refuse(`daily[${i}]`, reason);
    daily.push(row);
  });
  return { file: { ...file, visits, requests, daily }, refused };
}

function timeProblem(time: number, now: number): string | null {
  if (isPlausibleTime(time, now)) return null;
  return time > now ? 'dated in the future' : 'dated before 2000';
}

/** The visit as stored, or why it is refused. */
function storedVisit(visit: ExportedVisit, keepQuery: boolean, now: number): ExportedVisit | string {
  const url = recordedUrl(visit.url);
  if (url === null || !isWebPage(url)) return `not a web page address (${schemeOf(visit.url)})`;
  const time = timeProblem(visit.time, now);
  if (time) return time;
  if (visit.requests > MAX_VISIT_REQUESTS) return `more than ${MAX_VISIT_REQUESTS} requests on one page visit`;
  if (visit.clearText > visit.requests) return 'more clear-text requests than requests';
  return { ...visit, url: storedUrl(url, keepQuery) };
}

/**
 * The request as stored, or why it is refused. Its address is put back together and split
 * as capture splits a URL: a path carrying `?token=…` loses it like any query string.
 */
function storedRequest(request: ExportedRequest, host: string, keepQuery: boolean, now: number): ExportedRequest | string {
  if (!REQUEST_SCHEMES.includes(request.scheme)) return `not a web request (${request.scheme})`;
  if (request.path !== '' && !request.path.startsWith('/')) return 'a path that does not start with /';
  const named = urlParts(`${request.scheme}://${host}/`)?.host;
  if (!named) return 'a host that is not a host name';
  const parts = urlParts(`${request.scheme}://${host}${request.path}${request.query ?? ''}`);
  if (parts?.host !== named) return 'a path that changes its host';
  const time = timeProblem(request.time, now);
  if (time) return time;
  if (!isPlausibleFrame(request.frame)) return 'a frame id no browser gives';
  return {
    ...request,
    scheme: SCHEMES[parts.scheme]!,
    path: parts.path.slice(0, MAX_PATH),
    query: keepQuery && parts.rest ? parts.rest.slice(0, MAX_QUERY) : null,
    cleartext: parts.cleartext,
    detail: request.detail === null ? null : request.detail.slice(0, MAX_DETAIL),
  };
}

function dailyProblem(row: ExportedDaily, now: number): string | null {
  if (!isPlausibleDay(row.day, now)) return 'not a calendar day between 2000 and tomorrow';
  if (row.requests > MAX_DAILY_REQUESTS) return `more than ${MAX_DAILY_REQUESTS} requests in a day`;
  const parts = [row.clear, row.cookies, row.referrer, row.failed];
  if (parts.some((n) => n > row.requests) || row.blocked > row.failed) return 'parts larger than their whole';
  return null;
}

/** The scheme of an address, to name it in a refusal without quoting the address. */
function schemeOf(url: string): string {
  const scheme = /^([a-z][a-z0-9+.-]{0,20}):/i.exec(url)?.[1];
  return scheme ? `${scheme.toLowerCase()}:` : 'no scheme';
}
