import { countryOfLocale } from '../classify/country-groups.js';
import type { Settings } from '../store/settings.js';

/** The country the report calls the reader's own: the one chosen in Settings, else the region of the browser's language. */
export function ownCountry(settings: Settings | null | undefined, language: string): string | null {
  return settings?.ownCountry ?? countryOfLocale(language);
}
