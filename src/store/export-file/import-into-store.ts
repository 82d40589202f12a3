/**
 * Merges an export (from this or another browser) into the store, in one transaction:
 * nothing is stored twice, and a file that fails half-way changes nothing. Hosts and
 * server addresses take this browser's own verdicts (its knowledge, not the file's); page
 * visits are matched on start time and address, requests on everything they hold, daily
 * counts as in merge-daily.ts. The user's settings apply as to captured rows: query strings
 * are dropped unless kept by setting, and excluded sites are not imported. Rows capture could
 * not have stored are refused first (import-boundary.ts) and named in the result.
 */
import type { Classifier } from '../classifier.js';
import type { UpstreamDb } from '../db.js';
import type { Interner } from '../interner.js';
import type { DailyIpRow, DailyRow, RequestRow, VisitRow } from '../schema.js';
import { isExcluded } from '../sites.js';
import type { Settings } from '../settings.js';
import { dayOf, storedUrl } from '../url-parts.js';
import { updateRollups, type VisitUpdate } from '../visit-rollups.js';
import type { ExportedDaily, ExportFile } from './export-format.js';
import { dailyMerge, noteEvidence, type Evidence } from './merge-daily.js';
import { importedRequest, recordedHost, requestIdentity, storedDaily, type IdMaps } from './import-rows.js';
import { exportDaily } from './export-rows.js';
import { withinBoundary, type RefusedRows } from './import-boundary.js';
import { adoptHostFindings } from './import-host-findings.js';
import { refreshRollupsReferring } from '../visit-rollups.js';
import { RefusedFile } from './file-refusal.js';

export class ImportError extends RefusedFile {
  override name = 'ImportError';
}

export interface ImportCounts {
  visits: { added: number; duplicates: number };
  requests: { added: number; duplicates: number };
  /** rows of excluded sites, not imported */
  excluded: number;
  /** rows capture could not have stored (a javascript: page, a time in the year 275760…), not imported */
  refused: RefusedRows;
}

export interface ImportDeps {
  classifier: Classifier;
  interner: Interner;
  settings: Settings;
  /** reserves `count` page-visit ids from capture's own sequence; returns the first */
  reserveVisitIds(count: number): Promise<number>;
}

/** Hosts and addresses of the file as rows of this store, by the interner (classified here). */
async function internAll(db: UpstreamDb, file: ExportFile, deps: ImportDeps) {
  const hostName = new Map<number, string>();
  for (const host of file.hosts) {
    const name = recordedHost(host.name);
    if (!name) {
      const shown = host.name.slice(0, 80);
      throw new ImportError(`The file names a host that is not a host name: "${shown}". Nothing was imported.`, {
        key: 'badHost',
        args: [shown],
      });
    }
    hostName.set(host.id, name);
  }
  await deps.interner.prepare(db, deps.classifier, [
    ...[...hostName.values()].map((name) => ({ url: `https://${name}/`, ip: null })),
    ...file.ips.map((i) => ({ url: '', ip: i.address })),
  ]);
  const address = new Map(file.ips.map((i) => [i.id, i.address]));
  return {
    names: hostName as ReadonlyMap<number, string>,
    host: (id: number) => deps.interner.host(hostName.get(id)!)!.id!,
    ip: (id: number) => deps.interner.ip(address.get(id)!)!.id!,
  };
}

/** Two rows' answers by CDN point of presence, added up; nothing when neither has any. */
function mergedEdges(a: Record<string, number> | undefined, b: Record<string, number> | undefined): Pick<DailyIpRow, 'edges'> {
  if (!a && !b) return {};
  const edges: Record<string, number> = { ...a };
  for (const [edge, n] of Object.entries(b ?? {})) edges[edge] = (Object.hasOwn(edges, edge) ? edges[edge]! : 0) + n;
  return { edges };
}

/** A visit's answer places as its row keeps them: each country once, and neither field when there is nothing to note. */
function answeredOf(countries: string[], unlocated: number): Pick<VisitRow, 'lc' | 'lu'> {
  return { ...(countries.length ? { lc: [...new Set(countries)] } : {}), ...(unlocated ? { lu: unlocated } : {}) };
}

export async function importIntoStore(db: UpstreamDb, chosen: ExportFile, deps: ImportDeps): Promise<ImportCounts> {
  const keepQuery = deps.settings.storeQueryStrings;
  const { file, refused } = withinBoundary(chosen, keepQuery, Date.now());
  const counts: ImportCounts = { visits: { added: 0, duplicates: 0 }, requests: { added: 0, duplicates: 0 }, excluded: 0, refused };
  await db.transaction('rw', [db.requests, db.visits, db.hosts, db.ips, db.daily, db.dailyIps, db.meta, db.hours, db.days], async () => {
    const refs = await internAll(db, file, deps);
    const verdictChanged = await adoptHostFindings(db, file, refs.names, deps.classifier, deps.interner);
    const evidence: Evidence = new Map();
    const visits = file.visits.filter((v) => !isExcluded(v.site, deps.settings));
    counts.excluded += file.visits.length - visits.length;
    const stored = await db.visits
      .where('t')
      .anyOf([...new Set(visits.map((v) => v.time))])
      .toArray();
    const storedByKey = new Map(stored.map((v) => [`${v.t}|${v.u}`, v]));
    const visitIds = new Map<number, number>();
    const updates: VisitUpdate[] = [];
    const fresh = visits.filter((v) => !storedByKey.has(`${v.time}|${storedUrl(v.url, keepQuery)}`));
    let nextId = fresh.length ? await deps.reserveVisitIds(fresh.length) : 0;
    for (const visit of visits) {
      const url = storedUrl(visit.url, keepQuery);
      const found = storedByKey.get(`${visit.time}|${url}`);
      const hosts = visit.hosts.map(refs.host);
      const ips = visit.ips.map(refs.ip);
      noteEvidence(evidence, visit.site, !found);
      if (found) {
        const after: VisitRow = {
          ...found,
          d: [...new Set([...found.d, ...hosts])],
          ip: [...new Set([...found.ip, ...ips])],
          n: Math.max(found.n, visit.requests),
          x: Math.max(found.x ?? 0, visit.clearText),
          ...answeredOf([...(found.lc ?? []), ...visit.answered], Math.max(found.lu ?? 0, visit.unlocated)),
        };
        updates.push({ before: found, after });
        visitIds.set(visit.id, found.id);
        counts.visits.duplicates++;
        continue;
      }
      const row: VisitRow = {
        // No tab of this browser showed it: -1 keeps the popup's "newest visit of this tab" from ever finding it.
        id: nextId++,
        t: visit.time,
        tab: -1,
        u: url,
        s: visit.site,
        h: refs.host(visit.host),
        c: visit.shown ? 1 : 0,
        pr: visit.prerender ? 1 : 0,
        inf: visit.inferred ? 1 : 0,
        d: hosts,
        ip: ips,
        n: visit.requests,
        x: visit.clearText,
        ...answeredOf(visit.answered, visit.unlocated),
      };
      updates.push({ before: undefined, after: row });
      visitIds.set(visit.id, row.id);
      counts.visits.added++;
    }
    await db.visits.bulkPut(updates.map((u) => u.after!));
    await importRequests(
      db,
      file,
      { ...refs, visit: (id) => visitIds.get(id)! },
      { keepQuery, visitIds, evidence, counts, settings: deps.settings },
    );
    await importDaily(
      db,
      file.daily.filter((d) => !isExcluded(d.site, deps.settings)).map((d) => ({ ...d, host: refs.host(d.host) })),
      evidence,
    );
    await updateRollups(db, updates, { host: (id) => deps.interner.hostById(id), ip: (id) => deps.interner.ipById(id) });
    // The roll-ups of every visit that loaded a host whose verdict the file changed, this browser's own included.
    if (verdictChanged.size) await refreshRollupsReferring(db, verdictChanged, new Set(), (work) => work());
  });
  return counts;
}

async function importRequests(
  db: UpstreamDb,
  file: ExportFile,
  ids: IdMaps,
  context: { keepQuery: boolean; visitIds: Map<number, number>; evidence: Evidence; counts: ImportCounts; settings: Settings },
): Promise<void> {
  const { counts, evidence } = context;
  const visitSite = new Map(file.visits.map((v) => [v.id, v.site]));
  const wanted = file.requests.filter((r) =>
    r.visit === null ? !isExcluded(r.pageSite, context.settings) : context.visitIds.has(r.visit),
  );
  counts.excluded += file.requests.length - wanted.length;
  const rows = wanted.map((r) => importedRequest(r, ids, context.keepQuery));
  // Requests already stored can only belong to visits already stored, or to no visit.
  const touched = [...new Set(rows.map((r) => r.v))];
  const existing = new Set((await db.requests.where('v').anyOf(touched).toArray()).map(requestIdentity));
  const added: RequestRow[] = [];
  const dailyIps = new Map<string, DailyIpRow>();
  rows.forEach((row, index) => {
    const identity = requestIdentity(row);
    const site = wanted[index]!.visit === null ? (row.ps ?? '') : visitSite.get(wanted[index]!.visit!)!;
    const isNew = !existing.has(identity);
    if (row.v === 0 && row.ps) noteEvidence(evidence, row.ps, isNew);
    if (!isNew) {
      counts.requests.duplicates++;
      return;
    }
    existing.add(identity);
    added.push(row);
    counts.requests.added++;
    if (row.i) {
      const day = dayOf(row.t);
      const key = `${day}|${site}|${row.h}|${row.i}`;
      const entry = dailyIps.get(key) ?? { day, site, host: row.h, ip: row.i, n: 0 };
      entry.n++;
      if (row.l) {
        const edges = (entry.edges ??= {});
        edges[row.l] = (Object.hasOwn(edges, row.l) ? edges[row.l]! : 0) + 1;
      }
      dailyIps.set(key, entry);
    }
  });
  await db.requests.bulkAdd(added);
  // Server addresses per day are not exported: they are rebuilt from the requests that came in.
  const ipRows = [...dailyIps.values()];
  const storedIps = await db.dailyIps.bulkGet(ipRows.map((r): [string, string, number, number] => [r.day, r.site, r.host, r.ip]));
  await db.dailyIps.bulkPut(
    ipRows.map((r, i) => ({ ...r, n: r.n + (storedIps[i]?.n ?? 0), ...mergedEdges(r.edges, storedIps[i]?.edges) })),
  );
}

async function importDaily(db: UpstreamDb, incoming: ExportedDaily[], evidence: Evidence): Promise<void> {
  if (incoming.length === 0) return;
  const keys = incoming.map((d): [string, string, number] => [d.day, d.site, d.host]);
  const stored = (await db.daily.bulkGet(keys)).filter((row): row is DailyRow => !!row);
  await db.daily.bulkPut(dailyMerge(stored.map(exportDaily), incoming, evidence).map(storedDaily));
}
