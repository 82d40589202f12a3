/**
 * The facilitator's own record beside the room: their own period summed up exactly as a
 * participant's summary is (workshopSummary), then read figure by figure as the room reads
 * each participant's (participantFigure), so that "you" and "the room" count the same way.
 * Pure.
 */
import type { WorkshopSummary } from '../export/workshop-summary.js';
import { participantFigure, ROOM_FIGURES, type RoomFigure } from './room-report.js';

export interface OwnRecord {
  /** null: unknown for the facilitator too (see participantFigure) */
  figures: Record<RoomFigure, number | null>;
  /** share of the facilitator's page visits, by company name and by country code; a company not listed counts as 0, as in the room's mean */
  companies: ReadonlyMap<string, number>;
  jurisdictions: ReadonlyMap<string, number>;
  serverCountries: ReadonlyMap<string, number>;
}

/** Null when the facilitator's record has no page visit in the period: there is nothing to compare. */
export function ownRecord(own: WorkshopSummary): OwnRecord | null {
  if (own.figures.pageVisits === 0) return null;
  return {
    figures: Object.fromEntries(ROOM_FIGURES.map((figure) => [figure, participantFigure(own, figure)])) as Record<
      RoomFigure,
      number | null
    >,
    companies: new Map(own.companies.map((c) => [c.name, c.visitShare])),
    jurisdictions: new Map(own.jurisdictions.map((c) => [c.country, c.visitShare])),
    serverCountries: new Map(own.serverCountries.map((c) => [c.country, c.visitShare])),
  };
}
