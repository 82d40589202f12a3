/**
 * Counts, shares and plural forms in one language, through `Intl` only. Pure: the caller
 * passes the locale (the popup and the report pass the browser's interface language), so
 * these rules run and are tested in Node.
 *
 * The messages of `_locales` come in two forms, `<name>_one` and `<name>_other`: English
 * and French need no more (French "many", for round millions, reads as "other":
 * "1 000 000 visites").
 */
type MessageForm = 'one' | 'other';

export interface LocaleNumbers {
  locale: string;
  /** which of a message's two forms goes with `count` (fr: 0, 1 and 1.5 are "one") */
  form(count: number): MessageForm;
  /** `<name>_one` or `<name>_other` for `count` */
  messageName(name: string, count: number): string;
  /** 1234567.5 → "1,234,567.5" (en), "1 234 567,5" (fr), never broken across lines */
  number(value: number): string;
  /**
   * A share 0..1 as a percentage that never breaks across lines: whole percents, except
   * that a share above 0 or below 1 keeps one decimal, rounded away from the edge, where rounding would show 0 % or
   * 100 % (a visit out of 300 is not "0 %", 299 out of 300 is not "100 %").
   */
  share(value: number): string;
}

// Spaces a formatted number may hold (grouping, before "%"): each becomes a no-break one,
// because report pages let long names wrap anywhere (overflow-wrap) and a number must not.
const BREAKABLE_SPACE = /[ \u2000-\u200A\u205F\u3000]/g;
const NO_BREAK_SPACE = '\u00A0';

function unbreakable(text: string): string {
  return text.replace(BREAKABLE_SPACE, NO_BREAK_SPACE);
}

export function localeNumbers(locale: string): LocaleNumbers {
  const rules = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  // Rounded away from the edge: 0.01 % reads "0.1 %", 99.99 % reads "99.9 %".
  // (`roundingMode` is in every supported browser and Node 20, not yet in TypeScript's ES2022 lib.)
  const nearZero = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 1,
    roundingMode: 'ceil',
  } as Intl.NumberFormatOptions);
  const nearAll = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 1,
    roundingMode: 'floor',
  } as Intl.NumberFormatOptions);
  const form = (count: number): MessageForm => (rules.select(count) === 'one' ? 'one' : 'other');
  return {
    locale,
    form,
    messageName: (name, count) => `${name}_${form(count)}`,
    number: (value) => unbreakable(numbers.format(value)),
    share: (value) => {
      const shown = value > 0 && value < 0.005 ? nearZero : value < 1 && value >= 0.995 ? nearAll : percent;
      return unbreakable(shown.format(value));
    },
  };
}
