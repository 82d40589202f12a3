import { useState } from 'preact/hooks';
import { openDb } from '../../store/db.js';
import { isExcluded } from '../../store/sites.js';
import { DEFAULT_PERIOD, isPeriod, type Period } from '../aggregate/period.js';
import { t } from '../components/i18n.js';
import { useLiveQuery } from '../use-live-query.js';
import { useSettings } from '../use-settings.js';
import { PeriodSummary } from './period-summary.js';
import { PopupControls } from './popup-controls.js';
import { ThisPage } from './this-page.js';
import { useShownTab } from './use-shown-tab.js';

const PERIOD_KEY = 'upstream.popup.period';

/** The period the reader chose last, or the default. */
export function storedPeriod(): Period {
  try {
    const value = localStorage.getItem(PERIOD_KEY);
    return isPeriod(value) ? value : DEFAULT_PERIOD;
  } catch {
    return DEFAULT_PERIOD;
  }
}

/** The popup: this page, then you over a period, then the controls. */
export function Popup() {
  const shown = useShownTab();
  const settings = useSettings();
  const [period, setPeriod] = useState<Period>(storedPeriod);
  const [site, setSite] = useState<string | null>(null);
  const anything = useLiveQuery(() => openDb().visits.limit(1).count(), []);
  const paused = settings?.pausedSince != null;
  const excluded = !!settings && shown.kind === 'web' && isExcluded(shown.host, settings);
  const choosePeriod = (next: Period) => {
    setPeriod(next);
    try {
      localStorage.setItem(PERIOD_KEY, next);
    } catch {
      // a preference only: the popup still works without it
    }
  };
  return (
    <main>
      <header class="popup-header">
        {/* Named for assistive technology only: the toolbar button already says which extension this is, and the popup's height is counted. */}
        <h1 class="visually-hidden">{t('extensionName')}</h1>
        {paused && (
          <p class="banner" role="status" data-testid="paused-banner">
            {t('pausedBanner')}
          </p>
        )}
      </header>
      <ThisPage shown={shown} paused={paused} excluded={excluded} onSite={setSite} />
      {anything === 0 ? (
        <section data-testid="period" data-state="ready">
          <p class="empty" data-empty="fresh">
            {t('freshInstall')}
          </p>
        </section>
      ) : (
        <PeriodSummary period={period} onPeriod={choosePeriod} />
      )}
      <PopupControls settings={settings} site={site} />
    </main>
  );
}
