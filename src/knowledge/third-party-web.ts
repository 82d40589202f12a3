/**
 * Reads third-party-web's entity list: the fallback for hosts TrackerDB does not know.
 * Its categories are mapped onto TrackerDB's vocabulary by data/categories.json.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { packageInfo, type PackageInfo } from './paths.js';
import { HOST_PATTERN } from './trackerdb.js';

export const THIRD_PARTY_WEB_PACKAGE = 'third-party-web';

interface ThirdPartyEntity {
  name: string;
  /** The company behind the entity; third-party-web leaves it out when it is the entity's own name. */
  company: string;
  /** A TrackerDB category id. */
  category: string;
}

export interface ThirdPartyWeb {
  package: PackageInfo;
  entities: ThirdPartyEntity[];
  /** Host suffix → index into `entities`. */
  hosts: Map<string, number>;
}

interface RawEntity {
  name: string;
  company?: string;
  category: string;
  domains: string[];
}

export async function readThirdPartyWeb(categoryMap: Record<string, string>): Promise<ThirdPartyWeb> {
  const pkg = packageInfo(THIRD_PARTY_WEB_PACKAGE);
  const raw = JSON.parse(await readFile(path.join(pkg.dir, 'dist', 'entities.json'), 'utf8')) as RawEntity[];
  const entities: ThirdPartyEntity[] = [];
  const hosts = new Map<string, number>();
  for (const entity of raw) {
    // Own keys only: a category named "constructor" must be refused, not mapped to Object.
    const category = Object.hasOwn(categoryMap, entity.category) ? categoryMap[entity.category] : undefined;
    if (!category) throw new Error(`third-party-web category "${entity.category}" has no mapping in data/categories.json`);
    const index = entities.push({ name: entity.name.trim(), company: (entity.company ?? entity.name).trim(), category }) - 1;
    for (const domain of entity.domains) {
      // "*.example.com" and "example.com" both stand for the host and everything under it here:
      // the classifier matches the longest known suffix of a request's host.
      const host = domain.toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
      if (HOST_PATTERN.test(host) && !hosts.has(host)) hosts.set(host, index);
    }
  }
  return { package: pkg, entities, hosts };
}
