import { useEffect } from 'preact/hooks';
import { openDb } from '../../store/db.js';
import { pageRows, visitOfTab } from '../../store/queries.js';
import { summarisePage, type PageSummary } from '../aggregate/page-summary.js';
import { OwnerBadges } from '../components/badges.js';
import { CountryList } from '../components/country-list.js';
import { format } from '../components/format.js';
import { t, tn } from '../components/i18n.js';
import { useLiveQuery } from '../use-live-query.js';
import type { ShownTab } from './use-shown-tab.js';

const MAX_COMPANIES = 8;

/** What the page in the tab sent where, updated live while it keeps loading. */
interface ThisPageProps {
  shown: ShownTab;
  paused: boolean;
  excluded: boolean;
  /** told the site the page is filed under, once known */
  onSite: (site: string | null) => void;
}

export function ThisPage({ shown, paused, excluded, onSite }: ThisPageProps) {
  const tabId = shown.kind === 'web' ? shown.tab.id : -1;
  const host = shown.kind === 'web' ? shown.host : '';
  const summary = useLiveQuery(async () => {
    if (tabId < 0) return null;
    const db = openDb();
    const visit = await visitOfTab(db, tabId, host);
    if (!visit) return null;
    const rows = await pageRows(db, visit);
    return summarisePage(rows.visit, rows.requests, rows.hosts, rows.ips);
  }, [tabId, host]);
  useEffect(() => onSite(summary?.site ?? null), [summary?.site]);

  let body;
  if (shown.kind === 'loading') body = null;
  else if (shown.kind === 'unseen')
    body = (
      <p class="empty" data-empty="unseen">
        {t(shown.private ? 'pagePrivate' : 'pageUnseen')}
      </p>
    );
  else if (excluded)
    body = (
      <p class="empty" data-empty="excluded">
        {t('pageExcluded', shown.host)}
      </p>
    );
  else if (summary === undefined) body = null;
  else if (summary === null)
    body = (
      <p class="empty" data-empty="nothing">
        {t(paused ? 'pageNothingPaused' : 'pageNothing')}
      </p>
    );
  else body = <PageDetails summary={summary} />;

  return (
    <section
      aria-labelledby="this-page"
      data-testid="this-page"
      data-state={shown.kind === 'loading' || (shown.kind === 'web' && !excluded && summary === undefined) ? 'loading' : 'ready'}
    >
      <h2 id="this-page">{summary ? t('thisPageOf', summary.site) : t('thisPage')}</h2>
      {body}
    </section>
  );
}

function PageDetails({ summary }: { summary: PageSummary }) {
  const f = format();
  const shownCompanies = summary.companies.slice(0, MAX_COMPANIES);
  return (
    <div data-visit={summary.visitId}>
      <p class="lead">
        <span data-testid="page-third-parties" data-count={summary.thirdParties}>
          {tn('pageThirdParties', summary.thirdParties, f.number(summary.thirdParties))}
        </span>{' '}
        <span data-testid="page-companies" data-count={summary.companies.length}>
          {tn('pageCompanies', summary.companies.length, f.number(summary.companies.length))}
        </span>
      </p>
      {summary.companies.length > 0 && (
        <p class="lead">
          <span data-testid="page-us" data-count={summary.usCompanies}>
            {tn('pageUsCompanies', summary.usCompanies, f.number(summary.usCompanies))}
          </span>
          {summary.prismCompanies.length > 0 && (
            <span data-testid="page-prism" data-count={summary.prismCompanies.length}>
              {' '}
              {t('pagePrism', summary.prismCompanies.join(', '))}
            </span>
          )}
        </p>
      )}
      <ul class="companies" data-testid="page-company-list">
        {shownCompanies.map((company) => (
          <li key={company.key} data-company={company.name} data-requests={company.requests}>
            <span class="company-name">{company.known ? company.name : t('unknownOwner', company.name)}</span>
            {company.parent && company.parent !== company.name && (
              <span class="muted">
                {' '}
                (<bdi>{company.parent}</bdi>)
              </span>
            )}{' '}
            <OwnerBadges
              jurisdiction={company.jurisdiction}
              prism={company.prism}
              categories={[...new Set(company.trackers.map((x) => x.category))]}
            />
            <span class="muted count"> {tn('requestsCount', company.requests, f.number(company.requests))}</span>
          </li>
        ))}
      </ul>
      {summary.companies.length > MAX_COMPANIES && (
        <p class="muted">{tn('andMore', summary.companies.length - MAX_COMPANIES, f.number(summary.companies.length - MAX_COMPANIES))}</p>
      )}
      {summary.countries.length > 0 && (
        <>
          <h3>{t('serversStoodIn')}</h3>
          <CountryList
            testId="page-countries"
            countries={summary.countries.map((c) => ({
              country: c.country,
              count: c.requests,
              label: tn('requestsCount', c.requests, f.number(c.requests)),
            }))}
          />
        </>
      )}
      {summary.stopped > 0 && (
        <p class="muted" data-testid="page-stopped" data-count={summary.stopped}>
          {tn('pageStopped', summary.stopped, f.number(summary.stopped))}
        </p>
      )}
      {summary.clearText > 0 && (
        <p class="warning" data-testid="page-clear" data-count={summary.clearText}>
          {tn('pageClearText', summary.clearText, f.number(summary.clearText))}
        </p>
      )}
    </div>
  );
}
