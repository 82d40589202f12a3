import { countryOfLocale } from '../classify/country-groups.js';
import { isCountryCode } from '../shared/countries.js';
import type { Settings } from '../store/settings.js';

/**
 * The browser's region: the first preferred language that names one ("en-GB": GB), else the
 * region the first one that implies one does ("fr": FR). A language alone says little of where someone lives
 * (English), so a region named anywhere in the list comes first.
 */
export function browserRegion(languages: readonly string[]): string | null {
  for (const tag of languages) {
    try {
      const region = new Intl.Locale(tag).region;
      if (isCountryCode(region)) return region;
    } catch {
      // not a language tag: the next one may be
    }
  }
  for (const tag of languages) {
    const implied = countryOfLocale(tag);
    if (implied) return implied;
  }
  return null;
}

/** The country the report calls the reader's own: the one chosen in Settings, else the browser's region. */
export function ownCountry(settings: Settings | null | undefined, languages: readonly string[]): string | null {
  return settings?.ownCountry ?? browserRegion(languages);
}
