/**
 * Reads the text of a file a participant handed in: a WorkshopSummary holding only the
 * known fields, or one clear sentence saying why it was refused (not JSON, cut short, not a
 * summary, another version, or not what the schema says). Pure: the CLI reads the files.
 */
import * as v from 'valibot';
import { EXPORT_FORMAT } from '../../store/export-file/export-format.js';
import { SUMMARY_FORMAT, SUMMARY_VERSION, type WorkshopSummary } from '../export/workshop-summary.js';
import { ROOM_FORMAT } from './room-report.js';
import { summarySchema } from './summary-schema.js';
import { printable } from '../../shared/terminal-text.js';

/** A real summary is a few kilobytes; a larger file is refused before it is parsed. */
export const MAX_SUMMARY_BYTES = 8 * 1024 * 1024;

/**
 * Why a file was refused, as a word the room view translates (`roomRefused_<kind>` in
 * extension/_locales); the error's message says the same in English, with the detail.
 */
export type RefusalKind =
  | 'too-large'
  | 'unreadable'
  | 'empty'
  | 'damaged'
  | 'full-export'
  | 'audit-report'
  | 'room-report'
  | 'other-version'
  | 'not-summary'
  | 'invalid';

export class SummaryFileError extends Error {
  override name = 'SummaryFileError';
  constructor(
    readonly kind: RefusalKind,
    message: string,
  ) {
    super(message);
  }
}

const quoted = (value: unknown): string => printable(typeof value === 'string' ? JSON.stringify(value) : String(value));

function where(issue: v.BaseIssue<unknown>): string {
  const path = issue.path?.map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`)).join('') ?? '';
  return path ? ` at ${printable(path.replace(/^\./, ''), 80)}` : '';
}

/** What is wrong with the value the issue is about (valibot's `received` is already a printed form of it). */
function complaint(issue: v.BaseIssue<unknown>): string {
  const found = printable(issue.received);
  if (found === 'undefined') return 'missing';
  if (issue.kind === 'schema') return `must be of type ${printable(issue.expected ?? 'another', 80)} (found ${found})`;
  const what =
    issue.type === 'max_length' || issue.type === 'min_length'
      ? ` (found length ${found})`
      : found === 'Array' || found === 'Object'
        ? ''
        : ` (found ${found})`;
  return `must be ${printable(issue.message, 80)}${what}`;
}

/** Why a parsed document is not a summary of this version, or null when its head is right. */
function wrongHead(data: unknown): SummaryFileError | null {
  const refuse = (kind: RefusalKind, message: string) => new SummaryFileError(kind, message);
  if (!data || typeof data !== 'object' || Array.isArray(data))
    return refuse(
      'not-summary',
      `not a workshop summary (a JSON ${Array.isArray(data) ? 'array' : typeof data}, expected an object with format "${SUMMARY_FORMAT}")`,
    );
  const { format, version, audit } = data as { format?: unknown; version?: unknown; audit?: unknown };
  // An audit's report.json is written in the export format, with the audit's own record added.
  if (format === EXPORT_FORMAT && audit !== undefined)
    return refuse('audit-report', "an audit report (report.json of `npm run audit`), not a participant's summary");
  if (format === EXPORT_FORMAT)
    return refuse(
      'full-export',
      'a full Upstream export (it names every site visited), not a workshop summary: ask for Export → workshop summary instead',
    );
  if (format === ROOM_FORMAT) return refuse('room-report', "a room report (room.json), not a participant's summary");
  if (format !== SUMMARY_FORMAT)
    return refuse(
      'not-summary',
      `not a workshop summary (format ${format === undefined ? 'missing' : quoted(format)}, expected "${SUMMARY_FORMAT}")`,
    );
  if (version !== SUMMARY_VERSION)
    return refuse(
      'other-version',
      `a workshop summary of format version ${version === undefined ? '(missing)' : quoted(version)}; this Upstream reads version ${SUMMARY_VERSION}`,
    );
  return null;
}

/** Checks the text of a summary; returns it with only the known fields, or throws SummaryFileError. */
export function parseSummary(text: string): WorkshopSummary {
  if (text.length > MAX_SUMMARY_BYTES)
    throw new SummaryFileError('too-large', `too large for a workshop summary (over ${MAX_SUMMARY_BYTES / 1048576} MB)`);
  let data: unknown;
  try {
    // An editor on Windows may have saved it with a byte-order mark, which JSON.parse refuses.
    data = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch {
    throw text.trim() === ''
      ? new SummaryFileError('empty', 'empty file')
      : new SummaryFileError('damaged', 'not a complete JSON document (it may have been cut short)');
  }
  const head = wrongHead(data);
  if (head) throw head;
  const result = v.safeParse(summarySchema, data);
  if (!result.success) {
    const issue = result.issues[0];
    throw new SummaryFileError('invalid', `a workshop summary that does not hold what it should${where(issue)}: ${complaint(issue)}`);
  }
  const summary: WorkshopSummary = result.output;
  return summary;
}
