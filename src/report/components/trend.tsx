import type { TrendSlice } from '../aggregate/exposure.js';
import type { Slices } from '../aggregate/period.js';
import { format } from './format.js';
import { t } from './i18n.js';

interface TrendProps {
  points: TrendSlice[];
  unit: Slices['unit'];
  /** accessible summary of what the bars show */
  label: string;
}

/** Above this many slices the bars are too narrow for their values: each keeps its value in its tooltip. */
const MOST_VALUES_SHOWN = 10;
/** At most this many slice labels under the bars, so that they never run into each other at 360 px. */
const MOST_TICKS = 8;

/**
 * The share of visits that reached US jurisdiction, slice by slice, as bars on a 0–100 % axis
 * that carry their values (written on the bar when there is room, always in the tooltip) and
 * the slice's date in the reader's format. Drawn in HTML rather than SVG so that text keeps its
 * size at any width; a slice without visits shows a dash, not an empty bar, so a gap reads as
 * "no browsing" rather than "0 %".
 */
export function Trend({ points, unit, label }: TrendProps) {
  const f = format();
  const tickEvery = Math.ceil(points.length / MOST_TICKS);
  const values = points.length <= MOST_VALUES_SHOWN;
  return (
    <figure class="trend" data-testid="trend" data-slices={points.length}>
      <div class="trend-plot" role="img" aria-label={label}>
        <div class="trend-axis" aria-hidden="true">
          <span>{f.share(1)}</span>
          <span>{f.share(0.5)}</span>
          <span>{f.share(0)}</span>
        </div>
        <ol class="trend-bars" aria-hidden="true">
          {points.map((point, i) => {
            const share = point.visits ? point.usVisits / point.visits : null;
            const when = f.slice(point.start, unit);
            const title =
              share === null
                ? t('trendNoVisit', when)
                : t('trendSlice', when, f.share(share), f.number(point.usVisits), f.number(point.visits));
            return (
              <li key={point.start} class="trend-slice" title={title} data-share={share ?? ''}>
                <span class="trend-column">
                  {values && <span class="trend-value">{f.share(share)}</span>}
                  {share !== null && <span class="trend-bar" style={{ height: `${share * 100}%` }} />}
                </span>
                <span class="trend-tick">{i % tickEvery === 0 ? when : ''}</span>
              </li>
            );
          })}
        </ol>
      </div>
    </figure>
  );
}
