/** The audit's output folder: checked before the browser starts, written at the end. */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeFolder, withinTime } from '../../shared/output-folder.js';
import type { ExportFile } from '../../store/export-file/export-format.js';
import { auditHtml } from './audit-html.js';
import type { AuditResults } from './audit-results.js';

export class OutputFolderError extends Error {
  override name = 'OutputFolderError';
}

/**
 * Creates the folder if needed and proves it writable, so that an hour of audit is never
 * lost at the last step; within seconds, whatever the folder (shared/output-folder.ts).
 */
export async function prepareOutputFolder(folder: string): Promise<void> {
  const probe = path.join(folder, `.upstream-write-test-${process.pid}`);
  try {
    await makeFolder(folder);
    await withinTime(
      writeFile(probe, '').then(() => rm(probe, { force: true })),
      path.resolve(folder),
    );
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new OutputFolderError(
      `The output folder ${path.resolve(folder)} cannot be written${code ? ` (${code})` : ''}: choose another with --out.`,
    );
  }
}

export async function writeAuditReport(folder: string, file: ExportFile, results: AuditResults): Promise<{ json: string; html: string }> {
  const json = path.join(folder, 'report.json');
  const html = path.join(folder, 'report.html');
  try {
    await writeFile(json, JSON.stringify(file));
    await writeFile(html, auditHtml(file, results));
  } catch (error) {
    throw new OutputFolderError(`Could not write the report into ${path.resolve(folder)}: ${(error as Error).message}`);
  }
  return { json, html };
}
