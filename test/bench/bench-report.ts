/**
 * What a benchmark module hands back to test/bench/run.ts: named figures, each optionally
 * compared with a baseline figure measured in the same run, and checked against a target.
 */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** Name of another figure of the same run; the runner prints value / baseline. */
  baseline?: string;
  /** The target, e.g. { below: 1 } or { atLeast: 20 } (in `unit`, or for `ratio`, in ×). */
  target?: { below?: number; atLeast?: number; ratioAtLeast?: number };
  note?: string;
}

export interface BenchModule {
  run(): Promise<BenchFigure[] | void> | BenchFigure[] | void;
}

/** The p-th percentile (0..1) of sorted samples. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Median cost of reading the clock twice, to subtract from per-call timings. */
export function timerOverhead(): number {
  const samples = new Float64Array(200_000);
  for (let i = 0; i < samples.length; i++) {
    const start = performance.now();
    samples[i] = performance.now() - start;
  }
  return percentile(samples.sort(), 0.5);
}

export function format(value: number, unit: string): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3;
  return `${value.toFixed(digits)} ${unit}`;
}
