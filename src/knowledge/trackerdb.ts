/**
 * Reads Ghostery TrackerDB's JSON export: trackers ("patterns"), the organisations that
 * run them, and which host suffixes belong to which tracker.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { packageInfo, type PackageInfo } from './paths.js';

export const TRACKERDB_PACKAGE = '@ghostery/trackerdb';

interface UpstreamTracker {
  key: string;
  name: string;
  category: string;
  organization: string | null;
}

export interface UpstreamOrganization {
  id: string;
  name: string;
  country: string | null;
}

export interface TrackerDb {
  package: PackageInfo;
  categories: string[];
  trackers: Map<string, UpstreamTracker>;
  organizations: Map<string, UpstreamOrganization>;
  /** Host suffix → tracker key. */
  hosts: Map<string, string>;
}

interface RawTrackerDb {
  categories: Record<string, unknown>;
  organizations: Record<string, { name?: string; country?: string | null }>;
  patterns: Record<string, { name?: string; category?: string; organization?: string | null; domains?: string[] }>;
  domains: Record<string, string>;
  filters: Record<string, string>;
}

export const HOST_PATTERN = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)+$/;
export const COUNTRY_PATTERN = /^[A-Z]{2}$/;

/**
 * A network filter that names a whole host and nothing else (`||host^`, optionally only
 * for third-party requests) says the same as a domain entry. Filters with paths or other
 * options describe single resources, which a host-level table cannot express; they are left out.
 */
const HOST_FILTER = /^\|\|([a-z0-9._-]+)\^(?:\$(?:3p|third-party))?$/;

export async function readTrackerDb(): Promise<TrackerDb> {
  const pkg = packageInfo(TRACKERDB_PACKAGE);
  const raw = JSON.parse(await readFile(path.join(pkg.dir, 'dist', 'trackerdb.json'), 'utf8')) as RawTrackerDb;

  const organizations = new Map<string, UpstreamOrganization>();
  for (const [id, org] of Object.entries(raw.organizations)) {
    const country = typeof org.country === 'string' && COUNTRY_PATTERN.test(org.country) ? org.country : null;
    organizations.set(id, { id, name: org.name?.trim() || id, country });
  }

  const categories = Object.keys(raw.categories).sort();
  const trackers = new Map<string, UpstreamTracker>();
  for (const [key, pattern] of Object.entries(raw.patterns)) {
    const category = pattern.category && categories.includes(pattern.category) ? pattern.category : 'misc';
    const organization = pattern.organization && organizations.has(pattern.organization) ? pattern.organization : null;
    trackers.set(key, { key, name: pattern.name?.trim() || key, category, organization });
  }

  const hosts = new Map<string, string>();
  const add = (host: string, key: string): void => {
    const clean = host.toLowerCase().replace(/\.$/, '');
    if (trackers.has(key) && HOST_PATTERN.test(clean) && !hosts.has(clean)) hosts.set(clean, key);
  };
  for (const [host, key] of Object.entries(raw.domains)) add(host, key);
  for (const [filter, key] of Object.entries(raw.filters)) {
    const match = HOST_FILTER.exec(filter);
    if (match) add(match[1]!, key);
  }
  return { package: pkg, categories, trackers, organizations, hosts };
}
