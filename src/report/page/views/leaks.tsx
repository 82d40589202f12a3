import { OwnerBadges } from '../../components/badges.js';
import { format } from '../../components/format.js';
import { t } from '../../components/i18n.js';
import { SortableTable, type Column } from '../../components/sortable-table.js';
import type { ReportData } from '../use-report-data.js';

interface LeakRow {
  key: string;
  name: string;
  known: boolean;
  jurisdiction: string | null;
  prism: boolean;
  requests: number;
  cookies: number;
  referrer: number;
  clear: number;
}

/** What went out beyond the request itself, by organisation: cookies, the page's address (referrer), clear text. */
export function LeaksView({ data }: { data: ReportData }) {
  const f = format();
  const rows: LeakRow[] = data.exposure.observers
    .map((o) => ({ o, r: data.requests.byObserver.get(o.key) }))
    .filter(({ r }) => r && (r.cookies || r.referrer || r.clear))
    .map(({ o, r }) => ({
      key: o.key,
      name: o.name,
      known: o.known,
      jurisdiction: o.jurisdiction,
      prism: o.prism,
      requests: r!.requests,
      cookies: r!.cookies,
      referrer: r!.referrer,
      clear: r!.clear,
    }));
  const count = (pick: (r: LeakRow) => number) => (r: LeakRow) => `${f.number(pick(r))} (${f.share(pick(r) / r.requests)})`;
  const columns: Column<LeakRow>[] = [
    {
      key: 'name',
      label: t('colCompany'),
      value: (r) => r.name,
      render: (r) => (
        <>
          <span class="company-name">{r.known ? r.name : t('unknownOwner', r.name)}</span>{' '}
          <OwnerBadges jurisdiction={r.jurisdiction} prism={r.prism} />
        </>
      ),
    },
    { key: 'requests', label: t('colRequests'), value: (r) => r.requests, numeric: true, render: (r) => f.number(r.requests) },
    { key: 'cookies', label: t('colCookies'), value: (r) => r.cookies, numeric: true, render: count((r) => r.cookies) },
    { key: 'referrer', label: t('colReferrer'), value: (r) => r.referrer, numeric: true, render: count((r) => r.referrer) },
    { key: 'clear', label: t('colClear'), value: (r) => r.clear, numeric: true, render: count((r) => r.clear) },
  ];
  return (
    <section aria-labelledby="leaks-heading">
      <h2 id="leaks-heading">{t('viewLeaks')}</h2>
      <p>{t('leaksIntro')}</p>
      {rows.length === 0 ? (
        <p class="empty">{t('leaksNone')}</p>
      ) : (
        <SortableTable
          caption={t('leaksCaption')}
          columns={columns}
          rows={rows}
          rowKey={(r) => r.key}
          initialSort="cookies"
          testId="leaks-table"
        />
      )}
    </section>
  );
}
