/**
 * Several exports as one (pure): the shards of an audit, or the records of two browsers.
 * Rows are matched on what they are, never on ids (ids only tie rows of one file together):
 * hosts by name, server addresses by address, page visits by start time and address,
 * requests by everything they hold. What was already there is not added twice, so a file
 * merged a second time changes nothing.
 */
import type {
  ExportedAudit,
  ExportedDaily,
  ExportedHost,
  ExportedIp,
  ExportedRequest,
  ExportedVisit,
  ExportFile,
} from '../../store/export-file/export-format.js';
import { dailyMerge, noteEvidence, type Evidence } from '../../store/export-file/merge-daily.js';

export interface MergeCounts {
  visits: { added: number; duplicates: number };
  requests: { added: number; duplicates: number };
}

const visitKey = (v: Pick<ExportedVisit, 'time' | 'url'>) => `${v.time}|${v.url}`;

/** The merged tables, growing file by file. */
class MergedTables {
  readonly hosts: ExportedHost[] = [];
  readonly ips: ExportedIp[] = [];
  readonly visits: ExportedVisit[] = [];
  readonly requests: ExportedRequest[] = [];
  daily: ExportedDaily[] = [];
  readonly hostByName = new Map<string, ExportedHost>();
  readonly ipByAddress = new Map<string, ExportedIp>();
  readonly visitByKey = new Map<string, ExportedVisit>();
  readonly requestKeys = new Set<string>();

  /** The host of this name, its classification taken from the latest file (newer knowledge). */
  host(row: ExportedHost): number {
    const found = this.hostByName.get(row.name);
    if (found) {
      Object.assign(found, { ...row, id: found.id });
      return found.id;
    }
    const added = { ...row, id: this.hosts.length + 1 };
    this.hosts.push(added);
    this.hostByName.set(row.name, added);
    return added.id;
  }

  ip(row: ExportedIp): number {
    const found = this.ipByAddress.get(row.address);
    if (found) {
      Object.assign(found, { ...row, id: found.id });
      return found.id;
    }
    const added = { ...row, id: this.ips.length + 1 };
    this.ips.push(added);
    this.ipByAddress.set(row.address, added);
    return added.id;
  }
}

function requestKey(r: ExportedRequest, tables: MergedTables): string {
  const visit = r.visit === null ? '' : visitKey(tables.visits[r.visit - 1]!);
  const host = tables.hosts[r.host - 1]!.name;
  return [
    r.time,
    visit,
    r.pageSite ?? '',
    r.frame,
    host,
    r.scheme,
    r.path,
    r.query ?? '',
    r.method,
    r.type,
    r.outcome,
    r.status ?? '',
  ].join('|');
}

function mergeFile(file: ExportFile, tables: MergedTables, counts: MergeCounts): Map<number, number> {
  const hostIds = new Map(file.hosts.map((h) => [h.id, tables.host(h)]));
  const ipIds = new Map(file.ips.map((i) => [i.id, tables.ip(i)]));
  const visitIds = new Map<number, number>();
  const evidence: Evidence = new Map();
  const note = (site: string, added: boolean) => noteEvidence(evidence, site, added);
  for (const visit of file.visits) {
    const mapped = {
      ...visit,
      host: hostIds.get(visit.host)!,
      hosts: visit.hosts.map((h) => hostIds.get(h)!),
      ips: visit.ips.map((i) => ipIds.get(i)!),
    };
    const found = tables.visitByKey.get(visitKey(visit));
    note(visit.site, !found);
    if (found) {
      // The same visit exported twice: the later export may have seen more of it.
      found.hosts = [...new Set([...found.hosts, ...mapped.hosts])];
      found.ips = [...new Set([...found.ips, ...mapped.ips])];
      found.requests = Math.max(found.requests, visit.requests);
      found.clearText = Math.max(found.clearText, visit.clearText);
      visitIds.set(visit.id, found.id);
      counts.visits.duplicates++;
      continue;
    }
    const added = { ...mapped, id: tables.visits.length + 1 };
    tables.visits.push(added);
    tables.visitByKey.set(visitKey(added), added);
    visitIds.set(visit.id, added.id);
    counts.visits.added++;
  }
  for (const request of file.requests) {
    const mapped = {
      ...request,
      host: hostIds.get(request.host)!,
      ip: request.ip === null ? null : ipIds.get(request.ip)!,
      visit: request.visit === null ? null : visitIds.get(request.visit)!,
    };
    const key = requestKey(mapped, tables);
    const isNew = !tables.requestKeys.has(key);
    if (mapped.visit === null && mapped.pageSite) note(mapped.pageSite, isNew);
    if (!isNew) {
      counts.requests.duplicates++;
      continue;
    }
    tables.requestKeys.add(key);
    tables.requests.push(mapped);
    counts.requests.added++;
  }
  tables.daily = dailyMerge(
    tables.daily,
    file.daily.map((d) => ({ ...d, host: hostIds.get(d.host)! })),
    evidence,
  );
  return visitIds;
}

function mergeAudits(audits: { audit: ExportedAudit; visitIds: Map<number, number> }[]): ExportedAudit | undefined {
  if (audits.length === 0) return undefined;
  const pages = new Map<number, ExportedAudit['pages'][number]>();
  for (const { audit, visitIds } of audits) {
    for (const page of audit.pages) {
      if (!pages.has(page.index)) pages.set(page.index, { ...page, visits: page.visits.map((id) => visitIds.get(id)!) });
    }
  }
  const first = audits[0]!.audit;
  const listSize = Math.max(...audits.map(({ audit }) => audit.listSize));
  const times = audits.map(({ audit }) => audit);
  return {
    ...first,
    startedAt: times.map((a) => a.startedAt).sort()[0]!,
    finishedAt: times
      .map((a) => a.finishedAt)
      .sort()
      .at(-1)!,
    demo: audits.every(({ audit }) => audit.demo),
    listSize,
    // A single shard stays labelled; anything merged is the part of the list its pages show.
    shard: audits.length === 1 ? first.shard : null,
    pages: [...pages.values()].sort((a, b) => a.index - b.index),
  };
}

export function mergeExports(files: readonly ExportFile[], now = new Date()): { file: ExportFile; counts: MergeCounts } {
  if (files.length === 0) throw new Error('nothing to merge');
  const ordered = [...files].sort((a, b) => a.exportedAt.localeCompare(b.exportedAt));
  const tables = new MergedTables();
  const counts: MergeCounts = { visits: { added: 0, duplicates: 0 }, requests: { added: 0, duplicates: 0 } };
  const audits: { audit: ExportedAudit; visitIds: Map<number, number> }[] = [];
  for (const file of ordered) {
    const visitIds = mergeFile(file, tables, counts);
    if (file.audit) audits.push({ audit: file.audit, visitIds });
  }
  const latest = ordered.at(-1)!;
  const knowledge = [...new Map(ordered.flatMap((f) => f.knowledge).map((k) => [`${k.package}@${k.version}`, k])).values()];
  const audit = mergeAudits(audits);
  const file: ExportFile = {
    ...latest,
    exportedAt: now.toISOString(),
    includesQueryStrings: ordered.some((f) => f.includesQueryStrings),
    knowledge,
    hosts: tables.hosts,
    ips: tables.ips,
    visits: tables.visits,
    requests: tables.requests,
    daily: tables.daily,
    ...(audit ? { audit } : {}),
  };
  if (!audit) delete file.audit;
  return { file, counts };
}
