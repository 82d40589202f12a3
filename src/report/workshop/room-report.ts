/**
 * The facilitator's room report: the participants' workshop summaries merged into one set
 * of figures (format documented in docs/workshop.md). Pure: no file, no browser API. It
 * holds nothing a summary does not already hold, and no participant's name or file name.
 */
import type { WorkshopSummary } from '../export/workshop-summary.js';
import { byMeanShare, mergeShares, mostCommon, type ParticipantShares } from './room-shares.js';
import { daySpan, figureAcross, type DaySpan, type FigureAcross } from './room-stats.js';
import type { UnknownReason } from '../aggregate/unknown-figure.js';
import { FIGURES, isOperatorReach, isServerReach, type FigureKey } from '../../store/figures.js';

export const ROOM_FORMAT = 'upstream-workshop-room';
const ROOM_VERSION = 1;

const ROOM_CONTAINS =
  'Room report of a privacy workshop, merged from the anonymised summaries its participants handed in: how many took part, ' +
  'their page visits in total, the headline figures across participants, the companies that saw them and the countries involved. ' +
  "It holds no site name, page address, host or visit time, and no participant's name or file name.";

/** The headline figures of a summary the room sums up: every figure of store/figures.ts, in its order. */
export const ROOM_FIGURES: readonly FigureKey[] = FIGURES.map((figure) => figure.key);
export type RoomFigure = FigureKey;

const DEFINITIONS = new Map(FIGURES.map((figure) => [figure.key, figure]));

/** A reach known from where servers stand (upstreamReach): a participant with no server located has no value for it. */
const bySoil = (figure: RoomFigure): boolean => {
  const definition = DEFINITIONS.get(figure)!;
  return definition.kind === 'reach' && isServerReach(definition);
};

/** A reach known from who operates servers (usHostedReach): a participant with no operator known has no value for it. */
const byOperator = (figure: RoomFigure): boolean => {
  const definition = DEFINITIONS.get(figure)!;
  return definition.kind === 'reach' && isOperatorReach(definition);
};

/** Why a participant with page visits may still have no value for a figure (unknown-figure.ts). */
export function roomFigureUnknown(figure: RoomFigure): UnknownReason {
  if (bySoil(figure)) return 'no-server-location';
  if (byOperator(figure)) return 'no-server-operator';
  return DEFINITIONS.get(figure)!.kind === 'clear-share' ? 'no-requests' : 'no-page-visits';
}

export interface RoomCompany {
  name: string;
  /** parent, jurisdiction and PRISM as most participants' summaries gave them (ties: the first seen) */
  parent: string | null;
  jurisdiction: string | null;
  prism: boolean;
  /** which of parent, jurisdiction and prism the summaries disagreed on (different extension versions, different knowledge) */
  disagreedOn: ('parent' | 'jurisdiction' | 'prism')[];
  /** participants who listed it */
  participants: number;
  /** mean over participants of the share of their page visits it saw (see room-shares.ts) */
  meanShare: number;
  /** the share of all the room's page visits it saw; null when the room has none */
  pooledShare: number | null;
  /** mean over participants of the share of their sites it was present on */
  meanSiteShare: number;
}

export interface RoomCountry {
  /** ISO 3166-1 alpha-2 */
  country: string;
  participants: number;
  meanShare: number;
  pooledShare: number | null;
}

export interface RoomReport {
  format: typeof ROOM_FORMAT;
  version: typeof ROOM_VERSION;
  contains: string;
  /** summaries merged */
  participants: number;
  /** of those, summaries with at least one page visit: the ones the shares are averaged over */
  participantsWithVisits: number;
  /** the participants' page visits added up */
  pageVisits: number;
  /** earliest first day to latest last day of the participants' periods; null with no participant */
  period: DaySpan | null;
  figures: Record<RoomFigure, FigureAcross>;
  companies: RoomCompany[];
  jurisdictions: RoomCountry[];
  serverCountries: RoomCountry[];
}

type Company = WorkshopSummary['companies'][number];
type CountryShare = WorkshopSummary['serverCountries'][number];

function mergeCompanies(summaries: readonly WorkshopSummary[]): RoomCompany[] {
  const shares: ParticipantShares<Company>[] = summaries.map((s) => ({ pageVisits: s.figures.pageVisits, entries: s.companies }));
  const counted = shares.filter((p) => p.pageVisits > 0).length;
  return mergeShares(
    shares,
    (c) => c.name,
    (c) => c.visitShare,
  )
    .map(({ key, seen, participants, meanShare, pooledShare }): RoomCompany => {
      const parent = mostCommon(seen.map((c) => c.parent));
      const jurisdiction = mostCommon(seen.map((c) => c.jurisdiction));
      const prism = mostCommon(seen.map((c) => c.prism));
      const disagreedOn = (
        [
          ['parent', parent],
          ['jurisdiction', jurisdiction],
          ['prism', prism],
        ] as const
      )
        .filter(([, m]) => m.disagreed)
        .map(([field]) => field);
      const meanSiteShare = seen.reduce((sum, c) => sum + c.siteShare, 0) / counted;
      return {
        name: key,
        parent: parent.value,
        jurisdiction: jurisdiction.value,
        prism: prism.value,
        disagreedOn,
        participants,
        meanShare,
        pooledShare,
        meanSiteShare,
      };
    })
    .sort(byMeanShare((c) => c.name));
}

function mergeCountries(summaries: readonly WorkshopSummary[], listOf: (s: WorkshopSummary) => readonly CountryShare[]): RoomCountry[] {
  const shares = summaries.map((s) => ({ pageVisits: s.figures.pageVisits, entries: listOf(s) }));
  return mergeShares(
    shares,
    (c) => c.country,
    (c) => c.visitShare,
  )
    .map(({ key, participants, meanShare, pooledShare }): RoomCountry => ({ country: key, participants, meanShare, pooledShare }))
    .sort(byMeanShare((c) => c.country));
}

/**
 * A summary's figure as the room counts it: null (no value, left out of the mean) when it
 * was measured on nothing. An Upstream reach with no server country behind it is unknown:
 * summaries written before the extension said so stored 0 for it.
 */
export function participantFigure(summary: WorkshopSummary, figure: RoomFigure): number | null {
  if (bySoil(figure) && summary.serverCountries.length === 0) return null;
  return summary.figures[figure];
}

/** One room report from the summaries handed in (each summary one participant; duplicates are the caller's to remove). */
export function mergeSummaries(summaries: readonly WorkshopSummary[]): RoomReport {
  const figures = Object.fromEntries(
    ROOM_FIGURES.map((figure) => [figure, figureAcross(summaries.map((s) => participantFigure(s, figure)))]),
  ) as Record<RoomFigure, FigureAcross>;
  return {
    format: ROOM_FORMAT,
    version: ROOM_VERSION,
    contains: ROOM_CONTAINS,
    participants: summaries.length,
    participantsWithVisits: summaries.filter((s) => s.figures.pageVisits > 0).length,
    pageVisits: summaries.reduce((sum, s) => sum + s.figures.pageVisits, 0),
    period: daySpan(summaries.map((s) => s.period)),
    figures,
    companies: mergeCompanies(summaries),
    jurisdictions: mergeCountries(summaries, (s) => s.jurisdictions),
    serverCountries: mergeCountries(summaries, (s) => s.serverCountries),
  };
}

/** room.json as the command and the room view write it, byte for byte. */
export function roomJsonText(report: RoomReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
