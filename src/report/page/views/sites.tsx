import type { SiteRow } from '../../aggregate/sites.js';
import { format } from '../../components/format.js';
import { t } from '../../components/i18n.js';
import { SortableTable, type Column } from '../../components/sortable-table.js';
import type { ReportData } from '../use-report-data.js';
import { routeHash, type Route } from '../use-route.js';

/** Every site visited in the period: who it sent the reader to, and how much of it reached US law. */
export function SitesView({ data, route }: { data: ReportData; route: Route }) {
  const f = format();
  const columns: Column<SiteRow>[] = [
    { key: 'site', label: t('colSite'), value: (r) => r.site, render: (r) => <a href={routeHash({ ...route, item: r.site })}>{r.site}</a> },
    { key: 'visits', label: t('colVisits'), value: (r) => r.visits, numeric: true, render: (r) => f.number(r.visits) },
    {
      key: 'observers',
      label: t('colObservers'),
      value: (r) => r.observers.length,
      numeric: true,
      render: (r) => <span title={r.observers.map((o) => o.name).join(', ')}>{f.number(r.observers.length)}</span>,
    },
    { key: 'us', label: t('colUsObservers'), value: (r) => r.usObservers, numeric: true, render: (r) => f.number(r.usObservers) },
    {
      key: 'requests',
      label: t('colThirdPartyRequests'),
      value: (r) => r.thirdPartyRequests,
      numeric: true,
      render: (r) => f.number(r.thirdPartyRequests),
    },
    { key: 'usShare', label: t('colUsShare'), value: (r) => r.usShare ?? -1, numeric: true, render: (r) => f.share(r.usShare) },
  ];
  return (
    <section aria-labelledby="sites-heading">
      <h2 id="sites-heading">{t('viewSites')}</h2>
      {data.sites.length === 0 ? (
        <p class="empty">{t('periodEmpty')}</p>
      ) : (
        <SortableTable
          caption={t('sitesCaption')}
          columns={columns}
          rows={data.sites}
          rowKey={(r) => r.site}
          initialSort="visits"
          testId="sites-table"
        />
      )}
    </section>
  );
}
