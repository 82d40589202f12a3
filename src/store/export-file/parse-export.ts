/**
 * Reads an export someone chose to open: refused with one clear sentence when it is too
 * big, not JSON, cut short, of another format or version, or not what the schema says.
 * Nothing is stored: an opened export is shown read-only, beside the browser's own record.
 */
import * as v from 'valibot';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportFile } from './export-format.js';
import { brokenReference, exportSchema } from './export-schema.js';
import { RefusedFile, type Refusal } from './file-refusal.js';

/** Larger files are refused before being read (a year of heavy browsing exports to a few hundred MB). */
export const MAX_EXPORT_BYTES = 512 * 1024 * 1024;

export class ExportFileError extends RefusedFile {
  override name = 'ExportFileError';
  constructor(
    message: string,
    reason: Refusal | null = null,
    /** the format a JSON file declares when it is not an export's, so the page can say what it is instead */
    readonly declaredFormat: unknown = undefined,
  ) {
    super(message, reason);
  }
}

/** Where in the file a schema issue is, as `visits[3].url`; empty for the file as a whole. */
function pathOf(issue: v.BaseIssue<unknown>): string {
  const path = issue.path?.map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`)).join('') ?? '';
  return path.replace(/^\./, '').slice(0, 200);
}

/** Checks the text of an export; returns it typed, or throws ExportFileError. */
export function parseExport(text: string): ExportFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ExportFileError('This file is not a complete JSON document (it may have been cut short).', { key: 'notJson', args: [] });
  }
  const head = data as { format?: unknown; version?: unknown } | null;
  if (!head || typeof head !== 'object' || head.format !== EXPORT_FORMAT)
    throw new ExportFileError(
      'This file is not an Upstream export.',
      { key: 'notExport', args: [] },
      head && typeof head === 'object' ? head.format : undefined,
    );
  if (head.version !== EXPORT_VERSION) {
    const found = String(head.version).slice(0, 20);
    throw new ExportFileError(`This export has format version ${found}; this Upstream reads version ${EXPORT_VERSION}.`, {
      key: 'version',
      args: [found, String(EXPORT_VERSION)],
    });
  }
  const result = v.safeParse(exportSchema, data);
  if (!result.success) {
    const issue = result.issues[0];
    const path = pathOf(issue);
    const detail = issue.message.slice(0, 200);
    throw new ExportFileError(`This export does not hold what it should${path ? ` at ${path}` : ''}: ${detail}`, {
      key: 'schema',
      args: [path || '/', detail],
    });
  }
  const file = result.output as ExportFile;
  const broken = brokenReference(file);
  if (broken) throw new ExportFileError(`This export is inconsistent: ${broken}.`, { key: 'inconsistent', args: [broken.slice(0, 300)] });
  return file;
}

/** Reads a chosen file, refusing one over the size limit without reading it. */
export async function readExportFile(file: Blob): Promise<ExportFile> {
  if (file.size > MAX_EXPORT_BYTES) {
    const [size, max] = [String(Math.round(file.size / 1048576)), String(MAX_EXPORT_BYTES / 1048576)];
    throw new ExportFileError(`This file is ${size} MB; exports over ${max} MB are not opened.`, { key: 'tooBig', args: [size, max] });
  }
  return parseExport(await file.text());
}
