import { isCountryCode } from '../shared/countries.js';

/**
 * User settings: what to record and for how long, and the reader's own country. Validated on every read and write,
 * because they come from a page the user controls and from imported files.
 */
export interface Settings {
  /** Nothing is recorded from this moment on (ms since the epoch), until resumed; null = recording. */
  pausedSince: number | null;
  /** Registrable domains whose pages are never recorded. */
  excludedSites: string[];
  /** Days raw requests are kept. */
  rawRetentionDays: number;
  /** Months page visits and daily roll-ups are kept. */
  rollupRetentionMonths: number;
  /** Keep query strings and fragments of URLs (off by default: they often hold personal data). */
  storeQueryStrings: boolean;
  /** The reader's own country (ISO 3166-1 alpha-2) the report names; null: the region of the browser's language. */
  ownCountry: string | null;
}

/** Where the settings live in storage.local (read by the worker and the report views). */
export const SETTINGS_KEY = 'settings';

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  pausedSince: null,
  excludedSites: [],
  rawRetentionDays: 30,
  rollupRetentionMonths: 13,
  storeQueryStrings: false,
  ownCountry: null,
}) as Settings;

export const LIMITS = {
  rawRetentionDays: [1, 3650],
  rollupRetentionMonths: [1, 120],
  excludedSites: 10_000,
} as const;

export class SettingsError extends Error {
  override name = 'SettingsError';
}

const SITE = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A site as the user may type it ("Example.com", "https://www.example.com/x") reduced to a host name, or null. */
export function normaliseSite(input: string): string | null {
  const trimmed = input.trim().toLowerCase();
  const host = /^[a-z][a-z0-9+.-]*:\/\//.test(trimmed) ? trimmed.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').split(/[/?#:]/)[0]! : trimmed;
  const bare = host.replace(/\.$/, '');
  return SITE.test(bare) ? bare : null;
}

function whole(value: unknown, name: keyof typeof LIMITS, [min, max]: readonly [number, number]): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new SettingsError(`${name} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/** Checks a complete settings object; throws SettingsError with a readable message. */
export function validateSettings(input: unknown): Settings {
  if (input === null || typeof input !== 'object') throw new SettingsError('settings must be an object');
  const s = input as Record<string, unknown>;
  const pausedSince = s.pausedSince;
  if (pausedSince !== null && (typeof pausedSince !== 'number' || !Number.isFinite(pausedSince) || pausedSince < 0)) {
    throw new SettingsError('pausedSince must be null or a time');
  }
  if (!Array.isArray(s.excludedSites) || s.excludedSites.length > LIMITS.excludedSites) {
    throw new SettingsError(`excludedSites must be a list of at most ${LIMITS.excludedSites} sites`);
  }
  const excludedSites = s.excludedSites.map((site) => {
    const normal = typeof site === 'string' ? normaliseSite(site) : null;
    if (!normal) throw new SettingsError(`not a site: ${String(site).slice(0, 80)}`);
    return normal;
  });
  if (typeof s.storeQueryStrings !== 'boolean') throw new SettingsError('storeQueryStrings must be true or false');
  // Absent in settings written before it existed: the browser's region, as then.
  const ownCountry = s.ownCountry ?? null;
  if (ownCountry !== null && !isCountryCode(ownCountry)) {
    throw new SettingsError(`ownCountry must be null or a country code such as "FR": ${String(ownCountry).slice(0, 40)}`);
  }
  const rawRetentionDays = whole(s.rawRetentionDays, 'rawRetentionDays', LIMITS.rawRetentionDays);
  const rollupRetentionMonths = whole(s.rollupRetentionMonths, 'rollupRetentionMonths', LIMITS.rollupRetentionMonths);
  // A request kept longer than its page visit and roll-ups would lose its page and, after a
  // clean-up, its host: raw requests may not outlive the summaries they belong to.
  if (rawRetentionDays > rollupRetentionMonths * 28) {
    throw new SettingsError('rawRetentionDays must not be longer than rollupRetentionMonths (requests cannot outlive their page visits)');
  }
  return {
    pausedSince,
    excludedSites: [...new Set(excludedSites)],
    rawRetentionDays,
    rollupRetentionMonths,
    storeQueryStrings: s.storeQueryStrings,
    ownCountry,
  };
}

/** Settings as stored, falling back to defaults for anything missing or broken. */
export function readSettings(stored: unknown): Settings {
  try {
    return validateSettings({ ...DEFAULT_SETTINGS, ...(stored && typeof stored === 'object' ? stored : {}) });
  } catch {
    return { ...DEFAULT_SETTINGS, excludedSites: [] };
  }
}
