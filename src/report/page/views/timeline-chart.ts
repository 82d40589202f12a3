import uPlot from 'uplot';
import type { Bloc } from '../../../classify/country-groups.js';
import type { Slices } from '../../aggregate/period.js';
import type { Format } from '../../components/locale-format.js';
import { t } from '../../components/i18n.js';

export const BLOCS: Bloc[] = ['us', 'eu', 'other', 'unknown'];
const COLOURS: Record<Bloc, string> = { us: '#b3261e', eu: '#1f5fa8', other: '#8a6d00', unknown: '#7a828c' };
const VISITS_COLOUR = '#2e7d32';
/** A slice label needs about this many pixels; fewer labels are written when slices are narrower. */
const TICK_SPACE_PX = 56;

interface ChartInput {
  slices: Slices;
  perSlice: Record<Bloc, number>[];
  width: number;
  f: Format;
  /** the text and grid colours of the page's theme (uPlot draws on a canvas, which CSS does not reach) */
  ink: { text: string; grid: string };
}

/**
 * uPlot's options for the daily timeline: one tick per slice labelled in the reader's own date
 * format (uPlot's time axis writes US "12am" ticks inside days), stacked bars whose legend and
 * tooltip give each bloc's own count rather than the stacked sum, page visits as dots (a line
 * would climb between days as if visits happened in between), and a legend that shows the
 * last slice until the pointer picks another.
 */
export function timelineOptions({ slices, perSlice, width, f, ink }: ChartInput): uPlot.Options {
  const every = Math.max(1, Math.ceil((slices.starts.length * TICK_SPACE_PX) / Math.max(width, 1)));
  const ticks = (): number[] => slices.starts.filter((_, i) => i % every === 0).map((s) => s / 1000);
  const axis = { stroke: ink.text, grid: { stroke: ink.grid, width: 1 }, ticks: { stroke: ink.grid, width: 1 } };
  const last = slices.starts.length - 1;
  // Half a slice on each side, so that the first and last bars are whole.
  const half = ((slices.starts[1] ?? slices.end) - (slices.starts[0] ?? 0)) / 2000 || 43_200;
  return {
    width,
    height: 240,
    scales: {
      x: { time: false, range: (_u, min, max) => [min - half, max + half] },
      visits: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.15] },
    },
    axes: [
      { ...axis, splits: ticks, values: (_u, splits) => splits.map((s) => f.slice(s * 1000, slices.unit)) },
      { ...axis, label: t('timelineRequests'), values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? f.number(s) : '')) },
      {
        ...axis,
        scale: 'visits',
        side: 1,
        label: t('timelineVisits'),
        grid: { show: false },
        values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? f.number(s) : '')),
      },
    ],
    series: [
      {
        label: t(slices.unit === 'week' ? 'colWeek' : 'colDay'),
        value: (_u, v) => (v === null || v === undefined ? '–' : f.day(v * 1000)),
      },
      ...BLOCS.map((b): uPlot.Series => ({
        label: t(`bloc_${b}`),
        fill: COLOURS[b],
        stroke: COLOURS[b],
        paths: uPlot.paths.bars!({ size: [0.7, 40] }),
        points: { show: false },
        value: (_u, _v, _series, idx) => (idx === null || idx === undefined ? '–' : f.number(perSlice[idx]?.[b] ?? 0)),
      })),
      {
        label: t('timelineVisits'),
        scale: 'visits',
        stroke: VISITS_COLOUR,
        paths: () => null,
        points: { show: true, size: 8, fill: VISITS_COLOUR, stroke: VISITS_COLOUR },
        value: (_u, v) => (v === null || v === undefined ? '–' : f.number(v)),
      },
    ],
    hooks: { ready: [(u) => u.setLegend({ idx: last })] },
  };
}

/** The stacked series uPlot draws: each bloc up to the sum of itself and those after it. */
export function stackedData(slices: Slices, perSlice: Record<Bloc, number>[], visits: number[]): uPlot.AlignedData {
  const stacked = BLOCS.map((_, i) => perSlice.map((d) => BLOCS.slice(i).reduce((sum, b) => sum + d[b], 0)));
  return [slices.starts.map((s) => s / 1000), ...stacked, visits];
}
