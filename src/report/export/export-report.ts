/** An opened export as the report's views read it (pure). */
import { buildRollups } from '../../store/visit-rollup-build.js';
import { DAYS, HOURS } from '../../store/rollup-grains.js';
import type { DailyFacts, HostFacts, IpFacts, VisitFacts } from '../../store/visit-facts.js';
import { slicesOver, type Range } from '../aggregate/period.js';
import { composeReport, type ReportData } from '../aggregate/report-data.js';
import type { ExportFile } from '../../store/export-file/export-format.js';
import { dayOf } from '../../store/url-parts.js';
import type { RequestPath } from '../aggregate/alternatives.js';

export interface ExportTables {
  visits: VisitFacts[];
  hosts: Map<number, HostFacts>;
  ips: Map<number, IpFacts>;
  daily: DailyFacts[];
  /** each request with a known server address: when, on which site's page ('' for none), to which host, which address, through which CDN edge (for where servers stood and answered, and who hosted them) */
  servers: { time: number; site: string; host: number; ip: number; edges?: Record<string, number> }[];
  /** each request's path and page site: what tells services sharing a host apart (aggregate/alternatives.ts) */
  paths: RequestPath[];
}

export function exportTables(file: ExportFile): ExportTables {
  const visitSites = new Map(file.visits.map((visit) => [visit.id, visit.site]));
  return {
    visits: file.visits.map((x) => ({
      id: x.id,
      time: x.time,
      site: x.site,
      host: x.host,
      shown: x.shown,
      prerender: x.prerender,
      inferred: x.inferred,
      hosts: x.hosts,
      ips: x.ips,
      requests: x.requests,
      clearText: x.clearText,
      answered: x.answered,
      unlocated: x.unlocated,
    })),
    hosts: new Map(
      file.hosts.map((h) => [
        h.id,
        {
          name: h.name,
          domain: h.domain,
          company: h.company,
          parent: h.parent,
          jurisdiction: h.jurisdiction,
          prism: h.prism,
          tracker: h.tracker,
        },
      ]),
    ),
    ips: new Map(
      file.ips.map((i) => [
        i.id,
        {
          country: i.country,
          asn: i.asn,
          network: i.network,
          operator: i.operator ?? null,
          operatorJurisdiction: i.operatorJurisdiction ?? null,
          // Files written before the geolocation was recorded: no address placed by it.
          geoCountry: i.geoCountry ?? null,
          anycast: i.anycast === true,
        },
      ]),
    ),
    daily: file.daily.map((d) => ({ ...d })),
    servers: file.requests
      .filter((r) => r.ip !== null)
      .map((r) => ({
        time: r.time,
        site: (r.visit === null ? r.pageSite : visitSites.get(r.visit)) ?? '',
        host: r.host,
        ip: r.ip!,
        ...(r.edge === null ? {} : { edges: { [r.edge]: 1 } }),
      })),
    paths: file.requests.map((r) => ({ time: r.time, host: r.host, site: r.pageSite, path: r.path })),
  };
}

export function reportFromExport(tables: ExportTables, range: Range): ReportData {
  const slices = slicesOver(range);
  const grain = slices.unit === 'hour' ? HOURS : DAYS;
  const visits = tables.visits.filter((x) => x.time >= range.from && x.time < range.to);
  const first = dayOf(range.from);
  const last = dayOf(range.to - 1);
  const daily = tables.daily.filter((d) => d.day >= first && d.day <= last);
  return composeReport(range, slices, [...buildRollups(visits, tables.hosts, tables.ips, grain).values()], daily, tables.hosts);
}
