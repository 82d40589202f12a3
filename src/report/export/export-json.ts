/**
 * Writes the complete JSON export as a Blob, table by table and in chunks, so that a
 * million requests never sit in memory as one string (nor as one array of objects).
 */
import type { UpstreamDb } from '../../store/db.js';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportedIp, type ExportFile } from '../../store/export-file/export-format.js';
import { exportDaily, exportHost, exportIp, exportRequest, exportVisit } from '../../store/export-file/export-rows.js';

const CHUNK = 20_000;

export type ExportHeader = Omit<ExportFile, 'hosts' | 'ips' | 'visits' | 'requests' | 'daily'>;

export function exportHeader(
  extensionVersion: string,
  knowledge: ExportFile['knowledge'],
  includesQueryStrings: boolean,
  now = new Date(),
): ExportHeader {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    extension: { name: 'Upstream', version: extensionVersion },
    contains:
      'Everything Upstream recorded in this browser: page visits (page addresses without query strings unless kept by setting), ' +
      'every request with its receiver, outcome and flags, the hosts and server addresses with their classification, and daily summaries. ' +
      'No settings, nothing from private windows. It is a browsing history: share it only with people you trust.',
    includesQueryStrings,
    knowledge,
  };
}

/** Every row of a table in primary-key order, `CHUNK` at a time, as JSON texts joined by commas. */
async function tableParts<Row>(
  read: (after: unknown) => Promise<Row[]>,
  keyOf: (row: Row) => unknown,
  write: (row: Row) => unknown,
  parts: BlobPart[],
): Promise<number> {
  let after: unknown = undefined;
  let count = 0;
  for (;;) {
    const rows = await read(after);
    if (rows.length === 0) break;
    parts.push((count ? ',' : '') + rows.map((row) => JSON.stringify(write(row))).join(','));
    count += rows.length;
    after = keyOf(rows[rows.length - 1]!);
    if (rows.length < CHUNK) break;
  }
  return count;
}

export async function exportJson(db: UpstreamDb, header: ExportHeader): Promise<{ blob: Blob; counts: Record<string, number> }> {
  const head = JSON.stringify(header);
  const parts: BlobPart[] = [head.slice(0, -1)];
  const counts: Record<string, number> = {};
  const section = async <Row>(
    name: string,
    read: (after: unknown) => Promise<Row[]>,
    keyOf: (row: Row) => unknown,
    write: (row: Row) => unknown,
  ) => {
    parts.push(`,${JSON.stringify(name)}:[`);
    counts[name] = await tableParts(read, keyOf, write, parts);
    parts.push(']');
  };
  const byId =
    <Row extends { id?: number }>(table: {
      where(index: string): { above(key: number): { limit(n: number): { toArray(): Promise<Row[]> } } };
    }) =>
    (after: unknown) =>
      table
        .where(':id')
        .above((after as number | undefined) ?? -Infinity)
        .limit(CHUNK)
        .toArray();
  await section('hosts', byId(db.hosts), (r) => r.id, exportHost);
  const ipPlaces = new Map<number, ExportedIp>();
  await section(
    'ips',
    byId(db.ips),
    (r) => r.id,
    (row: Parameters<typeof exportIp>[0]) => {
      const exported = exportIp(row);
      ipPlaces.set(exported.id, exported);
      return exported;
    },
  );
  await section('visits', byId(db.visits), (r) => r.id, exportVisit);
  await section(
    'requests',
    byId(db.requests),
    (r) => r.id,
    (row: Parameters<typeof exportRequest>[0]) => exportRequest(row, (id) => ipPlaces.get(id)),
  );
  await section(
    'daily',
    (after) => (after === undefined ? db.daily.orderBy(':id') : db.daily.where(':id').above(after)).limit(CHUNK).toArray(),
    (r) => [r.day, r.site, r.host],
    exportDaily,
  );
  parts.push('}');
  return { blob: new Blob(parts, { type: 'application/json' }), counts };
}
