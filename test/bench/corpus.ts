/**
 * A deterministic corpus of realistic requests for the classification benchmark: page visits
 * to made-up and real sites, each sending first-party requests and third-party requests to
 * the hosts people actually meet (popular ones by weight, the long tail drawn from the
 * compiled knowledge, and hosts nobody knows), with realistic paths and query strings, and
 * with server addresses taken from the address ranges of the operator behind each host.
 * Same seed, same corpus.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getPublicSuffix } from 'tldts';
import type { OwnersFile } from '../../src/classify/owners-format.js';
import { ipv6Text, readRanges } from './corpus-addresses.js';
import { CATEGORIES_WEIGHT, FIRST_PARTY_LABELS, pathFor, SUBDOMAINS, TLDS, TYPES, WORDS } from './corpus-paths.js';

export interface CorpusRequest {
  url: string;
  ip: string;
  page: string;
  type: string;
}

interface Shape {
  operators: Record<string, number[]>;
  hosting: [number, number][];
  popular: [string, number][];
  sites: string[];
}

const root = path.resolve(import.meta.dirname, '../..');

/** mulberry32: small, fast, and the same sequence on every machine. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  /** Zipf-like: low indexes far more often, as with site and host popularity. */
  skewed<T>(items: readonly T[]): T {
    return items[Math.floor(items.length * this.next() ** 2.5)]!;
  }
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of table) total += weight;
    let at = this.next() * total;
    for (const [value, weight] of table) if ((at -= weight) < 0) return value;
    return table[table.length - 1]![0];
  }
  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += '0123456789abcdef'[this.int(16)];
    return out;
  }
  alnum(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += 'abcdefghijklmnopqrstuvwxyz0123456789'[this.int(36)];
    return out;
  }
}

export interface Corpus {
  requests: CorpusRequest[];
  pages: number;
  hosts: number;
}

export function buildCorpus(owners: OwnersFile, size: number, seed: number): Corpus {
  const random = new Random(seed);
  const shape = JSON.parse(readFileSync(path.join(root, 'test/fixtures/bench/corpus.json'), 'utf8')) as Shape;
  const asns = new Set([...Object.values(shape.operators).flat(), ...shape.hosting.map(([asn]) => asn)]);
  const ranges = readRanges(root, asns);

  // The compiled knowledge: which company a host suffix belongs to, and a long tail to draw from.
  const keys = owners.hosts.keys.split('\n');
  const companyOf = new Map<string, string>();
  const tail: [string, number][] = [];
  keys.forEach((key, i) => {
    const company = owners.hosts.company[i]!;
    if (company >= 0) companyOf.set(key, owners.companies.name[company]!);
    const tracker = owners.hosts.tracker[i]!;
    const category = tracker >= 0 ? owners.categories[owners.trackers.category[tracker]!]! : null;
    tail.push([key, category ? (CATEGORIES_WEIGHT[category] ?? 1) : 1]);
  });
  const categoryOf = new Map<string, string | null>();
  keys.forEach((key, i) => {
    const tracker = owners.hosts.tracker[i]!;
    categoryOf.set(key, tracker >= 0 ? owners.categories[owners.trackers.category[tracker]!]! : null);
  });
  const nearest = <V>(map: ReadonlyMap<string, V>, host: string): V | undefined => {
    for (let at = host; ;) {
      if (map.has(at)) return map.get(at);
      const dot = at.indexOf('.');
      if (dot < 0) return undefined;
      at = at.slice(dot + 1);
    }
  };

  // Concrete hosts for a knowledge key: a platform suffix gets customers' labels, a bare
  // registrable domain the usual subdomains, a specific host stays as it is. A service uses
  // the same few hosts everywhere, so each key gets up to three, fixed on first use.
  const expansions = new Map<string, string[]>();
  const expandOnce = (key: string): string => {
    if (getPublicSuffix(key, { allowPrivateDomains: true }) === key) {
      if (key === 'cloudfront.net') return `d${random.alnum(13)}.${key}`;
      return `${random.pick(WORDS)}${random.pick(WORDS)}${random.int(100)}.${key}`;
    }
    const labels = key.split('.').length;
    const suffixLabels = (getPublicSuffix(key) ?? '').split('.').length;
    return labels > suffixLabels + 1 ? key : `${random.pick(SUBDOMAINS)}.${key}`;
  };
  const expand = (key: string): string => {
    let hosts = expansions.get(key);
    if (!hosts) expansions.set(key, (hosts = Array.from({ length: 1 + random.int(3) }, () => expandOnce(key))));
    return random.pick(hosts);
  };

  const addresses = new Map<string, string>();
  const addressOf = (host: string): string => {
    let ip = addresses.get(host);
    if (ip) return ip;
    const company = nearest(companyOf, host);
    const own = company ? shape.operators[company] : undefined;
    const asn = own ? random.pick(own) : random.weighted(shape.hosting);
    const range = ranges.get(asn)!;
    if (range.v6.length > 0 && (range.v4.length === 0 || random.next() < 0.25)) {
      const [start, end] = random.pick(range.v6);
      const span = end - start + 1n;
      ip = ipv6Text(start + ((BigInt(random.int(2 ** 31)) * 65_537n) % span));
    } else {
      const [start, end] = random.pick(range.v4);
      const v4 = start + random.int(end - start + 1);
      ip = `${v4 >>> 24}.${(v4 >>> 16) & 255}.${(v4 >>> 8) & 255}.${v4 & 255}`;
    }
    addresses.set(host, ip);
    return ip;
  };

  const made = (): string => `${random.pick(WORDS)}${random.pick(['', '-'])}${random.pick(WORDS)}.${random.weighted(TLDS)}`;
  const sites = Array.from({ length: 1500 }, made);
  const unknownThirdParties = Array.from(
    { length: 3000 },
    () => `${random.pick(['cdn', 'static', 'widget', 'api', 'track', 'ads'])}.${made()}`,
  );
  const popular = shape.popular;

  const requests: CorpusRequest[] = [];
  let pages = 0;
  while (requests.length < size) {
    pages++;
    const siteHost = random.next() < 0.1 ? random.pick(shape.sites) : `www.${random.skewed(sites)}`;
    const site = siteHost.replace(/^www\./, '');
    const page = `https://${siteHost}${random.pick(['/', `/${random.pick(WORDS)}/`, `/${random.pick(WORDS)}/${random.pick(WORDS)}-${random.int(1e6)}.html`, `/article/${random.int(1e7)}?utm_source=${random.pick(['twitter', 'newsletter', 'google'])}`])}`;
    requests.push({ url: page, ip: addressOf(siteHost), page, type: 'main_frame' });
    const count = 10 + Math.floor(random.next() ** 2 * 90);
    for (let i = 0; i < count && requests.length < size; i++) {
      const type = random.weighted(TYPES);
      const roll = random.next();
      let host: string;
      if (roll < 0.33) host = `${random.pick(FIRST_PARTY_LABELS)}.${site}`;
      else if (roll < 0.78) host = random.weighted(popular);
      else if (roll < 0.9) host = expand(random.weighted(tail));
      else if (roll < 0.99) host = random.skewed(unknownThirdParties);
      else host = `${random.alnum(6)}.${made()}`;
      const category = nearest(categoryOf, host) ?? null;
      // Clear text survives on a few small hosts; web sockets are rare.
      const hostHash = host.length * 31 + host.charCodeAt(0);
      const scheme = type === 'websocket' ? (hostHash % 5 === 0 ? 'ws' : 'wss') : hostHash % 47 === 0 ? 'http' : 'https';
      requests.push({ url: `${scheme}://${host}${pathFor(random, category, type, page)}`, ip: addressOf(host), page, type });
    }
  }
  // Requests reach the worker as fresh, flat strings (the browser hands over a new `url` and
  // `ip` with every event), not as the concatenations and shared strings built above; the page
  // URL stays one string per visit, as the capture layer keeps it per tab.
  for (const request of requests) {
    request.url = Buffer.from(request.url).toString();
    request.ip = Buffer.from(request.ip).toString();
  }
  return { requests, pages, hosts: addresses.size };
}
