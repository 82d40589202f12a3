import type { ObserverReach } from '../../aggregate/exposure.js';
import { OwnerBadges } from '../../components/badges.js';
import { format } from '../../components/format.js';
import { t } from '../../components/i18n.js';
import { SortableTable, type Column } from '../../components/sortable-table.js';
import type { ReportData } from '../use-report-data.js';
import { routeHash, type Route } from '../use-route.js';

interface CompanyRow extends ObserverReach {
  visitShare: number;
  requests: number;
  /** its hosts found behind sites' own names (docs/cname-uncloaking.md) */
  cloaked: string[];
}

/** Every organisation that saw the reader in the period: where, how often, under which law. */
export function CompaniesView({ data, route }: { data: ReportData; route: Route }) {
  const f = format();
  const rows: CompanyRow[] = data.exposure.observers.map((o) => ({
    ...o,
    visitShare: data.exposure.visits ? o.visits / data.exposure.visits : 0,
    requests: data.requests.byObserver.get(o.key)?.requests ?? 0,
    cloaked: [...(data.requests.byObserver.get(o.key)?.cloaked.keys() ?? [])].sort(),
  }));
  const columns: Column<CompanyRow>[] = [
    {
      key: 'name',
      label: t('colCompany'),
      value: (r) => r.name,
      render: (r) => (
        <>
          <a class="company-name" href={routeHash({ ...route, item: r.key })}>
            {r.known ? r.name : t('unknownOwner', r.name)}
          </a>
          {r.parent && r.parent !== r.name && (
            <span class="muted">
              {' '}
              (<bdi>{r.parent}</bdi>)
            </span>
          )}
          {r.cloaked.length > 0 && (
            <>
              {' '}
              <span class="badge" data-testid="company-cloaked-badge" title={t('badgeCloakedTitle', r.cloaked.join(', '))}>
                {t('badgeCloaked')}
              </span>
            </>
          )}
        </>
      ),
    },
    {
      key: 'jurisdiction',
      label: t('colJurisdiction'),
      value: (r) => r.jurisdiction ?? '',
      render: (r) => (
        <>
          {r.jurisdiction ? f.country(r.jurisdiction) : '–'} <OwnerBadges jurisdiction={r.jurisdiction} prism={r.prism} />
        </>
      ),
    },
    {
      key: 'categories',
      label: t('colCategories'),
      value: (r) => r.categories.join(','),
      render: (r) => r.categories.map((c) => t(`category_${c}`)).join(', '),
    },
    {
      key: 'sites',
      label: t('colSites'),
      value: (r) => r.sites,
      numeric: true,
      render: (r) => `${f.number(r.sites)} (${f.share(r.siteShare)})`,
    },
    { key: 'visits', label: t('colVisitShare'), value: (r) => r.visitShare, numeric: true, render: (r) => f.share(r.visitShare) },
    { key: 'requests', label: t('colRequests'), value: (r) => r.requests, numeric: true, render: (r) => f.number(r.requests) },
  ];
  return (
    <section aria-labelledby="companies-heading">
      <h2 id="companies-heading">{t('viewCompanies')}</h2>
      {rows.length === 0 ? (
        <p class="empty">{t('periodEmpty')}</p>
      ) : (
        <SortableTable
          caption={t('companiesCaption')}
          columns={columns}
          rows={rows}
          rowKey={(r) => r.key}
          initialSort="sites"
          testId="companies-table"
        />
      )}
    </section>
  );
}
