import { alternativesSeen } from '../../aggregate/alternatives.js';
import { counted, t } from '../../components/i18n.js';
import type { ReportData } from '../use-report-data.js';

/** For the US services the period's pages used most, one line on what avoids them (for workshops; never an advertisement). */
export function AlternativesView({ data }: { data: ReportData }) {
  const seen = alternativesSeen(data.requests);
  return (
    <section aria-labelledby="alternatives-heading">
      <h2 id="alternatives-heading">{t('viewAlternatives')}</h2>
      <p>{t('alternativesIntro')}</p>
      {seen.length === 0 ? (
        <p class="empty">{t('alternativesNone')}</p>
      ) : (
        <ul class="alternatives" data-testid="alternatives">
          {seen.map((a) => (
            <li key={a.id} data-alternative={a.id} data-requests={a.requests}>
              <h3>
                {a.service} <span class="muted">{counted('requestsCount', a.requests)}</span>
              </h3>
              <p>{a.instead}</p>
              <p class="muted">
                {t('alternativesHosts', a.hosts.join(', '))} ·{' '}
                <a href={a.source} target="_blank" rel="noopener noreferrer">
                  {t('alternativesSource')}
                </a>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
