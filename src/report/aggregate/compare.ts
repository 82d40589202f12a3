/**
 * Two sides of a comparison (two periods, this record and an opened export, a site before
 * and after a moment) read figure by figure and company by company. Pure: each side is an
 * Exposure computed as every other view computes it, so a figure compared here is the figure
 * the overview shows. The figures come from the registry (store/figures.ts), in its order:
 * a new figure is compared without a change here.
 */
import { FIGURES, isShareFigure, type FigureKey } from '../../store/figures.js';
import type { Observer } from '../../store/observers.js';
import { figureValues, type Exposure } from './exposure.js';
import type { UnknownReason } from './unknown-figure.js';

export interface FigureChange {
  key: FigureKey;
  /** a share 0..1 (its change is in percentage points, as a fraction) or a count (the median of observers) */
  share: boolean;
  a: number | null;
  b: number | null;
  /** why a side's value is unknown; null when it is known */
  unknownA: UnknownReason | null;
  unknownB: UnknownReason | null;
  /** b − a; null when either side is unknown: an unknown is never read as 0 */
  change: number | null;
}

/** A company seen on one side only: its share of that side's page visits. */
export interface CompanyOnOneSide extends Observer {
  share: number;
}

/** A company seen on both sides: its share of each side's page visits, and b − a. */
interface CompanyChange extends Observer {
  a: number;
  b: number;
  change: number;
}

export interface Comparison {
  visits: { a: number; b: number };
  sites: { a: number; b: number };
  figures: FigureChange[];
  /** most visits first */
  onlyA: CompanyOnOneSide[];
  onlyB: CompanyOnOneSide[];
  /** largest change first, either way */
  both: CompanyChange[];
}

/** Why a figure of this side has no value (the figure's kind says where its reason is kept). */
function unknownOf(e: Exposure, figure: (typeof FIGURES)[number]): UnknownReason | null {
  switch (figure.kind) {
    case 'reach':
      return e[figure.key].unknown;
    case 'observers-median':
      return e.observersPerPage === null ? 'no-page-visits' : null;
    case 'clear-share':
      return e.clearText.unknown;
  }
}

/** Each company's share of the side's page visits, by observer key. */
function sharesOf(e: Exposure): Map<string, { observer: Observer; share: number }> {
  const shares = new Map<string, { observer: Observer; share: number }>();
  for (const o of e.observers) {
    const { key, name, known, parent, jurisdiction, prism } = o;
    shares.set(key, { observer: { key, name, known, parent, jurisdiction, prism }, share: e.visits ? o.visits / e.visits : 0 });
  }
  return shares;
}

const byShare = (x: CompanyOnOneSide, y: CompanyOnOneSide) => y.share - x.share || x.name.localeCompare(y.name);

function onlyIn(side: Map<string, { observer: Observer; share: number }>, other: Map<string, unknown>): CompanyOnOneSide[] {
  return [...side.values()]
    .filter(({ observer }) => !other.has(observer.key))
    .map(({ observer, share }) => ({ ...observer, share }))
    .sort(byShare);
}

export function compareExposures(a: Exposure, b: Exposure): Comparison {
  const valuesA = figureValues(a);
  const valuesB = figureValues(b);
  const figures = FIGURES.map((figure): FigureChange => {
    const [va, vb] = [valuesA[figure.key], valuesB[figure.key]];
    return {
      key: figure.key,
      share: isShareFigure(figure.key),
      a: va,
      b: vb,
      unknownA: va === null ? (unknownOf(a, figure) ?? 'no-page-visits') : null,
      unknownB: vb === null ? (unknownOf(b, figure) ?? 'no-page-visits') : null,
      change: va === null || vb === null ? null : vb - va,
    };
  });
  const sharesA = sharesOf(a);
  const sharesB = sharesOf(b);
  const both = [...sharesA.values()]
    .filter(({ observer }) => sharesB.has(observer.key))
    .map(({ observer, share }): CompanyChange => {
      const after = sharesB.get(observer.key)!.share;
      return { ...observer, a: share, b: after, change: after - share };
    })
    .sort((x, y) => Math.abs(y.change) - Math.abs(x.change) || x.name.localeCompare(y.name));
  return {
    visits: { a: a.visits, b: b.visits },
    sites: { a: a.sites, b: b.sites },
    figures,
    onlyA: onlyIn(sharesA, sharesB),
    onlyB: onlyIn(sharesB, sharesA),
    both,
  };
}
