/** One CSV row per organisation seen in the report's period (pure). */
import type { ReportData } from '../aggregate/report-data.js';
import { csvRow } from './csv.js';

const COMPANY_COLUMNS = [
  'company',
  'known',
  'parent',
  'jurisdiction',
  'prism',
  'tracker_categories',
  'sites',
  'site_share',
  'visits',
  'visit_share',
  'requests',
  'with_cookies',
  'with_referrer',
  'in_clear_text',
] as const;

export function companiesCsv(data: ReportData): string {
  const e = data.exposure;
  return (
    csvRow([...COMPANY_COLUMNS]) +
    e.observers
      .map((o) => {
        const r = data.requests.byObserver.get(o.key);
        return csvRow([
          o.name,
          o.known,
          o.parent,
          o.jurisdiction,
          o.prism,
          o.categories.join(' '),
          o.sites,
          o.siteShare,
          o.visits,
          e.visits ? o.visits / e.visits : null,
          r?.requests ?? 0,
          r?.cookies ?? 0,
          r?.referrer ?? 0,
          r?.clear ?? 0,
        ]);
      })
      .join('')
  );
}
