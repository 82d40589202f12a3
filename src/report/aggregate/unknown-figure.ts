/**
 * A figure without data is "unknown", with its reason, never 0 % (docs/report-figures.md):
 * a share over nothing measured would read as "none", which is a claim. Every surface shows
 * the reason: the popup and the report through their messages (`unknownReason_<id>` in
 * extension/_locales), the audit and the room report, which are in English, through the same
 * messages (report/locale-text.ts, UNKNOWN_REASON_TEXT). Figures without a value are left out of averages.
 */

export type UnknownReason = 'no-page-visits' | 'no-server-location' | 'no-server-operator' | 'no-requests';

/** The message id of a reason, for the popup and the report page. */
export function unknownReasonMessage(reason: UnknownReason): string {
  return `unknownReason_${reason.replace(/-/g, '_')}`;
}
