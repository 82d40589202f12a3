/**
 * What adding an export would do, worked out before anything is written, so the report page
 * can show it and ask first: what the file holds (page visits, requests, sites, the time it
 * covers), and of its page visits how many are already here, on excluded sites, or refused
 * (import-boundary.ts). Reads the store, never writes it; the import matches page visits the
 * same way (start time and stored address, import-into-store.ts).
 */
import type { UpstreamDb } from '../db.js';
import type { Settings } from '../settings.js';
import { isExcluded } from '../sites.js';
import { storedUrl } from '../url-parts.js';
import type { ExportFile } from './export-format.js';
import { withinBoundary } from './import-boundary.js';

export interface ImportPreview {
  visits: number;
  requests: number;
  sites: number;
  /** the earliest and latest time of a page visit or request in the file; null when it holds none */
  from: number | null;
  to: number | null;
  /** page visits already in the store: skipped */
  present: number;
  /** page visits on sites the user excluded: left out */
  excluded: number;
  /** rows capture could not have stored: refused */
  refused: number;
}

export async function previewImport(db: UpstreamDb, file: ExportFile, settings: Settings, now: number): Promise<ImportPreview> {
  const keepQuery = settings.storeQueryStrings;
  const { file: within, refused } = withinBoundary(file, keepQuery, now);
  const kept = within.visits.filter((v) => !isExcluded(v.site, settings));
  const stored = await db.visits
    .where('t')
    .anyOf([...new Set(kept.map((v) => v.time))])
    .toArray();
  const storedKeys = new Set(stored.map((v) => `${v.t}|${v.u}`));
  let from = Infinity;
  let to = -Infinity;
  // A loop, not Math.min(...times): a year's requests are too many arguments for one call.
  for (const row of [...file.visits, ...file.requests]) {
    from = Math.min(from, row.time);
    to = Math.max(to, row.time);
  }
  return {
    visits: file.visits.length,
    requests: file.requests.length,
    sites: new Set(file.visits.map((v) => v.site)).size,
    from: Number.isFinite(from) ? from : null,
    to: Number.isFinite(to) ? to : null,
    present: kept.filter((v) => storedKeys.has(`${v.time}|${storedUrl(v.url, keepQuery)}`)).length,
    excluded: within.visits.length - kept.length,
    refused: refused.count,
  };
}
