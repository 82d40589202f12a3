/**
 * Reads an export someone chose to open: refused with one clear sentence when it is too
 * big, not JSON, cut short, of another format or version, or not what the schema says.
 * Nothing is stored: an opened export is shown read-only, beside the browser's own record.
 */
import * as v from 'valibot';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportFile } from './export-format.js';
import { brokenReference, exportSchema } from './export-schema.js';

/** Larger files are refused before being read (a year of heavy browsing exports to a few hundred MB). */
export const MAX_EXPORT_BYTES = 512 * 1024 * 1024;

export class ExportFileError extends Error {
  override name = 'ExportFileError';
  constructor(
    message: string,
    /** the format a JSON file declares when it is not an export's, so the page can say what it is instead */
    readonly declaredFormat: unknown = undefined,
  ) {
    super(message);
  }
}

function where(issue: v.BaseIssue<unknown>): string {
  const path = issue.path?.map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`)).join('') ?? '';
  return path ? ` at ${path.replace(/^\./, '')}` : '';
}

/** Checks the text of an export; returns it typed, or throws ExportFileError. */
export function parseExport(text: string): ExportFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ExportFileError('This file is not a complete JSON document (it may have been cut short).');
  }
  const head = data as { format?: unknown; version?: unknown } | null;
  if (!head || typeof head !== 'object' || head.format !== EXPORT_FORMAT)
    throw new ExportFileError('This file is not an Upstream export.', head && typeof head === 'object' ? head.format : undefined);
  if (head.version !== EXPORT_VERSION) {
    throw new ExportFileError(
      `This export has format version ${String(head.version).slice(0, 20)}; this Upstream reads version ${EXPORT_VERSION}.`,
    );
  }
  const result = v.safeParse(exportSchema, data);
  if (!result.success) {
    const issue = result.issues[0];
    throw new ExportFileError(`This export does not hold what it should${where(issue)}: ${issue.message}`.slice(0, 400));
  }
  const file = result.output as ExportFile;
  const broken = brokenReference(file);
  if (broken) throw new ExportFileError(`This export is inconsistent: ${broken}.`);
  return file;
}

/** Reads a chosen file, refusing one over the size limit without reading it. */
export async function readExportFile(file: Blob): Promise<ExportFile> {
  if (file.size > MAX_EXPORT_BYTES)
    throw new ExportFileError(
      `This file is ${Math.round(file.size / 1048576)} MB; exports over ${MAX_EXPORT_BYTES / 1048576} MB are not opened.`,
    );
  return parseExport(await file.text());
}
