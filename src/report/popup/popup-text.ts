/**
 * The popup's counts and shares in the interface language: `_locales` messages with their
 * plural form chosen by `Intl.PluralRules` (src/report/components/locale-numbers.ts).
 */
import { uiLanguage } from '../../shared/browser.js';
import { localeNumbers, type LocaleNumbers } from '../components/locale-numbers.js';
import { t } from '../components/i18n.js';

let shared: LocaleNumbers | null = null;

export function numbers(): LocaleNumbers {
  shared ??= localeNumbers(uiLanguage());
  return shared;
}

/** `<name>_one` or `<name>_other` for `count`, with the count written as $1. */
export function counted(name: string, count: number, ...more: (string | number)[]): string {
  const n = numbers();
  return t(n.messageName(name, count), n.number(count), ...more);
}
