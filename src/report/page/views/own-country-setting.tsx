import { useMemo } from 'preact/hooks';
import { preferredLanguages, uiLanguage } from '../../../shared/browser.js';
import { browserRegion } from '../../own-country.js';
import { COUNTRY_CODES } from '../../../shared/countries.js';
import type { Command } from '../../../store/worker-commands.js';
import type { Settings } from '../../../store/settings.js';
import { format } from '../../components/format.js';
import { t } from '../../components/i18n.js';

/** The reader's own country: chosen from every country by its name in their language, or left to the browser's language. */
export function OwnCountrySetting({ settings, run }: { settings: Settings; run: (command: Command, done: string) => Promise<boolean> }) {
  const f = format();
  const fromBrowser = browserRegion(preferredLanguages());
  const countries = useMemo(() => {
    const collator = new Intl.Collator(uiLanguage());
    return COUNTRY_CODES.map((code) => ({ code, name: f.country(code) })).sort((a, b) => collator.compare(a.name, b.name));
  }, []); // the names are in the page's one language
  const choose = (code: string) => {
    const ownCountry = code === '' ? null : code;
    const named = ownCountry ?? fromBrowser;
    void run({ type: 'set-settings', settings: { ...settings, ownCountry } }, t('settingsOwnCountrySaved', named ? f.country(named) : '—'));
  };
  return (
    <fieldset>
      <legend>{t('settingsOwnCountry')}</legend>
      <p class="muted">{t('settingsOwnCountryWhy')}</p>
      <label>
        {t('settingsOwnCountryLabel')}{' '}
        <select
          name="own-country"
          data-testid="own-country"
          value={settings.ownCountry ?? ''}
          onChange={(e) => choose((e.target as HTMLSelectElement).value)}
        >
          <option value="">{fromBrowser ? t('settingsOwnCountryAuto', f.country(fromBrowser)) : t('settingsOwnCountryNone')}</option>
          {countries.map(({ code, name }) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
