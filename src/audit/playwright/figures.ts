/**
 * The figures of what one test recorded: who received its requests, as lists a test can
 * assert on, and the report's headline figures over its page visits, computed by the same
 * pure aggregation the popup and the report page use (docs/report-figures.md).
 */
import type { StoreSnapshot } from '../read-store.js';
import { exposureIn, type Exposure } from '../../report/aggregate/exposure.js';
import { slicesOver } from '../../report/aggregate/period.js';
import type { UpstreamRequest } from './classified-requests.js';
import { tracks } from '../../classify/tracking.js';

export interface UpstreamFigures {
  requests: number;
  thirdPartyRequests: number;
  /** registrable domains that received a third-party request, sorted */
  thirdParties: string[];
  /** known companies that received at least one request (first or third party), sorted */
  companies: string[];
  /** of those, the ones under US jurisdiction */
  usCompanies: string[];
  /** of those, PRISM providers and the companies they own */
  prismCompanies: string[];
  /** trackers (by the report's definition, classify/tracking.ts) that received at least one request, with their category */
  trackers: { name: string; category: string }[];
  /** countries where the servers stood (loopback and unknown addresses place nothing) */
  serverCountries: string[];
  /** requests sent over http: or ws: */
  clearText: number;
  /** the report's headline figures (shares of the page visits recorded) */
  exposure: Exposure;
}

const HOUR = 3_600_000;
const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b));

/** The report's figures over every page visit recorded so far (figures are per hour: the range is whole hours). */
function exposureOfSnapshot(snapshot: StoreSnapshot, now: number): Exposure {
  const earliest = Math.min(now, ...snapshot.visits.map((visit) => visit.time));
  const range = { from: Math.floor(earliest / HOUR) * HOUR, to: Math.floor(now / HOUR) * HOUR + HOUR };
  const hosts = new Map(snapshot.hosts.map((host) => [host.id, host]));
  const ips = new Map(snapshot.ips.map((ip) => [ip.id, ip]));
  return exposureIn(range, slicesOver(range), snapshot.visits, hosts, ips);
}

export function figuresOf(requests: readonly UpstreamRequest[], snapshot: StoreSnapshot, now = Date.now()): UpstreamFigures {
  const known = requests.filter((r) => r.company !== null);
  const trackers = new Map<string, { name: string; category: string }>();
  for (const { tracker } of requests) if (tracker && tracks(tracker)) trackers.set(tracker.name, tracker);
  return {
    requests: requests.length,
    thirdPartyRequests: requests.filter((r) => r.thirdParty).length,
    thirdParties: sorted(requests.filter((r) => r.thirdParty).map((r) => r.domain)),
    companies: sorted(known.map((r) => r.company!)),
    usCompanies: sorted(known.filter((r) => r.jurisdiction === 'US').map((r) => r.company!)),
    prismCompanies: sorted(known.filter((r) => r.prism).map((r) => r.company!)),
    trackers: [...trackers.values()].sort((a, b) => a.name.localeCompare(b.name)),
    serverCountries: sorted(requests.flatMap((r) => (r.serverCountry ? [r.serverCountry] : []))),
    clearText: requests.filter((r) => r.cleartext).length,
    exposure: exposureOfSnapshot(snapshot, now),
  };
}
