import { useMemo } from 'preact/hooks';
import { OwnerBadges } from '../../components/badges.js';
import { AnsweredFromList } from '../../components/answered-from.js';
import { CountryList } from '../../components/country-list.js';
import type { ExportTables } from '../../export/export-report.js';
import { useCompanyServers, type CompanyServers } from '../use-company-servers.js';
import { format } from '../../components/format.js';
import { counted, t } from '../../components/i18n.js';
import type { ReportData } from '../use-report-data.js';
import { routeHash, type Route } from '../use-route.js';
import { NameInSentence, SLOT } from '../../components/name-in-sentence.js';
import { CompanyCloakedHosts } from './hidden-hosts.js';

/** Who operated the networks of its servers: the operator's law reaches what they hold, wherever they stand. */
function HostingOperators({ hosting }: { hosting: CompanyServers['hosting'] }) {
  const f = format();
  if (hosting.operators.length === 0) return null;
  return (
    <>
      <h3>{t('companyOperators')}</h3>
      <ul class="companies" data-testid="company-operators" data-unknown={hosting.unknown}>
        {hosting.operators.map((o) => (
          <li key={o.operator} data-operator={o.operator} data-jurisdiction={o.jurisdiction ?? ''} data-count={o.requests}>
            <bdi>{o.operator}</bdi> {o.jurisdiction && <span>({f.country(o.jurisdiction)})</span>}{' '}
            <span class="muted">{counted('requestsCount', o.requests)}</span>
          </li>
        ))}
      </ul>
      {hosting.unknown > 0 && <p class="muted">{counted('companyOperatorsUnknown', hosting.unknown)}</p>}
    </>
  );
}

/** One organisation over the period: on which sites it saw the reader, through which domains, and what went to it. */
export function CompanyPage({ data, route, item, opened }: { data: ReportData; route: Route; item: string; opened: ExportTables | null }) {
  const f = format();
  const company = data.exposure.observers.find((o) => o.key === item);
  const hostNames = useMemo(() => [...(data.requests.byObserver.get(item)?.hosts ?? [])].sort(), [data, item]);
  const servers = useCompanyServers(hostNames, route.period, opened);
  const back = (
    <p>
      <a href={routeHash({ ...route, item: undefined })}>{t('backToCompanies')}</a>
    </p>
  );
  if (!company)
    return (
      <section>
        {back}
        <p class="empty">{t('notInPeriod')}</p>
      </section>
    );
  const requests = data.requests.byObserver.get(item);
  const sites = data.sites
    .map((s) => ({ site: s.site, visits: s.observers.find((o) => o.key === item)?.visits ?? 0, total: s.visits }))
    .filter((s) => s.visits > 0)
    .sort((a, b) => b.visits - a.visits || a.site.localeCompare(b.site));
  return (
    <section aria-labelledby="company-heading" data-testid="company-page" data-company={company.key}>
      {back}
      <h2 id="company-heading">
        <bdi>{company.known ? company.name : t('unknownOwner', company.name)}</bdi>{' '}
        <OwnerBadges jurisdiction={company.jurisdiction} prism={company.prism} categories={company.categories} />
      </h2>
      <p>
        {company.parent && company.parent !== company.name && (
          <>
            <NameInSentence sentence={t('ownedBy', SLOT)} name={company.parent} />{' '}
          </>
        )}
        {company.jurisdiction ? t('answersTo', f.country(company.jurisdiction)) : t('jurisdictionUnknown')}
      </p>
      <p class="lead">
        {t('companySeenOn', counted('siteCount', company.sites), f.share(company.siteShare), counted('pageVisitCount', company.visits))}
      </p>
      <h3>{t('companySites')}</h3>
      <ul class="companies" data-testid="company-sites">
        {sites.map((s) => (
          <li key={s.site} data-site={s.site} data-visits={s.visits}>
            <a href={routeHash({ ...route, view: 'sites', item: s.site })}>{s.site}</a>{' '}
            <span class="muted">{t('visitsOf', f.number(s.visits), counted('pageVisitCount', s.total))}</span>
          </li>
        ))}
      </ul>
      {requests && (
        <>
          <h3>{t('companyDomains')}</h3>
          <p data-testid="company-domains">{[...requests.domains].sort().join(', ')}</p>
          <CompanyCloakedHosts cloaked={requests.cloaked} />
          <p class="muted">
            {t(
              'companyRequests',
              counted('requestsCount', requests.requests),
              f.number(requests.cookies),
              f.number(requests.referrer),
              f.number(requests.clear),
            )}
          </p>
          <h3>{t('companyServers')}</h3>
          {servers && (
            <div data-testid="company-servers" data-unknown={servers.unknown}>
              {servers.countries.length === 0 && servers.unknown === 0 && <p class="muted">{t('companyServersNone')}</p>}
              <CountryList
                testId="company-server-countries"
                countries={servers.countries.map((c) => ({
                  country: c.country,
                  count: c.requests,
                  label: counted('requestsCount', c.requests),
                }))}
              />
              {servers.unknown > 0 && <p class="muted">{counted('companyServersUnknown', servers.unknown)}</p>}
            </div>
          )}
          {servers && <AnsweredFromList answered={servers.answered} testId="company-answered" />}
          {servers && <HostingOperators hosting={servers.hosting} />}
        </>
      )}
    </section>
  );
}
