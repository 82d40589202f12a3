/**
 * The controls refuse bad input: bad settings, bad sites and unknown commands get a clear
 * error, and nothing changes, in the settings, in storage or in the database on disk.
 */
import { test, expect } from './harness.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/store/settings.js';
import { command, currentSettings, rowCounts, sendCommand, storageArea } from './helpers/commands.js';

test('Chromium: bad settings and bad sites are refused with a clear error, and nothing changes', async ({ chromium }) => {
  const popup = await chromium.openExtensionPage('popup.html');
  const good: Settings = { ...DEFAULT_SETTINGS, excludedSites: ['a.example'], rawRetentionDays: 20 };
  expect(await command(popup, { type: 'set-settings', settings: good })).toEqual(good);
  const local = await storageArea(popup, 'local');
  const counts = await rowCounts(popup);
  const refused: [unknown, RegExp][] = [
    [{ ...good, rawRetentionDays: -1 }, /^rawRetentionDays must be a whole number from 1 to 3650$/],
    [{ ...good, rawRetentionDays: 0 }, /^rawRetentionDays must be/],
    [{ ...good, rawRetentionDays: 1.5 }, /^rawRetentionDays must be/],
    [{ ...good, rawRetentionDays: 4000 }, /^rawRetentionDays must be/],
    [{ ...good, rawRetentionDays: '30' }, /^rawRetentionDays must be/],
    [{ ...good, rollupRetentionMonths: 0 }, /^rollupRetentionMonths must be a whole number from 1 to 120$/],
    [{ ...good, rollupRetentionMonths: null }, /^rollupRetentionMonths must be/],
    [{ ...good, excludedSites: ['not a site!'] }, /^not a site: not a site!$/],
    [{ ...good, excludedSites: ['b.example', 'https://'] }, /^not a site: https:\/\/$/],
    [{ ...good, excludedSites: [42] }, /^not a site: 42$/],
    [{ ...good, excludedSites: 'b.example' }, /^excludedSites must be a list/],
    [{ ...good, storeQueryStrings: 'yes' }, /^storeQueryStrings must be true or false$/],
    [{ ...good, pausedSince: 'now' }, /^pausedSince must be null or a time$/],
    [{ ...good, pausedSince: -5 }, /^pausedSince must be null or a time$/],
    [{ ...good, ownCountry: 'XX' }, /^ownCountry must be null or a country code such as "FR": XX$/],
    [{ ...good, ownCountry: 'fr' }, /^ownCountry must be null or a country code/],
    [{ ...good, ownCountry: 250 }, /^ownCountry must be null or a country code/],
    [null, /^settings must be an object$/],
    [42, /^settings must be an object$/],
    [undefined, /^settings must be an object$/],
  ];
  for (const [settings, error] of refused) {
    const reply = await sendCommand(popup, { type: 'set-settings', settings });
    expect(reply.ok, JSON.stringify(settings)).toBe(false);
    expect(!reply.ok && reply.error, JSON.stringify(settings)).toMatch(error);
    expect(await currentSettings(popup), `unchanged after ${JSON.stringify(settings)}`).toEqual(good);
  }
  for (const type of ['exclude-site', 'include-site', 'forget-site']) {
    for (const site of ['not a site', '', '../..', 'https://', '-bad-.example', 'a'.repeat(64) + '.example']) {
      const reply = await sendCommand(popup, { type, site });
      expect(reply, `${type} ${site}`).toEqual({ ok: false, error: `not a site: ${site.slice(0, 80)}` });
    }
    expect(await sendCommand(popup, { type, site: 7 })).toEqual({ ok: false, error: 'unknown command' });
  }
  expect(await sendCommand(popup, { type: 'drop-everything' })).toEqual({ ok: false, error: 'unknown command' });
  expect(await sendCommand(popup, 'wipe')).toEqual({ ok: false, error: 'unknown command' });
  // Nothing changed anywhere.
  expect(await currentSettings(popup)).toEqual(good);
  expect(await storageArea(popup, 'local')).toEqual(local);
  expect(await rowCounts(popup)).toEqual(counts);
  await command(popup, { type: 'set-settings', settings: DEFAULT_SETTINGS });
  await popup.close();
});
