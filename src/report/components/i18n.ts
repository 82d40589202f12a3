import { message, uiLanguage } from '../../shared/browser.js';
import { localeNumbers, type LocaleNumbers } from './locale-numbers.js';

/**
 * A message of `_locales`, with its placeholders filled. A missing message shows its
 * name, so a forgotten translation is seen rather than rendered as blank space.
 */
export function t(name: string, ...substitutions: (string | number)[]): string {
  return message(name, substitutions.map(String)) || name;
}

let shared: LocaleNumbers | null = null;

/** Counts, shares and plural forms in the browser's interface language (locale-numbers.ts). */
export function numbers(): LocaleNumbers {
  shared ??= localeNumbers(uiLanguage());
  return shared;
}

/**
 * A message that depends on a count: `<name>_one` or `<name>_other`, chosen by the
 * language's plural rules (French says "0 requête", English "0 requests"), with the count
 * written as $1 and `more` as $2….
 */
export function counted(name: string, count: number, ...more: (string | number)[]): string {
  const n = numbers();
  return t(n.messageName(name, count), n.number(count), ...more);
}
