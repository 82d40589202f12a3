/**
 * The one merge of the files a room hands in, used by `npm run workshop` and by the room
 * view of the report page alike, so that both give the same figures from the same files:
 * each file read as a summary or refused with its reason, a summary handed in twice
 * counted once, and the rest merged into the room report. Pure: the callers read the files
 * (the command from disk, the view from the files dropped or picked).
 */
import type { WorkshopSummary } from '../export/workshop-summary.js';
import { parseSummary, SummaryFileError, type RefusalKind } from './parse-summary.js';
import { mergeSummaries, type RoomReport } from './room-report.js';

/** One file handed in: its text, or why it could not be read at all (too large, unreadable). */
export type RoomFile = { name: string; text: string } | { name: string; refused: { kind: RefusalKind; reason: string } };

/** A file refused before it is read: a summary is a few kilobytes, and reading 50 MB to find out would stall the page. */
export function tooLargeFile(name: string, bytes: number): RoomFile {
  return { name, refused: { kind: 'too-large', reason: `${Math.round(bytes / 1048576)} MB, too large for a workshop summary` } };
}

export function unreadableFile(name: string, why: string): RoomFile {
  return { name, refused: { kind: 'unreadable', reason: `cannot be read: ${why}` } };
}

interface MergedFile {
  name: string;
  /** the summary's random label, when it has one (summaries made before labels do not) */
  label: string | null;
  summary: WorkshopSummary;
}

export interface RoomMerge {
  report: RoomReport;
  /** the files merged, in the order given */
  merged: MergedFile[];
  /** files that are not valid summaries, with why (the English sentence, and its kind for a translation) */
  refused: { name: string; kind: RefusalKind; reason: string }[];
  /** files holding a summary already merged from another file */
  duplicates: { name: string; sameAs: string }[];
}

/**
 * What makes two files the same summary: every field of the format, as read (fields the
 * format does not have are dropped and the schema fixes the order), so neither the file's
 * name nor its layout matters. Two participants never match: each export has its own random
 * label, and older summaries without one would also need the same figures, companies,
 * countries and period to the last digit.
 */
const duplicateKey = (summary: WorkshopSummary): string => JSON.stringify(summary);

export function mergeRoomFiles(files: readonly RoomFile[]): RoomMerge {
  const merged: MergedFile[] = [];
  const refused: RoomMerge['refused'] = [];
  const duplicates: RoomMerge['duplicates'] = [];
  const firstNamed = new Map<string, string>();
  for (const file of files) {
    if ('refused' in file) {
      refused.push({ name: file.name, ...file.refused });
      continue;
    }
    let summary: WorkshopSummary;
    try {
      summary = parseSummary(file.text);
    } catch (error) {
      if (!(error instanceof SummaryFileError)) throw error;
      refused.push({ name: file.name, kind: error.kind, reason: error.message });
      continue;
    }
    const key = duplicateKey(summary);
    const first = firstNamed.get(key);
    if (first !== undefined) {
      duplicates.push({ name: file.name, sameAs: first });
      continue;
    }
    firstNamed.set(key, file.name);
    merged.push({ name: file.name, label: summary.label ?? null, summary });
  }
  return { report: mergeSummaries(merged.map((m) => m.summary)), merged, refused, duplicates };
}
