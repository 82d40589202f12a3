/**
 * An export opened to be compared with this record: read-only, like an export opened in the
 * export view, but passed through the import's own checks first (withinBoundary): a row
 * capture could not have stored (a javascript: page, a visit dated in the future, a count
 * larger than its whole) is left out of the comparison as the import would leave it out of
 * the record, and counted so the view can say so. Pure; nothing is stored.
 */
import type { ExportFile } from '../../store/export-file/export-format.js';
import { withinBoundary } from '../../store/export-file/import-boundary.js';
import { exportTables, type ExportTables } from './export-report.js';

export interface ExportToCompare {
  tables: ExportTables;
  /** rows of the file left out, as an import would refuse them */
  refused: number;
}

export function exportToCompare(file: ExportFile, now: number): ExportToCompare {
  // Query strings play no part in any figure: they are dropped whatever the file holds.
  const { file: within, refused } = withinBoundary(file, false, now);
  return { tables: exportTables(within), refused: refused.count };
}
