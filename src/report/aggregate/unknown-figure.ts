/**
 * A figure without data is "unknown", with its reason, never 0 % (docs/report-figures.md):
 * a share over nothing measured would read as "none", which is a claim. Every surface shows
 * the reason: the popup and the report through their messages (`unknownReason_<id>` in
 * extension/_locales), the audit and the room report, which are in English, through
 * UNKNOWN_REASON_TEXT. Figures without a value are left out of averages.
 */

export type UnknownReason = 'no-page-visits' | 'no-server-location' | 'no-requests';

/** The reasons in English, completing "unknown: …". */
export const UNKNOWN_REASON_TEXT: Readonly<Record<UnknownReason, string>> = {
  'no-page-visits': 'no page visit in this period',
  'no-server-location': 'no server location known for these requests (answers from the cache, servers on local or private addresses)',
  'no-requests': 'no request recorded on these page visits',
};

/** The message id of a reason, for the popup and the report page. */
export function unknownReasonMessage(reason: UnknownReason): string {
  return `unknownReason_${reason.replace(/-/g, '_')}`;
}

/** "unknown (<reason>)", for the English surfaces. */
export function unknownInWords(reason: UnknownReason): string {
  return `unknown (${UNKNOWN_REASON_TEXT[reason]})`;
}
