/**
 * Shapes of the compiled host → tracker → company → parent → jurisdiction table: `owners.json`,
 * the readable form the compiler builds (knowledge/owners.ts) and tools and benchmarks read,
 * and `owners.bin`, the form the classifier loads (knowledge/owners-binary.ts writes it from
 * the JSON, classify/owner-tables.ts reads it). Shared here so the two sides cannot drift apart.
 */

export const OWNERS_FILE = 'owners.json';
export const PROVENANCE_FILE = 'provenance.json';
export const OWNERS_FORMAT = 1;

/**
 * The same table in the binary form the classifier loads (knowledge/owners-binary.ts writes
 * it, classify/owner-tables.ts reads it): typed-array sections and a host hash table the
 * compiler builds, so a worker start builds nothing. It also carries the provenance, so
 * the core knowledge is this one file.
 */
export const OWNERS_BINARY_FILE = 'owners.bin';
/** "UPOW" read as a little-endian u32. */
export const OWNERS_BINARY_MAGIC = 0x574f5055;
export const OWNERS_BINARY_FORMAT = 2;

/** Flags of an entry of the public-suffix table in owners.bin (classify/public-suffix.ts). */
export const PSL_RULE = 1;
/** `*.<suffix>` is a rule: every label under it is a public suffix. */
export const PSL_WILDCARD = 2;
/** `!<suffix>` is a rule: an exception to the wildcard above it. */
export const PSL_EXCEPTION = 4;

/**
 * FNV-1a over a host suffix's characters taken from the last to the first, so that one
 * right-to-left pass over a host yields the hash of each of its suffixes in turn.
 */
export const SUFFIX_HASH_SEED = 0x811c9dc5;
export function suffixHashStep(hash: number, charCode: number): number {
  return Math.imul(hash ^ charCode, 0x01000193);
}
export function suffixHash(suffix: string): number {
  let hash = SUFFIX_HASH_SEED;
  for (let i = suffix.length - 1; i >= 0; i--) hash = suffixHashStep(hash, suffix.charCodeAt(i));
  return hash >>> 0;
}

/**
 * The data sets a verdict can come from, as bits. The order is the order in which
 * `sources` lists them in a classification.
 */
export const SOURCE_NAMES = ['trackerdb', 'third-party-web', 'jurisdictions', 'ip-location-db', 'networks'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];
export const SOURCE_TRACKERDB = 1;
export const SOURCE_THIRD_PARTY_WEB = 2;
export const SOURCE_JURISDICTIONS = 4;
export const SOURCE_IP = 8;
/** Upstream's network → operator table (knowledge/data/networks.json): the hosting operator's company. */
export const SOURCE_NETWORKS = 16;

/** -1 in an index column: none. */
export const NONE = -1;

export interface OwnersFile {
  format: typeof OWNERS_FORMAT;
  /** Licence of this derived file (that of its most restrictive source) and its credits. */
  licence: string;
  attribution: string;
  /** Tracker category ids (Ghostery TrackerDB's vocabulary). */
  categories: string[];
  companies: {
    name: string[];
    /** Country of incorporation as the data says, before any inheritance. */
    country: (string | null)[];
    /** Index of the top of the ownership chain, or NONE when the company is the top. */
    parent: number[];
    /** Own country, else the nearest owner's; null when nobody knows. */
    jurisdiction: (string | null)[];
    /** 1 when the company or one of its owners is on the PRISM slide. */
    prism: number[];
    /** Source bits of the company's name, owner, country and PRISM flag. */
    sources: number[];
    /** Citation from the jurisdiction table, when the company has a row there. */
    url: (string | null)[];
  };
  trackers: {
    name: string[];
    /** Index into `categories`. */
    category: number[];
  };
  hosts: {
    /** Host suffixes, newline-joined; a request host matches its longest listed suffix. */
    keys: string;
    /** Per key: index into `trackers`, or NONE. */
    tracker: number[];
    /** Per key: index into `companies`, or NONE. */
    company: number[];
    /** Per key: source bits of the tracker and company verdict for this key. */
    sources: number[];
  };
}

/** Which data went into a compiled knowledge file; shown in every report and export. */
export interface ProvenanceEntry {
  source: string;
  package: string;
  version: string;
  dataDate: string | null;
  licence: string;
  files: string[];
}

/** What `provenance.json` holds: one entry per data set that went into the knowledge. */
export interface ProvenanceFile {
  format: 1;
  sources: ProvenanceEntry[];
}
