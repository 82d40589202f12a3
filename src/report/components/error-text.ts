/** What went wrong, for a page to show: a refused file's reason in the reader's language, else the error's own words. */
import type { RefusalKey } from '../../store/export-file/file-refusal.js';
import { RefusedFile } from '../../store/export-file/file-refusal.js';
import { t } from './i18n.js';

const MESSAGES: Record<RefusalKey, string> = {
  notJson: 'fileRefusedNotJson',
  notExport: 'fileRefusedNotExport',
  version: 'fileRefusedVersion',
  schema: 'fileRefusedSchema',
  inconsistent: 'fileRefusedInconsistent',
  tooBig: 'fileRefusedTooBig',
  badHost: 'fileRefusedBadHost',
  gone: 'fileRefusedGone',
};

export function errorText(error: unknown): string {
  if (error instanceof RefusedFile && error.reason) return t(MESSAGES[error.reason.key], ...error.reason.args);
  return error instanceof Error ? error.message : String(error);
}
