/**
 * Merges TrackerDB, third-party-web and the jurisdiction table into owners.json: for every
 * known host suffix, the tracker and the company behind it, fully resolved at build time so
 * the classifier does one map lookup per suffix and nothing else.
 */
import { getDomain } from 'tldts';
import {
  NONE,
  OWNERS_FORMAT,
  SOURCE_JURISDICTIONS,
  SOURCE_THIRD_PARTY_WEB,
  SOURCE_TRACKERDB,
  type OwnersFile,
} from '../classify/owners-format.js';
import { CompanyRegistry } from './companies.js';
import type { JurisdictionTable } from './jurisdictions.js';
import type { ThirdPartyWeb } from './third-party-web.js';
import type { TrackerDb } from './trackerdb.js';

export const OWNERS_LICENCE = 'CC BY-NC-SA 4.0';
const OWNERS_ATTRIBUTION =
  'Tracker, category and organisation data from Ghostery TrackerDB (https://github.com/ghostery/trackerdb), ' +
  '© Ghostery GmbH, CC BY-NC-SA 4.0; fallback entities from third-party-web by Patrick Hulce (MIT); ' +
  "owners, countries and PRISM providers from Upstream's jurisdiction table. This file is derived from " +
  'TrackerDB and shared under CC BY-NC-SA 4.0 (https://creativecommons.org/licenses/by-nc-sa/4.0/).';

interface Tracker {
  name: string;
  category: number;
  company: number;
  source: number;
}

/** The longest suffix of `host` (itself included) that `map` knows, as [suffix, value]. */
function nearest<V>(map: ReadonlyMap<string, V>, host: string): [string, V] | null {
  for (let at = host; ;) {
    const value = map.get(at);
    if (value !== undefined) return [at, value];
    const dot = at.indexOf('.');
    if (dot < 0) return null;
    at = at.slice(dot + 1);
  }
}

export interface OwnersReport {
  keys: number;
  trackers: number;
  companies: number;
  fromThirdPartyWeb: number;
  unknownOrganizations: string[];
}

export function buildOwners(
  trackerdb: TrackerDb,
  thirdPartyWeb: ThirdPartyWeb,
  table: JurisdictionTable,
): { file: OwnersFile; report: OwnersReport } {
  const registry = new CompanyRegistry(table, trackerdb.organizations);
  const categories = trackerdb.categories;
  const categoryIndex = (id: string): number => {
    const index = categories.indexOf(id);
    if (index < 0) throw new Error(`unknown tracker category "${id}"`);
    return index;
  };

  // Trackers, numbered in the order first met so that only trackers with a host ship.
  const trackers: Tracker[] = [];
  const trackerdbIndex = new Map<string, number>();
  const thirdPartyIndex = new Map<number, number>();
  const fromTrackerDb = (key: string): number => {
    let index = trackerdbIndex.get(key);
    if (index === undefined) {
      const tracker = trackerdb.trackers.get(key)!;
      const org = tracker.organization ? trackerdb.organizations.get(tracker.organization) : undefined;
      const company = org ? registry.forOrganization(org) : NONE;
      index = trackers.push({ name: tracker.name, category: categoryIndex(tracker.category), company, source: SOURCE_TRACKERDB }) - 1;
      trackerdbIndex.set(key, index);
    }
    return index;
  };
  const fromThirdParty = (entity: number): number => {
    let index = thirdPartyIndex.get(entity);
    if (index === undefined) {
      const { name, company, category } = thirdPartyWeb.entities[entity]!;
      index =
        trackers.push({
          name,
          category: categoryIndex(category),
          company: registry.forThirdPartyName(company),
          source: SOURCE_THIRD_PARTY_WEB,
        }) - 1;
      thirdPartyIndex.set(entity, index);
    }
    return index;
  };

  // TrackerDB first; third-party-web only for hosts that no TrackerDB suffix covers.
  const trackerKeys = new Map<string, number>();
  for (const [host, key] of [...trackerdb.hosts].sort()) trackerKeys.set(host, fromTrackerDb(key));
  let fromThirdPartyWeb = 0;
  for (const [host, entity] of [...thirdPartyWeb.hosts].sort()) {
    if (nearest(trackerdb.hosts, host)) continue;
    trackerKeys.set(host, fromThirdParty(entity));
    fromThirdPartyWeb++;
  }

  const tableKeys = new Map<string, number>();
  for (const row of table.companies) for (const domain of row.domains) tableKeys.set(domain, registry.forRow(row.id));

  // A key that is itself a public suffix (co.uk) would claim every site under it.
  const keys = [...new Set([...trackerKeys.keys(), ...tableKeys.keys()])]
    .filter((key) => getDomain(key, { allowPrivateDomains: false }) !== null)
    .sort();

  const hosts: OwnersFile['hosts'] = { keys: keys.join('\n'), tracker: [], company: [], sources: [] };
  for (const key of keys) {
    const tracked = nearest(trackerKeys, key);
    const listed = nearest(tableKeys, key);
    const tracker = tracked ? trackers[tracked[1]]! : null;
    let company = tracker ? tracker.company : NONE;
    let sources = tracker ? tracker.source : 0;
    // The table corrects upstream on its own domains and everything under them, except where
    // upstream names a more specific host after a different company (a customer's bucket on
    // amazonaws.com, a tracker on cloudfront.net). When upstream names the table company's
    // owner (LinkedIn hosts filed under Microsoft), the table's more precise answer wins.
    if (listed) {
      const moreSpecific = tracked !== null && tracked[0].length > listed[0].length;
      if (!moreSpecific || company === NONE || registry.ownsOrIs(company, listed[1])) {
        company = listed[1];
        sources |= SOURCE_JURISDICTIONS;
      }
    }
    if (company !== NONE) sources |= registry.sourcesOf(company);
    hosts.tracker.push(tracked ? tracked[1] : NONE);
    hosts.company.push(company);
    hosts.sources.push(sources);
  }

  const companies = registry.toColumns();
  const file: OwnersFile = {
    format: OWNERS_FORMAT,
    licence: OWNERS_LICENCE,
    attribution: OWNERS_ATTRIBUTION,
    categories,
    companies,
    trackers: { name: trackers.map((t) => t.name), category: trackers.map((t) => t.category) },
    hosts,
  };
  return {
    file,
    report: {
      keys: keys.length,
      trackers: trackers.length,
      companies: companies.name.length,
      fromThirdPartyWeb,
      unknownOrganizations: registry.unknownOrganizations,
    },
  };
}
