/**
 * owners.bin in memory (written by knowledge/owners-binary.ts, same section order): views on
 * the file's buffer. Nothing is built or decoded per host, company or tracker at load
 * time, so a worker start pays for the file's bytes and little else; names and tracker
 * objects are made on first use. Lookups allocate nothing.
 */
import type { Tracker } from './classification.js';
import { NONE, OWNERS_BINARY_FORMAT, OWNERS_BINARY_MAGIC, type ProvenanceFile } from './owners-format.js';
import type { PublicSuffixes } from './public-suffix.js';
import { eachSuffix, keyLength, type SuffixTable } from './suffix-table.js';

export { keyLength };

export interface OwnerTables {
  /** The host suffixes that have an owner or a tracker; a row per suffix. */
  readonly hosts: SuffixTable;
  readonly rowTracker: Int16Array;
  readonly rowCompany: Int16Array;
  readonly rowSources: Uint8Array;
  /** Decoded on first use and kept: a worker names a few hundred companies, not thousands. */
  companyName(company: number): string;
  /** Top of the ownership chain, or NONE. */
  readonly companyParent: Int16Array;
  readonly companyPrism: Uint8Array;
  /** Own country, else the nearest owner's; null when nobody knows. */
  companyJurisdiction(company: number): string | null;
  /** Frozen and made once, shared by every classification that names the tracker. */
  tracker(index: number): Tracker;
  /** The Public Suffix List, for registrable domains. */
  readonly suffixes: PublicSuffixes;
  readonly licence: string;
  readonly attribution: string;
  readonly provenance: ProvenanceFile;
}

/** Reads the sections of owners.bin in order. */
class Reader {
  private at = 8;
  private readonly view: DataView;
  private readonly text = new TextDecoder();

  constructor(private readonly buffer: ArrayBuffer) {
    this.view = new DataView(buffer);
    const magic = this.view.getUint32(0, true);
    const format = this.view.getUint32(4, true);
    if (magic !== OWNERS_BINARY_MAGIC || format !== OWNERS_BINARY_FORMAT) {
      throw new Error(`owners.bin: not an owners table of format ${OWNERS_BINARY_FORMAT} (magic ${magic.toString(16)}, format ${format})`);
    }
  }

  private section(): [offset: number, length: number] {
    const length = this.view.getUint32(this.at, true);
    const offset = this.at + 4;
    if (offset + length > this.buffer.byteLength) throw new Error('owners.bin: truncated');
    this.at = offset + length + ((4 - (length % 4)) % 4);
    return [offset, length];
  }

  string(): string {
    const [offset, length] = this.section();
    return this.text.decode(new Uint8Array(this.buffer, offset, length));
  }

  lines(): string[] {
    const text = this.string();
    return text === '' ? [] : text.split('\n');
  }

  u8(): Uint8Array {
    const [offset, length] = this.section();
    return new Uint8Array(this.buffer, offset, length);
  }

  i16(): Int16Array {
    const [offset, length] = this.section();
    return new Int16Array(this.buffer, offset, length / 2);
  }

  u32(): Uint32Array {
    const [offset, length] = this.section();
    return new Uint32Array(this.buffer, offset, length / 4);
  }

  /** Names decoded one by one when first asked for, then kept. */
  names(): (index: number) => string {
    const bytes = this.u8();
    const start = this.u32();
    const decoded: (string | undefined)[] = new Array<string | undefined>(start.length - 1);
    return (i) => (decoded[i] ??= this.text.decode(bytes.subarray(start[i], start[i + 1]! - 1)));
  }

  suffixTable(): SuffixTable {
    const table = { keys: this.u8(), keyStart: this.u32(), slots: this.i16() };
    if ((table.slots.length & (table.slots.length - 1)) !== 0) throw new Error('owners.bin: a hash table size is not a power of two');
    return table;
  }
}

export function parseOwners(buffer: ArrayBuffer): OwnerTables {
  const read = new Reader(buffer);
  const licence = read.string();
  const attribution = read.string();
  const provenance = JSON.parse(read.string()) as ProvenanceFile;
  const hosts = read.suffixTable();
  const rowTracker = read.i16();
  const rowCompany = read.i16();
  const rowSources = read.u8();
  const categories = read.lines();
  const trackerName = read.names();
  const trackerCategory = read.u8();
  const companyName = read.names();
  const companyParent = read.i16();
  const companyPrism = read.u8();
  const codes = read.lines();
  const jurisdiction = read.u8();
  const suffixes = { ...read.suffixTable(), flags: read.u8() };
  if (hosts.keyStart.length !== rowTracker.length + 1 || suffixes.keyStart.length !== suffixes.flags.length + 1)
    throw new Error('owners.bin: inconsistent sections');
  const trackers: (Tracker | undefined)[] = [];
  return {
    hosts,
    rowTracker,
    rowCompany,
    rowSources,
    companyName,
    companyParent,
    companyPrism,
    companyJurisdiction: (company) => codes[jurisdiction[company]!] ?? null,
    tracker: (index) =>
      (trackers[index] ??= Object.freeze({ name: trackerName(index), category: categories[trackerCategory[index]!] ?? 'misc' })),
    suffixes,
    licence,
    attribution,
    provenance,
  };
}

/**
 * The row of the longest known suffix of `host`, or NONE. Walks past the registrable domain
 * on purpose: `abc.github.io` is its own site, but GitHub still receives the request.
 */
export function findRow(tables: OwnerTables, host: string): number {
  let found = NONE;
  eachSuffix(tables.hosts, host, (_, row) => {
    if (row !== NONE) found = row;
  });
  return found;
}

/** The company that stands for `company` when comparing owners: its top owner, else itself. */
export function groupOf(tables: OwnerTables, company: number): number {
  if (company === NONE) return NONE;
  const parent = tables.companyParent[company]!;
  return parent === NONE ? company : parent;
}
