/**
 * Registrable domains (eTLD+1) from the Public Suffix List table in owners.bin (compiled
 * from tldts's copy of the list, knowledge/public-suffixes.ts), private suffixes included
 * (github.io, cloudfront.net). The rules of https://publicsuffix.org/list/: the longest
 * matching rule wins, an exception rule beats every other, and with no rule the last label
 * is the suffix. Gives the same answers as tldts's getDomain with allowPrivateDomains
 * (test/unit/public-suffix.spec.ts compares them), without its tables in the worker.
 */
import { NONE, PSL_EXCEPTION, PSL_RULE, PSL_WILDCARD } from './owners-format.js';
import { eachSuffix, type SuffixTable } from './suffix-table.js';

export interface PublicSuffixes extends SuffixTable {
  /** Per row, PSL_* flags. */
  readonly flags: Uint8Array;
}

/** Where the public suffix of `host` starts (a lower-case host name, no trailing dot). */
export function publicSuffixStart(table: PublicSuffixes, host: string): number {
  let start = -1;
  let parentFlags = 0;
  let parentFrom = -1;
  eachSuffix(table, host, (from, row) => {
    const flags = row === NONE ? 0 : table.flags[row]!;
    if (flags & PSL_EXCEPTION) {
      start = parentFrom;
      return false;
    }
    if (flags & PSL_RULE || parentFlags & PSL_WILDCARD) start = from;
    parentFlags = flags;
    parentFrom = from;
    return true;
  });
  // The implicit rule "*": the last label.
  return start >= 0 ? start : host.lastIndexOf('.') + 1;
}

/** The registrable domain of a host name, or null when the host is itself a public suffix. */
export function registrableDomain(table: PublicSuffixes, host: string): string | null {
  const start = publicSuffixStart(table, host);
  if (start <= 1) return null;
  return host.slice(host.lastIndexOf('.', start - 2) + 1);
}
