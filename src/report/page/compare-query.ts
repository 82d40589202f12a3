/**
 * The compare view's choices as parameters of its address (#/compare?period=…&mode=site&site=…),
 * so that a reload or a link opened in the same browser shows the same comparison. The
 * address is anyone's to write: a value that is not one the view offers is refused, named in
 * `refused`, and its choice left at the default. An export file cannot travel in an address:
 * the address keeps only that the file is what is compared, and the file is chosen again.
 */
import { SPANS, type Span } from './compare-spans.js';

export const COMPARE_MODES = ['periods', 'export', 'site'] as const;
type CompareMode = (typeof COMPARE_MODES)[number];

/** The parameters the compare view keeps in its address, in the order they are written. */
export const COMPARE_KEYS = ['mode', 'a', 'b', 'site', 'mark'] as const;
export type CompareKey = (typeof COMPARE_KEYS)[number];
export type CompareParams = Readonly<Partial<Record<CompareKey, string>>>;

export interface CompareChoice {
  mode: CompareMode;
  a: Span;
  b: Span;
  /** the site compared before and after a moment ('' none yet) */
  site: string;
  /** the moment, a page visit's time (ms) */
  mark: number | null;
}

/** By default the last 7 days (B) against the 7 days before (A). */
export const DEFAULT_COMPARE: CompareChoice = { mode: 'periods', a: 'previousWeek', b: 'week', site: '', mark: null };

/** A host name as the record names sites: letters, digits, dots, dashes (an address in brackets too). */
const SITE = /^[a-z0-9._\-:[\]]{1,253}$/i;
const TIME = /^\d{1,15}$/;

const oneOf = <T extends string>(options: readonly T[], value: string): value is T => (options as readonly string[]).includes(value);

/** The choice an address's parameters make, and the names of the parameters refused. */
export function parseCompareParams(params: CompareParams): { choice: CompareChoice; refused: CompareKey[] } {
  const choice = { ...DEFAULT_COMPARE };
  const refused: CompareKey[] = [];
  const { mode, a, b, site, mark } = params;
  if (mode !== undefined) {
    if (oneOf(COMPARE_MODES, mode)) choice.mode = mode;
    else refused.push('mode');
  }
  if (a !== undefined) {
    if (oneOf(SPANS, a)) choice.a = a;
    else refused.push('a');
  }
  if (b !== undefined) {
    if (oneOf(SPANS, b)) choice.b = b;
    else refused.push('b');
  }
  if (site !== undefined) {
    if (SITE.test(site)) choice.site = site.toLowerCase();
    else refused.push('site');
  }
  if (mark !== undefined) {
    // A moment only means something for a site: one without it is refused as well.
    if (TIME.test(mark) && choice.site) choice.mark = Number(mark);
    else refused.push('mark');
  }
  return { choice, refused };
}

/** The parameters that write a choice down: only those that differ from the default, so the plain view keeps its plain address. */
export function compareParams(choice: CompareChoice): CompareParams {
  const params: Partial<Record<CompareKey, string>> = {};
  if (choice.mode !== DEFAULT_COMPARE.mode) params.mode = choice.mode;
  if (choice.a !== DEFAULT_COMPARE.a) params.a = choice.a;
  if (choice.b !== DEFAULT_COMPARE.b) params.b = choice.b;
  if (choice.site) params.site = choice.site;
  if (choice.site && choice.mark !== null) params.mark = String(choice.mark);
  return params;
}
