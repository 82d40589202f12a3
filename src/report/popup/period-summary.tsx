import type { Exposure } from '../aggregate/exposure.js';
import { PERIODS, type Period } from '../aggregate/period.js';
import { OwnerBadges } from '../components/badges.js';
import { CountryList } from '../components/country-list.js';
import { HeadlineFigures } from '../components/headline-figures.js';
import { format } from '../components/format.js';
import { t } from '../components/i18n.js';
import { useLiveQuery } from '../use-live-query.js';
import { earlyPeriodQuery, periodExposure } from './period-query.js';

const TOP = 5;

/** The headline figures of a period, with a trend and the top companies and countries. */
export function PeriodSummary({ period, onPeriod }: { period: Period; onPeriod: (period: Period) => void }) {
  const exposure = useLiveQuery(() => periodExposure(period), [period], earlyPeriodQuery(period));
  return (
    <section aria-labelledby="period-heading" data-testid="period" data-state={exposure ? 'ready' : 'loading'} data-period={period}>
      <h2 id="period-heading">{t('youOverPeriod')}</h2>
      <fieldset class="periods">
        <legend class="visually-hidden">{t('periodLegend')}</legend>
        {PERIODS.map((p) => (
          <label key={p} class={p === period ? 'period selected' : 'period'}>
            <input type="radio" name="period" value={p} checked={p === period} onChange={() => onPeriod(p)} />
            {t(`period_${p}`)}
          </label>
        ))}
      </fieldset>
      {exposure &&
        (exposure.visits === 0 ? (
          <p class="empty" data-empty="period">
            {t('periodEmpty')}
          </p>
        ) : (
          <Figures exposure={exposure} />
        ))}
    </section>
  );
}

function Figures({ exposure }: { exposure: Exposure }) {
  const f = format();
  return (
    <>
      <HeadlineFigures exposure={exposure} />
      <h3>{t('topCompanies')}</h3>
      <ol class="companies" data-testid="top-companies">
        {exposure.observers.slice(0, TOP).map((o) => (
          <li key={o.key} data-company={o.name} data-sites={o.sites}>
            <span class="company-name">{o.known ? o.name : t('unknownOwner', o.name)}</span>{' '}
            <OwnerBadges jurisdiction={o.jurisdiction} prism={o.prism} />
            <span class="muted count"> {t('sitesShare', f.share(o.siteShare))}</span>
          </li>
        ))}
      </ol>
      {exposure.countries.length > 0 && (
        <>
          <h3>{t('topCountries')}</h3>
          <CountryList
            testId="top-countries"
            countries={exposure.countries
              .slice(0, TOP)
              .map((c) => ({ country: c.country, count: c.visits, label: t('visitsShare', f.share(c.share)) }))}
          />
        </>
      )}
    </>
  );
}
