import { message, uiLanguage } from '../../shared/browser.js';

/**
 * A message of `_locales`, with its placeholders filled. A missing message shows its
 * name, so a forgotten translation is seen rather than rendered as blank space.
 */
export function t(name: string, ...substitutions: (string | number)[]): string {
  return message(name, substitutions.map(String)) || name;
}

const plurals = new Map<string, Intl.PluralRules>();

/**
 * A message that depends on a count: `<name>_one` or `<name>_other`, chosen by the
 * language's plural rules (French says "0 requête", English "0 requests").
 */
export function tn(name: string, count: number, shown: string, ...more: (string | number)[]): string {
  const locale = uiLanguage();
  let rules = plurals.get(locale);
  if (!rules) plurals.set(locale, (rules = new Intl.PluralRules(locale)));
  return t(`${name}_${rules.select(count) === 'one' ? 'one' : 'other'}`, shown, ...more);
}
