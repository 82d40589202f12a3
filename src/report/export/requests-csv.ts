/** One CSV row per stored request, with who received it and where the server stood; written in chunks into a Blob. */
import type { UpstreamDb } from '../../store/db.js';
import { decodeRequest, lookups } from '../../store/decode.js';
import type { HostRow, IpRow } from '../../store/schema.js';
import { csvRow } from './csv.js';

const CHUNK = 20_000;

const REQUEST_COLUMNS = [
  'time',
  'page_site',
  'page_url',
  'url',
  'host',
  'domain',
  'company',
  'parent',
  'jurisdiction',
  'prism',
  'tracker',
  'tracker_category',
  'method',
  'type',
  'outcome',
  'status',
  'server_ip',
  'server_country',
  'third_party',
  'cookies',
  'referrer',
  'from_cache',
  'cleartext',
  'recovered',
  'detail',
] as const;

export async function requestsCsv(db: UpstreamDb): Promise<{ blob: Blob; rows: number }> {
  const [hosts, ips, visits] = await Promise.all([db.hosts.toArray(), db.ips.toArray(), db.visits.toArray()]);
  const refs = lookups(hosts, ips, visits);
  const hostById = new Map<number, HostRow>(hosts.map((h) => [h.id!, h]));
  const ipByAddress = new Map<string, IpRow>(ips.map((i) => [i.a, i]));
  const parts: BlobPart[] = [csvRow([...REQUEST_COLUMNS])];
  let after = 0;
  let count = 0;
  for (;;) {
    const rows = await db.requests.where(':id').above(after).limit(CHUNK).toArray();
    if (rows.length === 0) break;
    parts.push(
      rows
        .map((row) => {
          const r = decodeRequest(row, refs);
          const host = hostById.get(row.h);
          const ip = r.ip ? ipByAddress.get(r.ip) : undefined;
          return csvRow([
            new Date(r.time).toISOString(),
            r.pageSite,
            r.pageUrl,
            r.url,
            r.host,
            r.domain,
            host?.company ?? null,
            host?.parent ?? null,
            host?.jurisdiction ?? null,
            host?.prism ?? false,
            host?.tracker?.name ?? null,
            host?.tracker?.category ?? null,
            r.method,
            r.type,
            r.outcome,
            r.status,
            r.ip,
            ip?.country ?? null,
            r.thirdParty,
            r.cookies,
            r.referrer,
            r.fromCache,
            r.cleartext,
            r.recovered,
            r.detail,
          ]);
        })
        .join(''),
    );
    count += rows.length;
    after = rows[rows.length - 1]!.id!;
    if (rows.length < CHUNK) break;
  }
  return { blob: new Blob(parts, { type: 'text/csv' }), rows: count };
}
