/** One CSV row per stored request, with who received it and where the server stood; written in chunks into a Blob. */
import type { UpstreamDb } from '../../store/db.js';
import { requestChunks } from '../../store/request-chunks.js';
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
  const parts: BlobPart[] = [csvRow([...REQUEST_COLUMNS])];
  let count = 0;
  for await (const chunk of requestChunks(db, CHUNK)) {
    parts.push(
      chunk
        .map(({ request: r, receiver: host, server: ip }) => {
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
    count += chunk.length;
  }
  return { blob: new Blob(parts, { type: 'text/csv' }), rows: count };
}
