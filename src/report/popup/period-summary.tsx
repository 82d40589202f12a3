import type { Exposure } from '../aggregate/exposure.js';
import { PERIODS, type Period } from '../aggregate/period.js';
import { NameInSentence, SLOT } from '../components/name-in-sentence.js';
import { useLiveQuery } from '../use-live-query.js';
import { earlyPeriodQuery, periodExposure } from './period-query.js';
import { PeriodTiles } from './period-tiles.js';
import { counted, numbers, t } from '../components/i18n.js';

/** Your browsing over a period: how much, who saw most of it, and the headline figures as tiles. */
export function PeriodSummary({ period, onPeriod }: { period: Period; onPeriod: (period: Period) => void }) {
  const exposure = useLiveQuery(() => periodExposure(period), [period], earlyPeriodQuery(period));
  return (
    <section aria-labelledby="period-heading" data-testid="period" data-state={exposure ? 'ready' : 'loading'} data-period={period}>
      <div class="period-head">
        <h2 id="period-heading">{t('periodHeading')}</h2>
        <fieldset class="periods">
          <legend class="visually-hidden">{t('periodLegend')}</legend>
          {PERIODS.map((p) => (
            <label key={p} class={p === period ? 'period selected' : 'period'}>
              <input type="radio" name="period" value={p} checked={p === period} onChange={() => onPeriod(p)} />
              {t(`period_${p}`)}
            </label>
          ))}
        </fieldset>
      </div>
      {exposure &&
        (exposure.visits === 0 ? (
          <p class="empty" data-empty="period">
            {t('periodEmpty')}
          </p>
        ) : (
          <Figures exposure={exposure} period={period} />
        ))}
    </section>
  );
}

function Figures({ exposure, period }: { exposure: Exposure; period: Period }) {
  const top = exposure.topObserver;
  return (
    <>
      {/* One paragraph, so that the two sentences share lines. */}
      <p class="period-visits">
        <span class="muted" data-testid="period-visits" data-count={exposure.visits} data-sites={exposure.sites}>
          {t(`periodVisitsIn_${period}`, counted('pageVisitCount', exposure.visits), counted('siteCount', exposure.sites))}
        </span>
        {top && (
          <>
            {' '}
            <span class="headline" data-testid="top-observer" data-company={top.name} data-value={top.siteShare}>
              <NameInSentence sentence={t('topObserverSentence', SLOT, numbers().share(top.siteShare))} name={top.name} />
            </span>
          </>
        )}
      </p>
      <PeriodTiles exposure={exposure} />
    </>
  );
}
