/** Plural forms, counts and shares in English and French: what the popup (and later the report) prints. */
import { test, expect } from '@playwright/test';
import { localeNumbers } from '../../src/report/components/locale-numbers.js';

const en = localeNumbers('en');
const fr = localeNumbers('fr');

test('plural forms: English "one" only for exactly 1, French for 0, 1 and 1.5; French millions read as "other"', () => {
  expect([0, 1, 2, 1.5, 1_000_000].map(en.form)).toEqual(['other', 'one', 'other', 'other', 'other']);
  expect([0, 1, 2, 1.5, 1_000_000, 1_000_001].map(fr.form)).toEqual(['one', 'one', 'other', 'one', 'other', 'other']);
  expect(en.messageName('visits', 1)).toBe('visits_one');
  expect(en.messageName('visits', 0)).toBe('visits_other');
  expect(fr.messageName('visits', 0)).toBe('visits_one');
  expect(fr.messageName('visits', 2)).toBe('visits_other');
});

test('counts: grouping and decimals of each language, with no breakable space inside', () => {
  expect([0, 1, 2, 1.5, 1234567].map(en.number)).toEqual(['0', '1', '2', '1.5', '1,234,567']);
  // French groups with a narrow no-break space (U+202F) and writes 1,5.
  expect([0, 1, 2, 1.5, 1234567].map(fr.number)).toEqual(['0', '1', '2', '1,5', '1\u202F234\u202F567']);
  expect(fr.number(2.5)).toBe('2,5');
  for (const text of [en.number(1e9), fr.number(1e9)]) expect(text).not.toMatch(/[ \u2000-\u200A]/);
});

test('shares: whole percents, no-break before the sign in French, and never a false 0 % or 100 %', () => {
  expect([0, 1, 0.5, 0.834].map(en.share)).toEqual(['0%', '100%', '50%', '83%']);
  // French puts a no-break space before "%": narrow (U+202F) or not, by the ICU version.
  expect([0, 1, 0.5, 0.834].map(fr.share)).toEqual(
    ['0', '100', '50', '83'].map((n) => expect.stringMatching(new RegExp(`^${n}[\u00A0\u202F]%$`))),
  );
  // 1 visit in 10,000 is not nothing; 9,999 in 10,000 is not all of them.
  expect(en.share(0.0001)).toBe('0.1%');
  expect(en.share(0.9999)).toBe('99.9%');
  expect(fr.share(0.0001)).toMatch(/^0,1[\u00A0\u202F]%$/);
  expect(fr.share(0.996)).toMatch(/^99,6[\u00A0\u202F]%$/);
  expect(en.share(0.015)).toBe('2%');
  for (const text of [fr.share(1), fr.share(0.0001), en.share(0.5)]) expect(text).not.toMatch(/[ \u2000-\u200A]/);
});
