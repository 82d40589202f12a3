import { useEffect, useState } from 'preact/hooks';
import type { AlternativeHost } from '../../../classify/alternative-hosts.js';
import { ownerMessage, personMessage, type ServiceSeen } from '../../aggregate/alternatives.js';
import { readAlternativeHosts } from '../../alternative-hosts.js';
import { format } from '../../components/format.js';
import { counted, t } from '../../components/i18n.js';
import type { ExportTables } from '../../export/export-report.js';
import type { ReportPeriod } from '../report-period.js';
import { useServicesSeen } from '../use-services-seen.js';

/** A recommended service, with where its company answers to (from the compiled knowledge). */
function Recommended({ host, hosts }: { host: string; hosts: Map<string, AlternativeHost> | null }) {
  const f = format();
  const known = hosts?.get(host);
  return (
    <li data-host={host} data-jurisdiction={known?.jurisdiction ?? ''}>
      <bdi>{host}</bdi>{' '}
      {hosts !== null && (
        <span class="muted">
          {known?.company && known.jurisdiction
            ? t('alternativeRunBy', known.company, f.country(known.jurisdiction))
            : t('alternativeJurisdictionUnknown')}
        </span>
      )}
    </li>
  );
}

function ServiceItem({ seen, hosts }: { seen: ServiceSeen; hosts: Map<string, AlternativeHost> | null }) {
  const f = format();
  return (
    <li data-alternative={seen.id} data-requests={seen.requests} data-sites={seen.sites.map((s) => s.site).join(' ')}>
      <h3>
        {seen.service}{' '}
        <span class="muted">
          {counted('alternativesSiteCount', seen.sites.length)} · {counted('requestsCount', seen.requests)}
          {seen.jurisdictions.length > 0 && <> · {t('alternativesServiceLaw', seen.jurisdictions.map((j) => f.country(j)).join(', '))}</>}
        </span>
      </h3>
      <p class="muted">{t('alternativesUsedOn')}</p>
      <ul class="alternative-sites" data-testid="alternative-sites">
        {seen.sites.map((s) => (
          <li key={s.site} data-site={s.site} data-requests={s.requests}>
            <bdi>{s.site}</bdi> <span class="muted">{counted('requestsCount', s.requests)}</span>
          </li>
        ))}
      </ul>
      <p>
        <strong>{t('alternativesPerson')}</strong> {t(personMessage(seen.id))}
      </p>
      <p>
        <strong>{t('alternativesOwner')}</strong> {t(ownerMessage(seen.id))}
      </p>
      <p class="muted">{t('alternativesRecommended')}</p>
      <ul class="alternative-hosts" data-testid="alternative-hosts">
        {seen.alternatives.map((host) => (
          <Recommended key={host} host={host} hosts={hosts} />
        ))}
      </ul>
      <p class="muted">
        {t('alternativesHosts', seen.hosts.join(', '))} ·{' '}
        <a href={seen.source} target="_blank" rel="noopener noreferrer">
          {t('alternativesSource')}
        </a>
      </p>
    </li>
  );
}

/**
 * For the listed US services the period's pages used, on which sites, what a person can do
 * and what a site can use instead, with where each recommendation answers to (for
 * workshops; never an advertisement).
 */
export function AlternativesView({ period, opened }: { period: ReportPeriod; opened: ExportTables | null }) {
  const seen = useServicesSeen(period, opened);
  const [hosts, setHosts] = useState<Map<string, AlternativeHost> | null>(null);
  useEffect(() => {
    readAlternativeHosts()
      .then(setHosts)
      .catch(() => setHosts(new Map()));
  }, []);
  return (
    <section aria-labelledby="alternatives-heading" data-testid="alternatives-view" data-state={seen ? 'ready' : 'loading'}>
      <h2 id="alternatives-heading">{t('viewAlternatives')}</h2>
      <p>{t('alternativesIntro')}</p>
      {seen === undefined ? null : seen.length === 0 ? (
        <p class="empty">{t('alternativesNone')}</p>
      ) : (
        <ul class="alternatives" data-testid="alternatives">
          {seen.map((s) => (
            <ServiceItem key={s.id} seen={s} hosts={hosts} />
          ))}
        </ul>
      )}
    </section>
  );
}
