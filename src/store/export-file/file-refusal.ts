/**
 * Why a file was refused, as a reason the extension's pages show in the reader's language.
 * The error's own message stays the English sentence: the command-line tools (audit, room)
 * print it, and a reason crosses from the worker to a page as plain data.
 */
const KEYS = ['notJson', 'notExport', 'version', 'schema', 'inconsistent', 'tooBig', 'badHost', 'gone'] as const;
export type RefusalKey = (typeof KEYS)[number];

export interface Refusal {
  key: RefusalKey;
  /** the values the sentence names (a version, a size, a host), in its order */
  args: string[];
}

/** True for a reason as this module writes it (a worker's reply is checked before it is shown). */
export function isRefusal(value: unknown): value is Refusal {
  const reason = value as Partial<Refusal> | null;
  return (
    !!reason &&
    typeof reason === 'object' &&
    (KEYS as readonly unknown[]).includes(reason.key) &&
    Array.isArray(reason.args) &&
    reason.args.length <= 4 &&
    reason.args.every((arg) => typeof arg === 'string' && arg.length <= 400)
  );
}

/** A file refused, with the reason the pages can say in the reader's language (null: the command-line tools' own refusals, English only). */
export class RefusedFile extends Error {
  override name = 'RefusedFile';
  constructor(
    message: string,
    readonly reason: Refusal | null,
  ) {
    super(message);
  }
}
