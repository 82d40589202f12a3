/**
 * The groupings a report shows countries in (design brief: US; Five Eyes; Fourteen Eyes;
 * EU/EEA; the reader's own country). The lists are data, cited in data/country-groups.json.
 */
import groupsFile from '../knowledge/data/country-groups.json' with { type: 'json' };

export type GroupName = 'us' | 'five-eyes' | 'fourteen-eyes' | 'eu-eea';

const LISTS: Record<Exclude<GroupName, 'us'>, ReadonlySet<string>> = {
  'five-eyes': new Set(groupsFile.groups['five-eyes'].countries),
  'fourteen-eyes': new Set(groupsFile.groups['fourteen-eyes'].countries),
  'eu-eea': new Set(groupsFile.groups['eu-eea'].countries),
};

export function inGroup(country: string | null, group: GroupName): boolean {
  if (!country) return false;
  return group === 'us' ? country === 'US' : LISTS[group].has(country);
}

/** Where a jurisdiction stands for the timeline's split: the US, the EU/EEA, elsewhere, or unknown. */
export type Bloc = 'us' | 'eu' | 'other' | 'unknown';

export function blocOf(country: string | null): Bloc {
  if (!country) return 'unknown';
  if (country === 'US') return 'us';
  return LISTS['eu-eea'].has(country) ? 'eu' : 'other';
}

/** The reader's own country from a language tag ("fr-FR" → "FR"), or null when it names none. */
export function countryOfLocale(locale: string): string | null {
  try {
    const region = new Intl.Locale(locale).maximize().region;
    return region && /^[A-Z]{2}$/.test(region) ? region : null;
  } catch {
    return null;
  }
}
