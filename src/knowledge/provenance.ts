/**
 * Provenance of the owner data: which package and version each part came from, under
 * which licence. Every report and export repeats it, so it must be exact.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HOSTING_FILE } from '../classify/ip-format.js';
import { ALTERNATIVE_HOSTS_FILE } from '../classify/alternative-hosts.js';
import { OWNERS_BINARY_FILE, OWNERS_FILE } from '../classify/owners-format.js';
import type { ProvenanceEntry } from './ip-tables.js';
import type { JurisdictionTable } from './jurisdictions.js';
import type { NetworkOperatorTable } from './network-operators.js';
import { OWNERS_LICENCE } from './owners.js';
import { packageInfo, projectRoot } from './paths.js';
import { THIRD_PARTY_WEB_PACKAGE } from './third-party-web.js';
import { TRACKERDB_PACKAGE } from './trackerdb.js';

export const TLDTS_PACKAGE = 'tldts';

function projectPackage(): { name: string; version: string; license?: string } {
  return JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { name: string; version: string; license?: string };
}

/** The network → operator table: which company operates the networks hosting.bin keeps. */
export function networkOperatorProvenance(networks: NetworkOperatorTable): ProvenanceEntry {
  const project = projectPackage();
  return {
    source:
      "Network → operator (the company that operates an AS, joined to the jurisdiction table's company): Upstream's network table (src/knowledge/data/networks.json)",
    package: project.name,
    version: project.version,
    dataDate: networks.updated,
    licence: `${project.license ?? 'MIT'}, Upstream's own data; every row cites its source`,
    files: [HOSTING_FILE],
  };
}

/**
 * The table of the codes CDNs name their points of presence by (country and city of each),
 * bundled with the classifier's code rather than compiled into a file of its own.
 */
export function edgeLocationProvenance(edges: { updated: string }): ProvenanceEntry {
  const project = projectPackage();
  return {
    source:
      "Where a CDN answered from (the point of presence its response headers name → country and city): Upstream's edge table (src/knowledge/data/edge-locations.json)",
    package: project.name,
    version: project.version,
    dataDate: edges.updated,
    licence: `${project.license ?? 'MIT'}, Upstream's own data; cites each CDN's documentation`,
    files: [],
  };
}

export function ownerProvenance(table: JurisdictionTable): ProvenanceEntry[] {
  const trackerdb = packageInfo(TRACKERDB_PACKAGE);
  const thirdPartyWeb = packageInfo(THIRD_PARTY_WEB_PACKAGE);
  const tldts = packageInfo(TLDTS_PACKAGE);
  const project = projectPackage();
  return [
    {
      source: 'Trackers, tracker categories and the organisations behind them: Ghostery TrackerDB',
      package: TRACKERDB_PACKAGE,
      version: trackerdb.version,
      // The package carries no data date; its version is the only identifier.
      dataDate: null,
      licence: `${OWNERS_LICENCE}, © Ghostery GmbH (https://github.com/ghostery/trackerdb); ${OWNERS_FILE} and ${OWNERS_BINARY_FILE} are derived from it and shared under the same licence`,
      files: [OWNERS_FILE, OWNERS_BINARY_FILE],
    },
    {
      source: 'Third-party entities and categories for hosts TrackerDB does not know: third-party-web',
      package: THIRD_PARTY_WEB_PACKAGE,
      version: thirdPartyWeb.version,
      dataDate: null,
      licence: 'MIT, © Patrick Hulce (https://github.com/patrickhulce/third-party-web)',
      files: [OWNERS_FILE, OWNERS_BINARY_FILE],
    },
    {
      source:
        "Owners, countries of incorporation and PRISM providers: Upstream's jurisdiction table (src/knowledge/data/jurisdictions.json)",
      package: project.name,
      version: project.version,
      dataDate: table.updated,
      licence: `${project.license ?? 'MIT'}, Upstream's own data; every row cites its source`,
      files: [OWNERS_FILE, OWNERS_BINARY_FILE, ALTERNATIVE_HOSTS_FILE],
    },
    {
      source: `Registrable domains (eTLD+1, private suffixes included): the Public Suffix List as tldts ships it, compiled into ${OWNERS_BINARY_FILE}`,
      package: TLDTS_PACKAGE,
      version: tldts.version,
      dataDate: null,
      licence: 'MIT (tldts); MPL-2.0 (Public Suffix List, https://publicsuffix.org)',
      files: [OWNERS_BINARY_FILE],
    },
  ];
}
