import { placeKey, shortPlace } from '../../components/answered-from.js';
import { DbIpCredit, placedByDbIp } from '../../components/dbip-credit.js';
import { OwnerBadges } from '../../components/badges.js';
import { format } from '../../components/format.js';
import { counted, t } from '../../components/i18n.js';
import { HostedBy } from '../../components/hosted-by.js';
import type { ExportTables } from '../../export/export-report.js';
import type { ReportData } from '../use-report-data.js';
import { routeHash, type Route } from '../use-route.js';
import { SiteHiddenHosts } from './hidden-hosts.js';

import { useSiteServers } from '../use-site-servers.js';

const NONE: ReadonlyMap<string, string> = new Map();

/** Who saw the reader on a site, and how many of them answer to US law: "no organisation" when none did. */
function seenBy(observers: number, us: number): string {
  if (observers === 0) return t('siteSeenByNone');
  return counted('siteSeenBy', observers, us === 0 ? t('siteSeenByNoUs') : counted('siteSeenByUs', us));
}

/** One site over the period: who it sent the reader to, who hosted them and where they answered from, and how much of it reached US law. */
export function SitePage({ data, route, item, opened }: { data: ReportData; route: Route; item: string; opened: ExportTables | null }) {
  const f = format();
  const site = data.sites.find((s) => s.site === item);
  const servers = useSiteServers(item, route.period, opened);
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
  const hidden = data.requests.bySite.get(site.site);
  return (
    <section aria-labelledby="site-heading" data-testid="site-page" data-site={site.site}>
      {back}
      <h2 id="site-heading">{site.site}</h2>
      <p class="lead">{t('siteSummary', counted('pageVisitCount', site.visits), seenBy(site.observers.length, site.usObservers))}</p>
      <p>{site.thirdPartyRequests === 0 ? t('siteUsShareNone') : counted('siteUsShare', site.thirdPartyRequests, f.share(site.usShare))}</p>
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
            <span class="muted">{t('visitsOf', f.number(o.visits), counted('pageVisitCount', site.visits))}</span>{' '}
            <HostedBy hosting={servers?.hosting.get(o.key) ?? []} />
            {servers?.answers.get(o.key)?.places.map((place) => (
              <span
                key={placeKey(place)}
                class="answered muted"
                data-testid="site-observer-answered"
                data-country={place.country}
                data-evidence={place.evidence}
              >
                {' · '}
                {shortPlace(place)}
              </span>
            ))}
          </li>
        ))}
      </ul>
      {placedByDbIp([...(servers?.answers.values() ?? [])].flatMap((answered) => answered.places)) && (
        <p class="muted">
          <DbIpCredit />
        </p>
      )}
      <SiteHiddenHosts cloaked={hidden?.cloaked ?? NONE} networks={hidden?.trackerNetworks ?? NONE} />
    </section>
  );
}
