/**
 * Recorded requests with who received them. A stored request points at its host and
 * server address; the verdicts (company, jurisdiction, tracker, server country) are kept
 * once per host and per address, not per request, so they are joined here.
 */
import type { StoreSnapshot } from '../read-store.js';
import type { RecordedRequest } from '../../store/decode.js';

export interface UpstreamRequest extends RecordedRequest {
  /** the company that receives requests to this host, when the knowledge names one */
  company: string | null;
  /** its parent company, when known */
  parent: string | null;
  /** ISO country whose law the company (or its parent) answers to: "US", "FR"… */
  jurisdiction: string | null;
  /** a PRISM provider, or a company one of them owns */
  prism: boolean;
  /** the tracker this host is listed as, with its category (advertising, site_analytics, hosting…) */
  tracker: { name: string; category: string } | null;
  /** ISO country of the server's IP address; null when no address was seen (cache, failure, loopback) */
  serverCountry: string | null;
}

export function classifiedRequests(snapshot: StoreSnapshot): UpstreamRequest[] {
  const hosts = new Map(snapshot.hosts.map((host) => [host.name, host]));
  const countries = new Map(snapshot.ips.map((ip) => [ip.address, ip.country]));
  return snapshot.requests
    .map((request): UpstreamRequest => {
      const host = hosts.get(request.host);
      return {
        ...request,
        company: host?.company ?? null,
        parent: host?.parent ?? null,
        jurisdiction: host?.jurisdiction ?? null,
        prism: host?.prism ?? false,
        tracker: host?.tracker ?? null,
        serverCountry: request.ip ? (countries.get(request.ip) ?? null) : null,
      };
    })
    .sort((a, b) => a.time - b.time || a.id - b.id);
}
