import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Bloc } from '../../../classify/country-groups.js';
import { dayOf } from '../../../store/url-parts.js';
import { format } from '../../components/format.js';
import { sliceOf } from '../../aggregate/period.js';
import { dayStart } from '../report-period.js';
import { t } from '../../components/i18n.js';
import type { ReportData } from '../use-report-data.js';
import { BLOCS, stackedData, timelineOptions } from './timeline-chart.js';

/** The theme's text and line colours, read from the page since uPlot draws on a canvas, and read again when the theme changes. */
function useInk(box: { current: HTMLElement | null }): { text: string; grid: string } | null {
  const [ink, setInk] = useState<{ text: string; grid: string } | null>(null);
  useEffect(() => {
    const read = () => {
      if (!box.current) return;
      const style = getComputedStyle(box.current);
      setInk({ text: style.color, grid: style.getPropertyValue('--line').trim() || style.color });
    };
    read();
    const dark = matchMedia('(prefers-color-scheme: dark)');
    dark.addEventListener('change', read);
    return () => dark.removeEventListener('change', read);
  }, []);
  return ink;
}

/**
 * Page visits and third-party requests per day, the requests split by where the receiving
 * company answers to. Drawn with uPlot at the width of its box (and again when the box
 * changes); the same numbers follow as a table for readers who cannot see the chart.
 */
export function Timeline({ data }: { data: ReportData }) {
  const f = format();
  const slices = data.exposure.trend.slices;
  // Requests are counted per day: they fill day and week slices; hour slices show page visits only.
  const hourly = slices.unit === 'hour';
  const perSlice = slices.starts.map((): Record<Bloc, number> => ({ us: 0, eu: 0, other: 0, unknown: 0 }));
  if (!hourly) {
    for (const [day, counts] of data.requests.byDay) {
      const start = dayStart(day);
      const slice = start === null ? -1 : sliceOf(slices, start);
      if (slice >= 0) for (const b of BLOCS) perSlice[slice]![b] += counts[b];
    }
  }
  const visits = data.exposure.trend.points.map((p) => p.visits);
  const chart = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const box = chart.current;
    if (!box || hourly) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(box);
    return () => observer.disconnect();
  }, [hourly]);
  const ink = useInk(chart);
  useEffect(() => {
    if (!chart.current || hourly || width <= 0 || !ink) return;
    const plot = new uPlot(timelineOptions({ slices, perSlice, width, f, ink }), stackedData(slices, perSlice, visits), chart.current);
    return () => plot.destroy();
  }, [JSON.stringify(perSlice), JSON.stringify(visits), width, ink?.text, ink?.grid]);
  return (
    <section aria-labelledby="timeline-heading">
      <h3 id="timeline-heading">{t('timelineHeading')}</h3>
      <div ref={chart} class="timeline-chart" aria-hidden="true" data-testid="timeline-chart" />
      <details>
        <summary>{t('timelineTable')}</summary>
        <table class="data" data-testid="timeline-table">
          <thead>
            <tr>
              <th scope="col">{t(hourly ? 'colHour' : 'colDay')}</th>
              <th scope="col" class="num">
                {t('timelineVisits')}
              </th>
              {!hourly &&
                BLOCS.map((b) => (
                  <th key={b} scope="col" class="num">
                    {t(`bloc_${b}`)}
                  </th>
                ))}
            </tr>
          </thead>
          <tbody>
            {slices.starts.map((start, i) => (
              <tr key={start} data-day={dayOf(start)}>
                <th scope="row">{hourly ? f.date(start) : f.day(start)}</th>
                <td class="num" data-column="visits">
                  {f.number(visits[i]!)}
                </td>
                {!hourly &&
                  BLOCS.map((b) => (
                    <td key={b} class="num" data-column={b}>
                      {f.number(perSlice[i]![b])}
                    </td>
                  ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
