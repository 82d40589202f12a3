/**
 * Daily request counts of two records, merged (pure). Daily rows outlive raw requests, so
 * they cannot be rebuilt from them; whether a row of a new file adds to the merged one or
 * repeats it is read from that file's rows of the same site:
 *  - all of them new (another browser, another shard): the counts add up;
 *  - all of them already merged (the same file again): the row is a repeat, left out;
 *  - some of each (the same browser exported twice, later with more): the larger count, since
 *    the later export holds the earlier one.
 */
import type { ExportedDaily } from './export-format.js';

const COUNTS = ['requests', 'clear', 'cookies', 'referrer', 'failed', 'blocked'] as const;

/** Per site: how many rows of the incoming file were new, and how many were already merged. */
export type Evidence = Map<string, { added: number; duplicates: number }>;

export function noteEvidence(evidence: Evidence, site: string, added: boolean): void {
  const entry = evidence.get(site) ?? { added: 0, duplicates: 0 };
  entry[added ? 'added' : 'duplicates']++;
  evidence.set(site, entry);
}
const key = (d: ExportedDaily) => `${d.day}|${d.site}|${d.host}`;

export function dailyMerge(merged: readonly ExportedDaily[], incoming: readonly ExportedDaily[], evidence: Evidence): ExportedDaily[] {
  const rows = new Map(merged.map((d) => [key(d), { ...d }]));
  for (const row of incoming) {
    const seen = evidence.get(row.site) ?? { added: 1, duplicates: 0 };
    const found = rows.get(key(row));
    if (!found) {
      if (seen.added > 0 || seen.duplicates === 0) rows.set(key(row), { ...row });
      continue;
    }
    if (seen.added === 0 && seen.duplicates > 0) continue;
    for (const field of COUNTS) found[field] = seen.duplicates === 0 ? found[field] + row[field] : Math.max(found[field], row[field]);
  }
  return [...rows.values()];
}
