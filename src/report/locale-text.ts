/**
 * The extension's messages (extension/_locales) for what is written outside the browser's
 * i18n: the audit's report.html and terminal summary, and the room report (written by the
 * command line and by the report page alike). They are in English, and say what the popup
 * and the report page say, from the same messages. Placeholders are filled as the browser
 * fills them: `$NAME$` by its placeholder's content, then `$1`…`$9` by the substitutions.
 */
import english from '../../extension/_locales/en/messages.json' with { type: 'json' };
import { unknownReasonMessage, type UnknownReason } from './aggregate/unknown-figure.js';

interface Message {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

const EN: Readonly<Record<string, Message>> = english;

/** A message with its placeholders filled; a missing message gives its name, as the extension's t() does. */
export function englishText(name: string, ...substitutions: (string | number)[]): string {
  const entry = Object.hasOwn(EN, name) ? EN[name] : undefined;
  if (!entry) return name;
  const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, placeholder: string) => {
    const content = entry.placeholders?.[placeholder.toLowerCase()]?.content;
    return content ?? whole;
  });
  return named.replace(/\$(\$|[1-9])/g, (_, at: string) => (at === '$' ? '$' : String(substitutions[Number(at) - 1] ?? '')));
}

/** A reason a figure is unknown as an English clause completing "unknown: …", from the popup's own sentence. */
function reasonClause(reason: UnknownReason): string {
  const sentence = englishText(unknownReasonMessage(reason));
  return sentence.charAt(0).toLowerCase() + sentence.slice(1).replace(/\.$/, '');
}

const REASONS: readonly UnknownReason[] = ['no-page-visits', 'no-server-location', 'no-server-operator', 'no-requests'];

/** The reasons in English, completing "unknown: …" (the audit, the room report). */
export const UNKNOWN_REASON_TEXT: Readonly<Record<UnknownReason, string>> = Object.fromEntries(
  REASONS.map((reason) => [reason, reasonClause(reason)]),
) as Record<UnknownReason, string>;

/** "unknown (<reason>)", for the English surfaces. */
export function unknownInWords(reason: UnknownReason): string {
  return `unknown (${UNKNOWN_REASON_TEXT[reason]})`;
}
