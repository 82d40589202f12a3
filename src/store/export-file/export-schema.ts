/**
 * The export's schema (valibot): what an imported file must look like before anything of
 * it is used. Files come from anywhere, so every string has a bound and a shape, every
 * number a range, every list a size, and every id must point at a row of the same file.
 */
import * as v from 'valibot';
import { edgeFromText } from '../../classify/edge-headers.js';
import { isCountryCode } from '../../shared/countries.js';
import { METHODS, OUTCOMES, SCHEMES, TYPES } from '../schema.js';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportFile } from './export-format.js';

const MAX_ROWS = 5_000_000;
const id = v.pipe(v.number(), v.integer(), v.minValue(-(2 ** 31)), v.maxValue(2 ** 53));
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 40));
const time = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const hostName = v.pipe(v.string(), v.minLength(1), v.maxLength(255), v.regex(/^[a-z0-9._:[\]-]+$/i, 'a host name'));
const site = v.pipe(v.string(), v.maxLength(255), v.regex(/^[a-z0-9._:[\]-]*$/i, 'a site name'));
const country = v.nullable(v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'a two-letter country code')));
const list = <T extends v.GenericSchema>(item: T) => v.pipe(v.array(item), v.maxLength(MAX_ROWS));

const hostSchema = v.object({
  id,
  name: hostName,
  domain: hostName,
  company: v.nullable(text(200)),
  parent: v.nullable(text(200)),
  jurisdiction: country,
  prism: v.boolean(),
  tracker: v.nullable(v.object({ name: text(200), category: v.pipe(v.string(), v.regex(/^[a-z_]{1,40}$/, 'a category id')) })),
  // Absent in files written before CNAME uncloaking; an import classifies hosts again and keeps none of them.
  canonicalName: v.optional(v.nullable(hostName)),
  cloaked: v.optional(v.boolean()),
  trackerNetwork: v.optional(v.nullable(text(200))),
});
const ipSchema = v.object({
  id,
  address: v.pipe(v.string(), v.maxLength(64), v.regex(/^[0-9a-f.:]+$/i, 'an IP address')),
  country,
  asn: v.nullable(count),
  network: v.nullable(text(300)),
  // Absent in files written before the hosting operator was recorded.
  operator: v.optional(v.nullable(text(200))),
  operatorJurisdiction: v.optional(country),
  // Absent in files written before the geolocation was recorded; an import locates addresses again.
  geoCountry: v.optional(country),
  anycast: v.optional(v.boolean()),
});
const visitSchema = v.object({
  id,
  time,
  url: text(4096),
  site,
  host: id,
  shown: v.boolean(),
  prerender: v.boolean(),
  inferred: v.boolean(),
  hosts: v.pipe(v.array(id), v.maxLength(100_000)),
  ips: v.pipe(v.array(id), v.maxLength(100_000)),
  requests: count,
  clearText: count,
  // Files written before they were noted have neither.
  answered: v.optional(v.pipe(v.array(v.custom<string>(isCountryCode, 'a country code')), v.maxLength(300)), []),
  unlocated: v.optional(count, 0),
});
const requestSchema = v.object({
  time,
  visit: v.nullable(id),
  pageSite: v.nullable(site),
  frame: v.pipe(v.number(), v.integer()),
  host: id,
  scheme: v.picklist(SCHEMES),
  path: text(2048),
  query: v.nullable(text(4096)),
  method: v.picklist(METHODS),
  type: v.picklist(TYPES),
  outcome: v.picklist(OUTCOMES),
  status: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(999))),
  ip: v.nullable(id),
  thirdParty: v.boolean(),
  cookies: v.nullable(v.boolean()),
  referrer: v.nullable(v.boolean()),
  fromCache: v.boolean(),
  cleartext: v.boolean(),
  recovered: v.boolean(),
  unverified: v.optional(v.boolean(), false),
  detail: v.nullable(text(1000)),
  edge: v.optional(v.nullable(v.custom<string>((value) => edgeFromText(value) !== null, 'a CDN point of presence (cdn:POP)')), null),
  location: v.optional(
    v.nullable(
      v.object({
        country: v.custom<string>(isCountryCode, 'a country code'),
        city: v.nullable(text(100)),
        evidence: v.picklist(['cdn-header', 'geolocation', 'registry']),
      }),
    ),
    null,
  ),
});
const dailySchema = v.object({
  day: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'a day (YYYY-MM-DD)')),
  site,
  host: id,
  requests: count,
  clear: count,
  cookies: count,
  referrer: count,
  failed: count,
  // Files written before it was counted have none.
  blocked: v.optional(count, 0),
});

const auditPageSchema = v.object({
  index: count,
  url: text(4096),
  finalUrl: v.nullable(text(4096)),
  site: v.nullable(site),
  outcome: v.picklist(['loaded', 'failed']),
  error: v.nullable(text(1000)),
  links: v.pipe(v.array(text(4096)), v.maxLength(1000)),
  visits: v.pipe(v.array(id), v.maxLength(100_000)),
});
const auditSchema = v.object({
  browser: v.object({ name: v.picklist(['chromium', 'firefox']), version: text(100) }),
  startedAt: v.pipe(v.string(), v.isoTimestamp()),
  finishedAt: v.pipe(v.string(), v.isoTimestamp()),
  demo: v.boolean(),
  dwellMs: count,
  pagesPerSite: count,
  listSize: count,
  shard: v.nullable(v.object({ index: count, count })),
  pages: v.pipe(v.array(auditPageSchema), v.maxLength(1_000_000)),
});

export const exportSchema = v.object({
  format: v.literal(EXPORT_FORMAT),
  version: v.literal(EXPORT_VERSION),
  exportedAt: v.pipe(v.string(), v.isoTimestamp()),
  extension: v.object({ name: text(100), version: text(50) }),
  contains: text(2000),
  includesQueryStrings: v.boolean(),
  knowledge: v.pipe(v.array(v.object({ package: text(200), version: text(100), licence: text(200) })), v.maxLength(50)),
  hosts: list(hostSchema),
  ips: list(ipSchema),
  visits: list(visitSchema),
  requests: list(requestSchema),
  daily: list(dailySchema),
  audit: v.optional(auditSchema),
});

/** Ids that point nowhere, as a readable complaint, or null when every reference holds. */
export function brokenReference(file: ExportFile): string | null {
  const hosts = new Set(file.hosts.map((h) => h.id));
  const ips = new Set(file.ips.map((i) => i.id));
  const visits = new Set(file.visits.map((x) => x.id));
  for (const [i, x] of file.visits.entries()) {
    if (!hosts.has(x.host) || x.hosts.some((h) => !hosts.has(h))) return `visits[${i}] names a host the file does not hold`;
    if (x.ips.some((a) => !ips.has(a))) return `visits[${i}] names a server address the file does not hold`;
  }
  for (const [i, r] of file.requests.entries()) {
    if (!hosts.has(r.host)) return `requests[${i}] names a host the file does not hold`;
    if (r.ip !== null && !ips.has(r.ip)) return `requests[${i}] names a server address the file does not hold`;
    if (r.visit !== null && !visits.has(r.visit)) return `requests[${i}] names a page visit the file does not hold`;
  }
  for (const [i, d] of file.daily.entries()) if (!hosts.has(d.host)) return `daily[${i}] names a host the file does not hold`;
  for (const [i, p] of (file.audit?.pages ?? []).entries())
    if (p.visits.some((x) => !visits.has(x))) return `audit.pages[${i}] names a page visit the file does not hold`;
  return null;
}
