import { compareExposures } from '../../aggregate/compare.js';
import { markChoices, splitAtMark } from '../../aggregate/compare-mark.js';
import { format } from '../../components/format.js';
import { t } from '../../components/i18n.js';
import { openDb } from '../../../store/db.js';
import { siteVisits } from '../../../store/site-visits.js';
import { useLiveQuery } from '../../use-live-query.js';
import type { CompareChoice } from '../compare-query.js';
import type { ReportPeriod } from '../report-period.js';
import { useReportData } from '../use-report-data.js';
import { CompareResult } from './compare-result.js';

/**
 * One site's page visits before (A) and after (B) a moment the reader picks among that site's
 * own visits in the period chosen above ("before and after I answered the consent banner").
 */
export function CompareSite({
  period,
  choice,
  onChoose,
}: {
  period: ReportPeriod;
  choice: CompareChoice;
  onChoose: (change: Partial<CompareChoice>) => void;
}) {
  const { site, mark } = choice;
  const record = useReportData(period, null);
  const range = record.value?.range;
  const visits = useLiveQuery(
    () => (site && range ? siteVisits(openDb(), site, range.from, range.to) : Promise.resolve(null)),
    [site, range?.from, range?.to],
  );
  const moments = visits ? markChoices(visits.visits) : [];
  const when = new Intl.DateTimeFormat(format().locale, { dateStyle: 'medium', timeStyle: 'medium' });
  const split = visits && mark !== null && moments.includes(mark) ? splitAtMark(visits.visits, mark, visits.hosts, visits.ips) : null;
  const sites = record.value?.sites ?? [];
  return (
    <div data-testid="compare-site" data-state={record.current ? 'ready' : 'loading'} aria-busy={!record.current}>
      <p>{t('compareSiteWhat')}</p>
      {record.value && sites.length === 0 ? (
        <p class="empty">{t('periodEmpty')}</p>
      ) : (
        <p class="compare-pickers">
          <label>
            {t('compareSiteLabel')}{' '}
            <select
              data-testid="compare-site-choice"
              value={site}
              onChange={(e) => onChoose({ site: (e.target as HTMLSelectElement).value, mark: null })}
            >
              <option value="">{t('compareSiteChoose')}</option>
              {sites.map((s) => (
                <option key={s.site} value={s.site}>
                  {s.site}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            {t('compareMarkLabel')}{' '}
            <select
              data-testid="compare-mark-choice"
              disabled={moments.length === 0}
              value={mark === null ? '' : String(mark)}
              onChange={(e) => {
                const value = (e.target as HTMLSelectElement).value;
                onChoose({ mark: value ? Number(value) : null });
              }}
            >
              <option value="">{t('compareMarkChoose')}</option>
              {moments.map((time) => (
                <option key={time} value={String(time)}>
                  {when.format(time)}
                </option>
              ))}
            </select>
          </label>
        </p>
      )}
      {record.value && site && !sites.some((s) => s.site === site) && (
        <p role="alert" class="warning" data-testid="compare-site-absent">
          {t('compareSiteAbsent', site)}
        </p>
      )}
      {visits && visits.visits.length > 0 && mark !== null && !moments.includes(mark) && (
        <p role="alert" class="warning" data-testid="compare-mark-absent">
          {t('compareMarkAbsent')}
        </p>
      )}
      {split && mark !== null && (
        <CompareResult
          comparison={compareExposures(split.before, split.after)}
          sideA={t('compareBefore', when.format(mark))}
          sideB={t('compareAfter', when.format(mark))}
        />
      )}
    </div>
  );
}
