/** The reader's own country: a setting checked like every other, else the region of the browser's language. */
import { test, expect } from '@playwright/test';
import { browserRegion, ownCountry } from '../../src/report/own-country.js';
import { COUNTRY_CODES, isCountryCode } from '../../src/shared/countries.js';
import { DEFAULT_SETTINGS, readSettings, validateSettings } from '../../src/store/settings.js';

test("the own country is the one chosen, else the browser's region: a region any preferred language names, else the first one's", () => {
  expect(ownCountry({ ...DEFAULT_SETTINGS, ownCountry: 'DE' }, ['fr-FR'])).toBe('DE');
  expect(ownCountry(DEFAULT_SETTINGS, ['fr-FR'])).toBe('FR');
  expect(ownCountry(null, ['fr'])).toBe('FR');
  expect(ownCountry(undefined, ['en'])).toBe('US');
  // An English interface in Belgium: the region named in the list, not the one English implies.
  expect(browserRegion(['en', 'fr-BE', 'en-US'])).toBe('BE');
  expect(browserRegion(['not a language tag', 'de-AT'])).toBe('AT');
  expect(browserRegion(['es-419', 'es'])).toBe('ES');
  expect(browserRegion(['not a language tag'])).toBeNull();
  expect(browserRegion([])).toBeNull();
});

test('only a country code is accepted; settings stored before the setting existed read as the browser region', () => {
  expect(validateSettings({ ...DEFAULT_SETTINGS, ownCountry: 'FR' }).ownCountry).toBe('FR');
  for (const bad of ['fr', 'XX', 'FRA', '', 33, {}, ['FR']]) {
    expect(() => validateSettings({ ...DEFAULT_SETTINGS, ownCountry: bad }), JSON.stringify(bad)).toThrow(/^ownCountry must be null/);
  }
  const { ownCountry: _, ...before } = DEFAULT_SETTINGS;
  expect(validateSettings(before).ownCountry).toBeNull();
  expect(readSettings({ ...DEFAULT_SETTINGS, ownCountry: '__proto__' })).toEqual(DEFAULT_SETTINGS);
  expect(COUNTRY_CODES).toHaveLength(249);
  expect(COUNTRY_CODES.every((code) => /^[A-Z]{2}$/.test(code) && isCountryCode(code))).toBe(true);
  expect(isCountryCode('constructor')).toBe(false);
});
