import type { TrendSlice } from '../aggregate/exposure.js';

interface TrendProps {
  points: TrendSlice[];
  /** accessible summary of what the bars show */
  label: string;
}

const WIDTH = 300;
const HEIGHT = 40;

/**
 * A small bar chart of the share of visits that reached US jurisdiction, slice by slice;
 * slices without visits are drawn as a faint baseline mark so gaps read as "no browsing".
 */
export function Trend({ points, label }: TrendProps) {
  const gap = points.length > 40 ? 0 : 1;
  const width = WIDTH / Math.max(1, points.length);
  return (
    <svg
      class="trend"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      preserveAspectRatio="none"
      data-testid="trend"
      data-slices={points.length}
    >
      <title>{label}</title>
      {points.map((point, i) => {
        const share = point.visits ? point.usVisits / point.visits : 0;
        const height = point.visits ? Math.max(2, share * HEIGHT) : 1;
        return (
          <rect
            key={point.start}
            class={point.visits ? 'trend-bar' : 'trend-empty'}
            x={i * width + gap / 2}
            y={HEIGHT - height}
            width={Math.max(0.5, width - gap)}
            height={height}
          />
        );
      })}
    </svg>
  );
}
