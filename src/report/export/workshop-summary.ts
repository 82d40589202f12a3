/**
 * The anonymised summary a workshop participant hands in: the period's headline figures,
 * the companies that saw them and the countries. No site, page address, host or time of
 * visit is in it, and no company that could name one: only catalogued companies (an
 * uncatalogued one is named by its domain) seen on at least MIN_SITES sites (a company
 * seen on one site only is often that site's own publisher).
 */
import type { ReportData } from '../aggregate/report-data.js';
import type { ReachKey } from '../../store/figures.js';
import { figureValues } from '../aggregate/exposure.js';

export const SUMMARY_FORMAT = 'upstream-workshop-summary';
export const SUMMARY_VERSION = 1;
const MIN_SITES = 2;

export interface WorkshopSummary {
  format: typeof SUMMARY_FORMAT;
  version: typeof SUMMARY_VERSION;
  contains: string;
  /** random, chosen at export and shown to the participant (summary-label.ts); absent in summaries made before labels */
  label?: string;
  extension: { version: string };
  /** length of the period in calendar days, and its last day (no visit times) */
  period: { days: number; lastDay: string };
  /**
   * a share or median is null when unknown (docs/workshop.md): no page visit, no request, or
   * for upstreamReach no server location known, for usHostedReach no server operator known; one
   * share per reach figure of store/figures.ts (a figure added after format version 1 is
   * absent from earlier summaries, and read as null)
   */
  figures: {
    pageVisits: number;
    sites: number;
    observersPerPage: number | null;
    clearText: number | null;
  } & Record<ReachKey, number | null>;
  companies: { name: string; parent: string | null; jurisdiction: string | null; prism: boolean; siteShare: number; visitShare: number }[];
  serverCountries: { country: string; visitShare: number }[];
  jurisdictions: { country: string; visitShare: number }[];
}

/** The summary of a report's period; `label` is left out for a summary that is not handed in (the facilitator's own record). */
export function workshopSummary(data: ReportData, extensionVersion: string, lastDay: string, label?: string): WorkshopSummary {
  const e = data.exposure;
  return {
    format: SUMMARY_FORMAT,
    version: SUMMARY_VERSION,
    contains:
      "Anonymised summary of one person's browsing: headline shares, the catalogued companies seen on at least two sites, and the countries involved. " +
      'No site names, page addresses, hosts or visit times.',
    ...(label === undefined ? {} : { label }),
    extension: { version: extensionVersion },
    period: { days: Math.max(1, Math.round((data.range.to - data.range.from) / 86_400_000)), lastDay },
    figures: {
      pageVisits: e.visits,
      sites: e.sites,
      ...figureValues(e),
    },
    companies: e.observers
      .filter((o) => o.known && o.sites >= MIN_SITES)
      .map((o) => ({
        name: o.name,
        parent: o.parent,
        jurisdiction: o.jurisdiction,
        prism: o.prism,
        siteShare: o.siteShare,
        visitShare: e.visits ? o.visits / e.visits : 0,
      })),
    serverCountries: e.countries.map((c) => ({ country: c.country, visitShare: c.share })),
    jurisdictions: e.jurisdictions.map((c) => ({ country: c.country, visitShare: c.share })),
  };
}
