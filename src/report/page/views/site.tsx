import { OwnerBadges } from '../../components/badges.js';
import { format } from '../../components/format.js';
import { t } from '../../components/i18n.js';
import type { ReportData } from '../use-report-data.js';
import { routeHash, type Route } from '../use-route.js';

/** One site over the period: who it sent the reader to, and how much of it reached US law. */
export function SitePage({ data, route, item }: { data: ReportData; route: Route; item: string }) {
  const f = format();
  const site = data.sites.find((s) => s.site === item);
  const back = (
    <p>
      <a href={routeHash({ ...route, view: 'sites', item: undefined })}>{t('backToSites')}</a>
    </p>
  );
  if (!site)
    return (
      <section>
        {back}
        <p class="empty">{t('notInPeriod')}</p>
      </section>
    );
  return (
    <section aria-labelledby="site-heading" data-testid="site-page" data-site={site.site}>
      {back}
      <h2 id="site-heading">{site.site}</h2>
      <p class="lead">{t('siteSummary', f.number(site.visits), f.number(site.observers.length), f.number(site.usObservers))}</p>
      <p>{t('siteUsShare', f.share(site.usShare), f.number(site.thirdPartyRequests))}</p>
      <p>
        <a href={routeHash({ ...route, view: 'log', item: site.site })} data-testid="site-log">
          {t('siteLogLink')}
        </a>
      </p>
      <h3>{t('siteObservers')}</h3>
      <ul class="companies" data-testid="site-observers">
        {site.observers.map((o) => (
          <li key={o.key} data-company={o.key} data-visits={o.visits}>
            <a href={routeHash({ ...route, view: 'companies', item: o.key })}>
              <bdi>{o.known ? o.name : t('unknownOwner', o.name)}</bdi>
            </a>{' '}
            <OwnerBadges jurisdiction={o.jurisdiction} prism={o.prism} />{' '}
            <span class="muted">{t('visitsOf', f.number(o.visits), f.number(site.visits))}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
