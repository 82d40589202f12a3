/**
 * What an audit found, address by address, from its report.json (pure): the figures the
 * terminal summary, report.html and the tests all read, so that they cannot disagree.
 */
import type { ExportFile, ExportedAuditPage } from '../../store/export-file/export-format.js';
import { exportTables, reportFromExport } from '../../report/export/export-report.js';
import type { Exposure } from '../../report/aggregate/exposure.js';
import { daysRange } from '../../report/aggregate/period.js';
import { isThirdPartyOn, isUsJurisdiction, observerKey, observerOf, type Observer } from '../../store/observers.js';
import type { HostTable, IpTable } from '../../store/visit-facts.js';
import {
  answeredByObserver,
  operatorsByObserver,
  type AnsweredPlaces,
  type ServerOperators,
  type ServerUse,
} from '../../report/aggregate/servers.js';

export interface CompanySeen extends Observer {
  /** tracker categories of its hosts seen here */
  categories: string[];
  hosts: string[];
  requests: number;
  /** who operated the networks of the servers that answered it here, and their law (most requests first; none known: empty) */
  hosting: ServerOperators['operators'];
  /** where those servers answered from, each place with its evidence, and how many requests nothing places */
  answered: AnsweredPlaces;
}

export interface AddressResult extends Omit<ExportedAuditPage, 'visits'> {
  /** page visits the browser showed (a navigation that failed leaves an unshown visit) */
  pageVisits: number;
  requests: number;
  thirdPartyRequests: number;
  /** third-party requests that reached a company under US jurisdiction */
  usRequests: number;
  /** the third-party organisations, most requests first */
  companies: CompanySeen[];
  /** server countries of its requests (ISO codes), most requests first */
  serverCountries: string[];
  /** companies operating the networks its requests' servers stood in (Upstream's network → operator table), most requests first */
  hostingOperators: { operator: string; jurisdiction: string | null; requests: number }[];
  clearText: number;
  /** third-party requests that carried cookies */
  cookies: number;
}

export interface AuditResults {
  addresses: AddressResult[];
  loaded: number;
  failed: number;
  /** headline figures over every page visit of the audit */
  exposure: Exposure;
}

function addressResult(page: ExportedAuditPage, file: ExportFile, hosts: HostTable, ips: IpTable): AddressResult {
  const visitIds = new Set(page.visits);
  const visitSite = new Map(file.visits.filter((x) => visitIds.has(x.id)).map((x) => [x.id, x]));
  const countryOf = new Map(file.ips.map((ip) => [ip.id, ip.country]));
  const ipOf = new Map(file.ips.map((ip) => [ip.id, ip]));
  const operators = new Map<string, AddressResult['hostingOperators'][number]>();
  const companies = new Map<string, CompanySeen>();
  const countries = new Map<string, number>();
  // Its third-party requests with a known server, as the report's company page counts them (export-report.ts).
  const uses: ServerUse[] = [];
  const result: AddressResult = {
    index: page.index,
    url: page.url,
    finalUrl: page.finalUrl,
    site: page.site,
    outcome: page.outcome,
    error: page.error,
    links: page.links,
    pageVisits: [...visitSite.values()].filter((x) => x.shown).length,
    requests: 0,
    thirdPartyRequests: 0,
    usRequests: 0,
    companies: [],
    serverCountries: [],
    hostingOperators: [],
    clearText: 0,
    cookies: 0,
  };
  for (const request of file.requests) {
    const visit = request.visit === null ? undefined : visitSite.get(request.visit);
    if (!visit) continue;
    const host = hosts.get(request.host);
    if (!host) continue;
    result.requests++;
    if (request.cleartext) result.clearText++;
    const country = request.ip === null ? null : countryOf.get(request.ip);
    if (country) countries.set(country, (countries.get(country) ?? 0) + 1);
    const server = request.ip === null ? undefined : ipOf.get(request.ip);
    if (server?.operator) {
      const seen = operators.get(server.operator);
      if (seen) seen.requests++;
      else operators.set(server.operator, { operator: server.operator, jurisdiction: server.operatorJurisdiction ?? null, requests: 1 });
    }
    if (!isThirdPartyOn(host, visit.site, hosts.get(visit.host))) continue;
    result.thirdPartyRequests++;
    if (request.cookies) result.cookies++;
    if (request.ip !== null)
      uses.push({ host: request.host, ip: request.ip, n: 1, ...(request.edge === null ? {} : { edges: { [request.edge]: 1 } }) });
    if (isUsJurisdiction(host)) result.usRequests++;
    const key = observerKey(host);
    const seen = companies.get(key) ?? {
      ...observerOf(host),
      categories: [],
      hosts: [],
      requests: 0,
      hosting: [],
      answered: { places: [], unknown: 0 },
    };
    seen.requests++;
    if (!seen.hosts.includes(host.name)) seen.hosts.push(host.name);
    if (host.tracker && !seen.categories.includes(host.tracker.category)) seen.categories.push(host.tracker.category);
    companies.set(key, seen);
  }
  result.companies = [...companies.values()].sort((a, b) => b.requests - a.requests || a.name.localeCompare(b.name));
  const hosting = operatorsByObserver(uses, hosts, ips);
  const answered = answeredByObserver(uses, hosts, ips);
  for (const company of result.companies) {
    company.hosts.sort();
    company.categories.sort();
    company.hosting = hosting.get(company.key) ?? [];
    company.answered = answered.get(company.key) ?? { places: [], unknown: 0 };
  }
  result.serverCountries = [...countries.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([code]) => code);
  result.hostingOperators = [...operators.values()].sort((a, b) => b.requests - a.requests || a.operator.localeCompare(b.operator));
  return result;
}

export function auditResults(file: ExportFile): AuditResults {
  const tables = exportTables(file);
  const pages = [...(file.audit?.pages ?? [])].sort((a, b) => a.index - b.index);
  const addresses = pages.map((page) => addressResult(page, file, tables.hosts, tables.ips));
  let first = Infinity;
  let last = -Infinity;
  for (const visit of file.visits) {
    first = Math.min(first, visit.time);
    last = Math.max(last, visit.time);
  }
  // Whole calendar days: roll-ups are kept by hour and by day, and a range that cut an hour
  // short would leave that hour's visits out.
  const range = file.visits.length ? daysRange(first, last) : daysRange(0, 0);
  return {
    addresses,
    loaded: addresses.filter((a) => a.outcome === 'loaded').length,
    failed: addresses.filter((a) => a.outcome === 'failed').length,
    exposure: reportFromExport(tables, range).exposure,
  };
}
