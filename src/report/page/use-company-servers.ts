import { openDb } from '../../store/db.js';
import { serverUsesBetween } from '../../store/server-queries.js';
import {
  answeredPlaces,
  serverCountries,
  serverOperators,
  type AnsweredPlaces,
  type ServerCountries,
  type ServerOperators,
} from '../aggregate/servers.js';
import type { ExportTables } from '../export/export-report.js';
import { useLiveQuery } from '../use-live-query.js';
import { daysOf, rangeOf, type ReportPeriod } from './report-period.js';

/** Where an organisation's servers stood, and who operated their networks. */
export type CompanyServers = ServerCountries & { hosting: ServerOperators; answered: AnsweredPlaces };

/**
 * Where the servers of an organisation's hosts stood over the period, and who operated their networks: read only when its
 * page is open (the other views never need it), from the daily server roll-ups, or from the
 * requests of an opened export.
 */
export function useCompanyServers(
  hostNames: readonly string[],
  period: ReportPeriod,
  opened: ExportTables | null,
): CompanyServers | undefined {
  return useLiveQuery(async () => {
    const range = rangeOf(period, Date.now());
    if (opened) {
      const names = new Set(hostNames);
      const hostIds = new Set([...opened.hosts].filter(([, host]) => names.has(host.name)).map(([id]) => id));
      const uses = opened.servers.filter((s) => s.time >= range.from && s.time < range.to).map((s) => ({ ...s, n: 1 }));
      return {
        ...serverCountries(uses, hostIds, opened.ips),
        hosting: serverOperators(uses, hostIds, opened.ips),
        answered: answeredPlaces(uses, hostIds, opened.ips),
      };
    }
    const { first, last } = daysOf(range);
    const { uses, hostIds, ips } = await serverUsesBetween(openDb(), hostNames, first, last);
    return {
      ...serverCountries(uses, hostIds, ips),
      hosting: serverOperators(uses, hostIds, ips),
      answered: answeredPlaces(uses, hostIds, ips),
    };
  }, [hostNames.join(' '), JSON.stringify(period), opened]);
}
