/**
 * Everything about a request that depends on its host alone (registrable domain, tracker,
 * company, owner, jurisdiction), worked out once per host and memoised: a page sends most
 * of its requests to a handful of hosts, and the public-suffix lookup is the costliest step.
 */
import type { Hosting, Network, Tracker } from './classification.js';
import { groupOf, findRow, keyLength, type OwnerTables } from './owner-tables.js';
import { registrableDomain } from './public-suffix.js';
import { NONE } from './owners-format.js';
import { scanUrl, type UrlScan } from './url-target.js';

export interface HostVerdict {
  readonly host: string;
  readonly domain: string;
  readonly tracker: Tracker | null;
  readonly company: string | null;
  readonly parent: string | null;
  readonly jurisdiction: string | null;
  readonly prism: boolean;
  /** Source bits of the owner verdict. */
  readonly sources: number;
  /**
   * The company group that owns this site, for the same-company rule; NONE when unknown or
   * when the company was found only above the registrable domain (a platform such as
   * github.io or cloudfront.net hosts the site without owning it).
   */
  readonly siteOwner: number;
  /** The host itself when it is an IP literal (brackets removed), for the IP lookups. */
  readonly ip: string | null;
  /**
   * The last server address seen for this host and what it resolved to: a host keeps its
   * address for minutes at a time, so most requests skip the IP table searches.
   */
  lastIp: string | null;
  lastCountry: string | null;
  lastNetwork: Network | null;
  lastHosting: Hosting | null;
}

/** Only canonical dotted quads reach here (url-target.ts sends the rest through URL). */
function isIPv4(host: string): boolean {
  const last = host.charCodeAt(host.length - 1);
  return last >= 48 && last <= 57;
}

export function resolveHost(tables: OwnerTables, host: string): HostVerdict {
  // A trailing dot names the same host (example.com. = example.com).
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  const ipv6 = name.startsWith('[');
  const ip = ipv6 ? name.slice(1, -1) : isIPv4(name) ? name : null;
  // An IP literal has no registrable domain; like the browser's notion of "site", the address is the site.
  const domain = ip !== null ? name : (registrableDomain(tables.suffixes, name) ?? name);
  const row = ip !== null ? NONE : findRow(tables, name);
  const trackerIndex = row === NONE ? NONE : tables.rowTracker[row]!;
  const company = row === NONE ? NONE : tables.rowCompany[row]!;
  const parent = company === NONE ? NONE : tables.companyParent[company]!;
  const ownsSite = row !== NONE && keyLength(tables.hosts, row) >= domain.length;
  return {
    host,
    domain,
    tracker: trackerIndex === NONE ? null : tables.tracker(trackerIndex),
    company: company === NONE ? null : tables.companyName(company),
    parent: parent === NONE ? null : tables.companyName(parent),
    jurisdiction: company === NONE ? null : tables.companyJurisdiction(company),
    prism: company !== NONE && tables.companyPrism[company] === 1,
    sources: row === NONE ? 0 : tables.rowSources[row]!,
    siteOwner: ownsSite ? groupOf(tables, company) : NONE,
    ip,
    lastIp: null,
    lastCountry: null,
    lastNetwork: null,
    lastHosting: null,
  };
}

/** `text` equals url[start, end). startsWith at an offset is a native comparison, no copy. */
function sameText(text: string, url: string, start: number, end: number): boolean {
  return text.length === end - start && url.startsWith(text, start);
}

/**
 * Memo of host verdicts, bounded in two generations: when the current one is full it becomes
 * the previous one and a new one starts; a host found in the previous generation moves back.
 * Memory stays flat in a worker that runs for days, and hosts in use are never dropped at once.
 */
export class HostCache {
  private current = new Map<string, HostVerdict>();
  private previous = new Map<string, HostVerdict>();
  /**
   * Direct-mapped front of the memo, probed with the hash the URL scanner computed, so a
   * request to a known host costs no string at all: compare, hit, done.
   */
  private readonly recent: (HostVerdict | undefined)[];
  private readonly recentMask: number;
  /** The last page URL asked for: a page's requests all name the same page. */
  private pageUrl: string | null = null;
  private pageVerdict: HostVerdict | null = null;

  /**
   * `generation` hosts per generation; `recent` slots in the front (a power of two). The
   * defaults hold at most about 12,000 verdicts (their memory when full: docs/measurements.md,
   * test/bench/classify.bench.ts); a worker rarely meets more than a few hundred hosts.
   */
  constructor(
    private readonly tables: OwnerTables,
    private readonly generation = 4096,
    recent = 4096,
  ) {
    this.recent = new Array<HostVerdict | undefined>(recent).fill(undefined);
    this.recentMask = recent - 1;
  }

  get(host: string): HostVerdict {
    let verdict = this.current.get(host);
    if (verdict !== undefined) return verdict;
    verdict = this.previous.get(host) ?? resolveHost(this.tables, host);
    if (this.current.size >= this.generation) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(host, verdict);
    return verdict;
  }

  /** The verdict for the host of a scanned URL; null when it has none (data:, about:…). */
  lookup(url: string, found: UrlScan): HostVerdict | null {
    if (found.start < 0) return found.host === null ? null : this.get(found.host);
    const { start, end } = found;
    const slot = found.hash & this.recentMask;
    const cached = this.recent[slot];
    if (cached !== undefined && sameText(cached.host, url, start, end)) return cached;
    const verdict = this.get(url.slice(start, end));
    this.recent[slot] = verdict;
    return verdict;
  }

  /** The verdict for a page URL's host; null when the page is absent, has no host, or is not a URL. */
  page(url: string | null | undefined): HostVerdict | null {
    if (!url) return null;
    if (url === this.pageUrl) return this.pageVerdict;
    let verdict: HostVerdict | null = null;
    try {
      verdict = this.lookup(url, scanUrl(url));
    } catch {
      // A broken page URL must not cost the request its classification.
    }
    this.pageUrl = url;
    this.pageVerdict = verdict;
    return verdict;
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }

  clear(): void {
    this.recent.fill(undefined);
    this.current.clear();
    this.previous.clear();
    this.pageUrl = null;
    this.pageVerdict = null;
  }
}
