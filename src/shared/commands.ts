/**
 * Requests that extension pages (popup, report) send to the background worker, which is
 * the only writer of the database: every change goes through it, between capture batches.
 */
export type Command =
  | { type: 'status' }
  | { type: 'flush' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'exclude-site'; site: string }
  | { type: 'include-site'; site: string }
  | { type: 'forget-site'; site: string }
  | { type: 'set-settings'; settings: unknown }
  | { type: 'wipe' }
  /** merge the export staged under `id` (store/import-staging.ts) into the record */
  | { type: 'import'; id: string };

export type CommandReply = { ok: true; value?: unknown } | { ok: false; error: string };

const TYPES = new Set(['status', 'flush', 'pause', 'resume', 'exclude-site', 'include-site', 'forget-site', 'set-settings', 'wipe', 'import']);

/** Checks a message really is a command (messages are untrusted input). */
export function asCommand(message: unknown): Command | null {
  if (!message || typeof message !== 'object') return null;
  const m = message as Record<string, unknown>;
  if (typeof m.type !== 'string' || !TYPES.has(m.type)) return null;
  if ((m.type === 'exclude-site' || m.type === 'include-site' || m.type === 'forget-site') && (typeof m.site !== 'string' || m.site.length > 300)) return null;
  if (m.type === 'import' && (typeof m.id !== 'string' || !/^[0-9a-f-]{36}$/.test(m.id))) return null;
  return m as unknown as Command;
}
