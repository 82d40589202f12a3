/**
 * What extension pages (popup, report) may ask the background worker, the only writer of
 * the database, and what each request gets back: one schema that every message is checked
 * against (messages are untrusted input) and one map from command to its reply, read by the
 * worker's dispatch (capture/commands.ts) and by every sender (report/send-command.ts).
 */
import * as v from 'valibot';
import type { ImportCounts } from './export-file/import-into-store.js';
import type { Settings } from './settings.js';
import type { Refusal } from './export-file/file-refusal.js';

const site = v.pipe(v.string(), v.maxLength(300));

const commandSchema = v.variant('type', [
  v.object({ type: v.literal('status') }),
  v.object({ type: v.literal('flush') }),
  v.object({ type: v.literal('pause') }),
  v.object({ type: v.literal('resume') }),
  v.object({ type: v.literal('exclude-site'), site }),
  v.object({ type: v.literal('include-site'), site }),
  v.object({ type: v.literal('forget-site'), site }),
  // The settings are checked by validateSettings, whose error names the field that is wrong
  // (missing ones too: a message drops a field whose value is undefined).
  v.object({ type: v.literal('set-settings'), settings: v.optional(v.unknown()) }),
  v.object({ type: v.literal('wipe') }),
  // Merges the export staged under `id` (store/import-staging.ts) into the record.
  v.object({ type: v.literal('import'), id: v.pipe(v.string(), v.regex(/^[0-9a-f-]{36}$/)) }),
]);

export type Command = v.InferOutput<typeof commandSchema>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/** How the worker's batches have gone since it started. */
export interface WriteStats {
  stored: number;
  skipped: number;
  duplicates: number;
  batches: number;
  failures: number;
  lastError: string | null;
}

interface WorkerStatus {
  settings: Settings;
  stats: WriteStats;
  /** events journaled and not stored yet */
  waiting: number;
  /** events the session area could not hold (its quota was full): lost if the worker stops before they are stored */
  unjournaled: number;
}

/** What forgetting a site removed. */
interface ForgottenCounts {
  visits: number;
  requests: number;
  daily: number;
}

/** The reply to each command: adding a command without its reply fails to compile. */
export interface CommandReplies extends Record<CommandType, unknown> {
  status: WorkerStatus;
  flush: WriteStats;
  pause: Settings;
  resume: Settings;
  'exclude-site': Settings;
  'include-site': Settings;
  'forget-site': ForgottenCounts;
  'set-settings': Settings;
  wipe: true;
  import: ImportCounts;
}

/** The envelope every reply travels in: the value, or the worker's own message. */
export type CommandReply<T extends CommandType = CommandType> =
  | { ok: true; value: CommandReplies[T] }
  /** `reason`: a refused file's, for the page to say in the reader's language (file-refusal.ts) */
  | { ok: false; error: string; reason?: Refusal };

/** The command a message holds, or null when it is not one (anything else is refused). */
export function asCommand(message: unknown): Command | null {
  const parsed = v.safeParse(commandSchema, message);
  return parsed.success ? parsed.output : null;
}
