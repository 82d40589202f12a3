/**
 * The groupings a report shows countries in (design brief: US; Five Eyes; Fourteen Eyes;
 * EU/EEA; the reader's own country). The lists are data, cited in data/country-groups.json.
 */
import groupsFile from '../knowledge/data/country-groups.json' with { type: 'json' };

/**
 * The groupings, in the order the report shows them: every group of data/country-groups.json,
 * so that a group is one entry there plus its name in extension/_locales (groupMessage).
 * The United States alone is a row of its own, read from the US figures.
 */
export type GroupName = keyof typeof groupsFile.groups;
export const GROUPS = Object.keys(groupsFile.groups) as GroupName[];

const LISTS = new Map<GroupName, ReadonlySet<string>>(GROUPS.map((group) => [group, new Set(groupsFile.groups[group].countries)]));

export function inGroup(country: string | null, group: GroupName | 'us'): boolean {
  if (!country) return false;
  return group === 'us' ? country === 'US' : LISTS.get(group)!.has(country);
}

/** The message (extension/_locales) that names a group: `group_five_eyes`. */
export const groupMessage = (group: GroupName): string => `group_${group.replace(/-/g, '_')}`;

/**
 * The groups a country is in, leaving out a group that holds a smaller one it is also in
 * (the United Kingdom is in the Five Eyes, which the Fourteen Eyes hold: said once).
 */
export function groupsOf(country: string): GroupName[] {
  const member = GROUPS.filter((group) => LISTS.get(group)!.has(country));
  const within = (inner: GroupName, outer: GroupName) => inner !== outer && [...LISTS.get(inner)!].every((c) => LISTS.get(outer)!.has(c));
  return member.filter((outer) => !member.some((inner) => within(inner, outer)));
}

/** Where a jurisdiction stands for the timeline's split: the US, the EU/EEA, elsewhere, or unknown. */
export type Bloc = 'us' | 'eu' | 'other' | 'unknown';

export function blocOf(country: string | null): Bloc {
  if (!country) return 'unknown';
  if (country === 'US') return 'us';
  return inGroup(country, 'eu-eea') ? 'eu' : 'other';
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
