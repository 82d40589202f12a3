/**
 * One list of companies out of three sources. A company named by the jurisdiction table,
 * by TrackerDB and by third-party-web must come out as one company, or the same-company
 * rule and the "top observer" figure would split it; names are matched through the table's
 * explicit TrackerDB ids and aliases and a normalised name key (names.ts).
 */
import { NONE, SOURCE_JURISDICTIONS, SOURCE_THIRD_PARTY_WEB, SOURCE_TRACKERDB, type OwnersFile } from '../classify/owners-format.js';
import type { JurisdictionTable } from './jurisdictions.js';
import { nameKey } from './names.js';
import type { UpstreamOrganization } from './trackerdb.js';

interface Company {
  name: string;
  country: string | null;
  /** Immediate owner, or NONE. Only table rows have owners: upstream data names none. */
  owner: number;
  prism: boolean;
  sources: number;
  url: string | null;
}

export class CompanyRegistry {
  private readonly companies: Company[] = [];
  private readonly byName = new Map<string, number>();
  private readonly byOrganization = new Map<string, number>();
  private readonly byRow = new Map<string, number>();
  /** TrackerDB ids the table claims but TrackerDB does not have: worth a warning. */
  readonly unknownOrganizations: string[] = [];

  constructor(table: JurisdictionTable, organizations: ReadonlyMap<string, UpstreamOrganization>) {
    for (const row of table.companies) {
      const index =
        this.companies.push({
          name: row.name,
          country: row.country,
          owner: NONE,
          prism: row.prism,
          sources: SOURCE_JURISDICTIONS,
          url: row.source,
        }) - 1;
      this.byRow.set(row.id, index);
      for (const name of [row.name, ...row.aliases]) this.claimName(name, index, row.id);
      for (const id of row.trackerdb) {
        if (!organizations.has(id)) this.unknownOrganizations.push(`${row.id}: ${id}`);
        this.byOrganization.set(id, index);
      }
    }
    for (const row of table.companies) {
      if (row.parent) this.companies[this.byRow.get(row.id)!]!.owner = this.byRow.get(row.parent)!;
    }
  }

  private claimName(name: string, index: number, rowId: string): void {
    const key = nameKey(name);
    const other = this.byName.get(key);
    if (other !== undefined && other !== index) {
      throw new Error(`jurisdiction table: name "${name}" of ${rowId} is also ${this.companies[other]!.name}`);
    }
    this.byName.set(key, index);
  }

  /** The company of a jurisdiction-table row. */
  forRow(id: string): number {
    const index = this.byRow.get(id);
    if (index === undefined) throw new Error(`jurisdiction table: no row "${id}"`);
    return index;
  }

  /** The company behind a TrackerDB organisation: its table row when there is one. */
  forOrganization(org: UpstreamOrganization): number {
    let index = this.byOrganization.get(org.id) ?? this.byName.get(nameKey(org.name)) ?? this.byName.get(nameKey(org.id));
    if (index === undefined) {
      index =
        this.companies.push({ name: org.name, country: org.country, owner: NONE, prism: false, sources: SOURCE_TRACKERDB, url: null }) - 1;
      this.byName.set(nameKey(org.name), index);
    }
    this.byOrganization.set(org.id, index);
    return index;
  }

  /** The company behind a third-party-web entity, which carries a name and nothing else. */
  forThirdPartyName(name: string): number {
    const key = nameKey(name);
    let index = this.byName.get(key);
    if (index === undefined) {
      index = this.companies.push({ name, country: null, owner: NONE, prism: false, sources: SOURCE_THIRD_PARTY_WEB, url: null }) - 1;
      this.byName.set(key, index);
    }
    return index;
  }

  /** True when `owner` is `company` or owns it, directly or not. */
  ownsOrIs(owner: number, company: number): boolean {
    for (let at = company; at !== NONE; at = this.companies[at]!.owner) if (at === owner) return true;
    return false;
  }

  /** Index of the company at the top of `company`'s ownership chain (itself when it has no owner). */
  top(company: number): number {
    let at = company;
    while (this.companies[at]!.owner !== NONE) at = this.companies[at]!.owner;
    return at;
  }

  sourcesOf(company: number): number {
    let bits = 0;
    for (let at = company; at !== NONE; at = this.companies[at]!.owner) bits |= this.companies[at]!.sources;
    return bits;
  }

  /**
   * The companies column of owners.json. Jurisdiction is the company's own country of
   * incorporation, else its nearest owner's: a US company owned from abroad (AOL) stays
   * reachable by US law itself, so its own country decides. PRISM is inherited downwards:
   * a company a PRISM provider owns is in PRISM reach.
   */
  toColumns(): OwnersFile['companies'] {
    const columns: OwnersFile['companies'] = { name: [], country: [], parent: [], jurisdiction: [], prism: [], sources: [], url: [] };
    this.companies.forEach((company, index) => {
      let jurisdiction: string | null = null;
      let prism = false;
      for (let at = index; at !== NONE; at = this.companies[at]!.owner) {
        jurisdiction ??= this.companies[at]!.country;
        prism ||= this.companies[at]!.prism;
      }
      const top = this.top(index);
      columns.name.push(company.name);
      columns.country.push(company.country);
      columns.parent.push(top === index ? NONE : top);
      columns.jurisdiction.push(jurisdiction);
      columns.prism.push(prism ? 1 : 0);
      columns.sources.push(this.sourcesOf(index));
      columns.url.push(company.url);
    });
    return columns;
  }
}
