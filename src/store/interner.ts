import { hostRowOf, ipRowOf, type Classifier } from './classifier.js';
import type { UpstreamDb } from './db.js';
import type { HostRow, IpRow } from './schema.js';
import { urlParts } from './url-parts.js';

/** What a new IP row holds for what its classifier leaves out. */

/**
 * Hosts and IPs are stored once each, with their verdicts; request rows refer to them by id.
 * Keeps a cache of what it has seen; `reset()` after anything deletes hosts or IPs.
 */
export class Interner {
  private hosts = new Map<string, HostRow>();
  private hostIds = new Map<number, HostRow>();
  private ips = new Map<string, IpRow>();
  private ipIds = new Map<number, IpRow>();

  reset(): void {
    this.hosts.clear();
    this.hostIds.clear();
    this.ips.clear();
    this.ipIds.clear();
  }

  /** Makes sure every host and IP of these requests has a row (inside the caller's transaction). */
  async prepare(
    db: UpstreamDb,
    classifier: Classifier,
    requests: { url: string; ip: string | null; /** the URL's host, when the caller parsed it already */ host?: string }[],
  ): Promise<void> {
    const hostNames = new Set<string>();
    const addresses = new Set<string>();
    for (const request of requests) {
      const host = request.host ?? urlParts(request.url)?.host;
      if (host && !this.hosts.has(host)) hostNames.add(host);
      if (request.ip && !this.ips.has(request.ip)) addresses.add(request.ip);
    }
    if (hostNames.size) {
      const names = [...hostNames];
      const found = await db.hosts.where('n').anyOf(names).toArray();
      found.forEach((row) => this.remember(row));
      const missing = names.filter((n) => !this.hosts.has(n)).map((n) => hostRowOf(n, classifier.version, classifier.host(n)));
      if (missing.length) {
        const ids = await db.hosts.bulkAdd(missing, { allKeys: true });
        missing.forEach((row, i) => this.remember({ ...row, id: ids[i] as number }));
      }
    }
    if (addresses.size) {
      const list = [...addresses];
      const found = await db.ips.where('a').anyOf(list).toArray();
      found.forEach((row) => this.rememberIp(row));
      const missing = list.filter((a) => !this.ips.has(a)).map((a) => ipRowOf(a, classifier.version, classifier.ip(a)));
      if (missing.length) {
        const ids = await db.ips.bulkAdd(missing, { allKeys: true });
        missing.forEach((row, i) => this.rememberIp({ ...row, id: ids[i] as number }));
      }
    }
  }

  private remember(row: HostRow): void {
    this.hosts.set(row.n, row);
    this.hostIds.set(row.id!, row);
  }

  private rememberIp(row: IpRow): void {
    this.ips.set(row.a, row);
    this.ipIds.set(row.id!, row);
  }

  host(name: string): HostRow | undefined {
    return this.hosts.get(name);
  }

  hostById(id: number): HostRow | undefined {
    return this.hostIds.get(id);
  }

  ip(address: string): IpRow | undefined {
    return this.ips.get(address);
  }

  ipById(id: number): IpRow | undefined {
    return this.ipIds.get(id);
  }
}
