import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Bloc } from '../../../classify/country-groups.js';
import { dayOf } from '../../../store/url-parts.js';
import { format } from '../../components/format.js';
import { sliceOf } from '../../aggregate/period.js';
import { dayStart } from '../report-period.js';
import { t } from '../../components/i18n.js';
import type { ReportData } from '../use-report-data.js';

const BLOCS: Bloc[] = ['us', 'eu', 'other', 'unknown'];
const COLOURS: Record<Bloc, string> = { us: '#b3261e', eu: '#1f5fa8', other: '#8a6d00', unknown: '#7a828c' };

/**
 * Page visits and third-party requests per day, the requests split by where the receiving
 * company answers to. Drawn with uPlot; the same numbers follow as a table for readers who
 * cannot see the chart.
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
  useEffect(() => {
    if (!chart.current || hourly) return;
    // Stacked bars: each series is drawn up to the sum of itself and those below it.
    const stacked = BLOCS.map((_, i) => perSlice.map((d) => BLOCS.slice(i).reduce((sum, b) => sum + d[b], 0)));
    const plot = new uPlot(
      {
        width: Math.min(960, chart.current.clientWidth || 720),
        height: 240,
        scales: { x: { time: true }, visits: {} },
        axes: [{}, { label: t('timelineRequests') }, { scale: 'visits', side: 1, label: t('timelineVisits'), grid: { show: false } }],
        series: [
          {},
          ...BLOCS.map((b) => ({
            label: t(`bloc_${b}`),
            fill: COLOURS[b],
            stroke: COLOURS[b],
            paths: uPlot.paths.bars!({ size: [0.7, 40] }),
            points: { show: false },
          })),
          { label: t('timelineVisits'), scale: 'visits', stroke: '#2e7d32', width: 2 },
        ],
      },
      [slices.starts.map((s) => s / 1000), ...stacked, visits],
      chart.current,
    );
    return () => plot.destroy();
  }, [JSON.stringify(perSlice), JSON.stringify(visits)]);
  return (
    <section aria-labelledby="timeline-heading">
      <h3 id="timeline-heading">{t('timelineHeading')}</h3>
      <div ref={chart} class="timeline-chart" aria-hidden="true" />
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
