/**
 * owners.json in memory: one Map from host suffix to a row, and typed-array columns for the
 * rest. Built once per worker start; lookups allocate nothing but the suffix strings.
 */
import type { Tracker } from './classification.js';
import { NONE, OWNERS_FORMAT, type OwnersFile } from './owners-format.js';

export interface OwnerTables {
  /** Host suffix → row. */
  readonly rows: ReadonlyMap<string, number>;
  /** Per row: length of the suffix, to tell a site's own host from a platform it sits on. */
  readonly rowKeyLength: Uint16Array;
  readonly rowTracker: Int32Array;
  readonly rowCompany: Int32Array;
  readonly rowSources: Uint8Array;
  /** Frozen, shared by every classification that names the tracker. */
  readonly trackers: readonly Tracker[];
  readonly companyName: readonly string[];
  /** Top of the ownership chain, or NONE. */
  readonly companyParent: Int32Array;
  readonly companyJurisdiction: readonly (string | null)[];
  readonly companyPrism: Uint8Array;
  readonly companySources: Uint8Array;
  /** The jurisdiction table's citation for the company, when it has a row there. */
  readonly companyUrl: readonly (string | null)[];
  readonly licence: string;
  readonly attribution: string;
}

export function parseOwners(file: OwnersFile): OwnerTables {
  if (file.format !== OWNERS_FORMAT) throw new Error(`owners.json: format ${String(file.format)}, expected ${OWNERS_FORMAT}`);
  const keys = file.hosts.keys === '' ? [] : file.hosts.keys.split('\n');
  const rows = new Map<string, number>();
  const rowKeyLength = new Uint16Array(keys.length);
  keys.forEach((key, row) => {
    rows.set(key, row);
    rowKeyLength[row] = key.length;
  });
  const trackers = file.trackers.name.map((name, i) =>
    Object.freeze({ name, category: file.categories[file.trackers.category[i]!] ?? 'misc' }),
  );
  return {
    rows,
    rowKeyLength,
    rowTracker: Int32Array.from(file.hosts.tracker),
    rowCompany: Int32Array.from(file.hosts.company),
    rowSources: Uint8Array.from(file.hosts.sources),
    trackers,
    companyName: file.companies.name,
    companyParent: Int32Array.from(file.companies.parent),
    companyJurisdiction: file.companies.jurisdiction,
    companyPrism: Uint8Array.from(file.companies.prism),
    companySources: Uint8Array.from(file.companies.sources),
    companyUrl: file.companies.url,
    licence: file.licence,
    attribution: file.attribution,
  };
}

/**
 * The row of the longest known suffix of `host`, or NONE. Walks past the registrable domain
 * on purpose: `abc.github.io` is its own site, but GitHub still receives the request.
 * Stops before single labels, which are never keys.
 */
export function findRow(tables: OwnerTables, host: string): number {
  let at = host;
  for (;;) {
    const row = tables.rows.get(at);
    if (row !== undefined) return row;
    const dot = at.indexOf('.');
    if (dot < 0 || at.indexOf('.', dot + 1) < 0) return NONE;
    at = at.slice(dot + 1);
  }
}

/** The company that stands for `company` when comparing owners: its top owner, else itself. */
export function groupOf(tables: OwnerTables, company: number): number {
  if (company === NONE) return NONE;
  const parent = tables.companyParent[company]!;
  return parent === NONE ? company : parent;
}
