/**
 * The audit's report.json: everything the audit browser recorded, written in the report
 * page's export format by the same row functions, plus the audit's own record.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserPage } from '../extension-browser.js';
import { flushWorker, readTables } from '../read-store.js';
import { exportHeader } from '../../report/export/export-json.js';
import { exportDaily, exportHost, exportIp, exportRequest, exportVisit } from '../../store/export-file/export-rows.js';
import type { ExportedAudit, ExportFile } from '../../store/export-file/export-format.js';
import type { TargetResult } from './audit-target.js';

interface BuildInfo {
  version: string;
  knowledge: ExportFile['knowledge'];
}

/** Version and data sources of the build that ran, from its own files. */
export async function buildInfo(extensionDir: string): Promise<BuildInfo> {
  const manifest = JSON.parse(await readFile(path.join(extensionDir, 'manifest.json'), 'utf8')) as { version: string };
  const provenance = JSON.parse(await readFile(path.join(extensionDir, 'knowledge', 'provenance.json'), 'utf8')) as {
    sources: { package: string; version: string; licence: string }[];
  };
  return {
    version: manifest.version,
    knowledge: provenance.sources.map((s) => ({ package: s.package, version: s.version, licence: s.licence })),
  };
}

/** Page visits whose start fell within an address's window belong to it (the audit visits one address at a time). */
function auditPages(results: readonly TargetResult[], visits: readonly { id: number; time: number }[]): ExportedAudit['pages'] {
  return results.map((r) => ({
    index: r.listed.index,
    url: r.listed.url,
    finalUrl: r.finalUrl,
    site: r.site,
    outcome: r.outcome,
    error: r.error,
    links: r.links,
    visits: visits.filter((x) => x.time >= r.window.from && x.time <= r.window.to).map((x) => x.id),
  }));
}

export async function snapshotExport(
  reader: BrowserPage,
  build: BuildInfo,
  audit: Omit<ExportedAudit, 'pages'>,
  results: readonly TargetResult[],
): Promise<ExportFile> {
  await flushWorker(reader);
  const { hosts, ips, visits, requests, daily } = await readTables(reader);
  const exportedVisits = visits.map(exportVisit);
  const exportedIps = ips.map(exportIp);
  const ipPlaces = new Map(exportedIps.map((ip) => [ip.id, ip]));
  return {
    ...exportHeader(build.version, build.knowledge, false),
    hosts: hosts.map(exportHost),
    ips: exportedIps,
    visits: exportedVisits,
    requests: requests.map((row) => exportRequest(row, (id) => ipPlaces.get(id))),
    daily: daily.map(exportDaily),
    audit: { ...audit, pages: auditPages(results, exportedVisits) },
  };
}
