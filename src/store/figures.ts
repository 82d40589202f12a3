/**
 * The headline figures of a period, one entry each (definitions: docs/report-figures.md).
 * Every surface reads this list: what a page visit adds to the roll-ups (visit-summary.ts,
 * visit-rollup.ts), the aggregation (report/aggregate/), the popup's tiles and the report's
 * figures, the workshop summary, its schema and the room report, the audit's report.html and
 * its terminal summary. Each figure's words are messages of extension/_locales, named after
 * its key (figureMessage): the extension reads them through the browser, the tools that run
 * in Node (the audit, the room report) through report/locale-text.ts.
 *
 * A reach figure is one entry: how a page visit reaches it, from a host it contacted, from
 * the country of a server it contacted, or from the law of the company operating that server. The roll-ups count it in the order of this list
 * (the stored counts array), and a row counted with another list is rebuilt from the visits
 * (visit-rollup-unpack.ts). Figures of another kind (a median, a share of requests) have
 * their own computation in exposure-tally.ts.
 */
import { tracks } from '../classify/tracking.js';
import { isUsJurisdiction } from './observers.js';
import type { HostFacts } from './visit-facts.js';

/** A share of the period's page visits: those on which at least one request reached… */
interface ReachDefinition {
  kind: 'reach';
  /** …a host for which this is true (unknown only when the period has no page visit) */
  host?: (host: HostFacts) => boolean;
  /**
   * …a server that answered from a country for which this is true, on evidence of where it
   * stood (a CDN's header: classify/answered-from.ts), not its address's registry country
   * (unknown also when no answer of the period has a known place)
   */
  server?: (country: string) => boolean;
  /** …a server whose hosting operator answers to a jurisdiction for which this is true (unknown also when no server of the period has an operator known) */
  operator?: (jurisdiction: string) => boolean;
}

interface OtherDefinition {
  /** the median over page visits of their distinct third-party observers; requests in clear text over all requests */
  kind: 'observers-median' | 'clear-share';
}

/** `law`: the legal frame the figure rests on (src/knowledge/data/legal-frames.json), linked from it. */
type Definition = { key: string; law?: string } & (ReachDefinition | OtherDefinition);

/** In the order every surface shows them. */
export const FIGURES = [
  { key: 'usReach', kind: 'reach', host: isUsJurisdiction, law: 'us' },
  { key: 'usHostedReach', kind: 'reach', operator: (jurisdiction) => jurisdiction === 'US', law: 'us' },
  { key: 'prismReach', kind: 'reach', host: (host) => host.prism, law: 'us' },
  { key: 'upstreamReach', kind: 'reach', server: (country) => country === 'US', law: 'us' },
  { key: 'trackerReach', kind: 'reach', host: (host) => tracks(host.tracker) },
  { key: 'observersPerPage', kind: 'observers-median' },
  { key: 'clearText', kind: 'clear-share' },
] as const satisfies readonly Definition[];

export type FigureKey = (typeof FIGURES)[number]['key'];
type ReachFigure = Extract<(typeof FIGURES)[number], { kind: 'reach' }>;
export type ReachKey = ReachFigure['key'];

const isReach = (figure: (typeof FIGURES)[number]): figure is ReachFigure => figure.kind === 'reach';

/** The reach figures, in the order of the roll-ups' counts. */
export const REACH_FIGURES: readonly (ReachDefinition & { key: ReachKey; law?: string })[] = FIGURES.filter(isReach);

/** A reach known from where servers answered: unknown when no answer of the period has a known place. */
export const isServerReach = (figure: ReachDefinition): boolean => figure.server !== undefined;

/** A reach known from who operates servers: unknown when no server of the period has a known operator. */
export const isOperatorReach = (figure: ReachDefinition): boolean => figure.operator !== undefined;

/** Whether a figure's value is a share (0..1, shown as a percentage) rather than a count (the median of observers). */
export function isShareFigure(key: FigureKey): boolean {
  return FIGURES.find((figure) => figure.key === key)!.kind !== 'observers-median';
}

/**
 * The message (extension/_locales) that says one thing of a figure: `tile` its name alone
 * ("US reach"), `Label` its name before a sentence ("US reach:"), `Sentence` what it
 * counts after its value ("of your page visits ($1) sent…"), `Why` why it matters.
 */
export function figureMessage(key: FigureKey, part: 'tile' | 'Label' | 'Sentence' | 'Why'): string {
  return part === 'tile' ? `tile_${key}` : `${key}${part}`;
}
