/** Printing for the browser benchmarks: the command that ran, tables, simple statistics. */
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './variants.js';

/** How this benchmark was started, to print next to its figures. */
function commandLine(benchFile: string): string {
  const env = Object.entries(process.env)
    .filter(([key]) => key.startsWith('UPSTREAM_BENCH_') || key === 'UPSTREAM_CHROMIUM')
    .map(([key, value]) => `${key}=${value} `)
    .join('');
  const script = process.argv[1] ? path.relative(ROOT, process.argv[1]) : '';
  const name = path.basename(benchFile).replace(/\.bench\.ts$/, '');
  if (script === path.join('test', 'bench', 'run.ts')) {
    const args = process.argv.slice(2);
    return `${env}npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;
  }
  return `${env}npx tsx -e "import('./test/bench/${name}.bench.ts').then((m) => m.run())"`;
}

export function header(title: string, benchFile: string, lines: string[] = []): void {
  console.log(`\n=== ${title} ===`);
  console.log(`command: ${commandLine(benchFile)}`);
  console.log(
    `machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  console.log(`load average at start: ${loadAverage()} (other jobs on the machine slow every variant alike; compare ratios)`);
  for (const line of lines) console.log(line);
}

export function loadAverage(): string {
  return os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');
}

/** Prints rows as an aligned text table; numbers right-aligned. */
export function table(title: string, columns: string[], rows: (string | number)[][]): void {
  const cells = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? fmt(cell) : cell)));
  const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[], numeric: boolean[]) =>
    row.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ');
  console.log(`\n${title}`);
  console.log(
    line(
      columns,
      columns.map(() => false),
    ),
  );
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (let r = 0; r < cells.length; r++)
    console.log(
      line(
        cells[r]!,
        rows[r]!.map((cell) => typeof cell === 'number'),
      ),
    );
}

/** A number with a sensible number of digits. */
export function fmt(value: number, digits?: number): string {
  // NaN: the median of nothing, a variant left out of this run.
  if (Number.isNaN(value)) return 'not measured';
  if (!Number.isFinite(value)) return String(value);
  const d = digits ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3);
  return value.toFixed(d);
}

export function ratio(value: number, baseline: number): string {
  return baseline > 0 ? `${(value / baseline).toFixed(3)}×` : 'n/a';
}

/** Quantile (0..1) with linear interpolation; NaN for no samples. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

export const median = (samples: readonly number[]) => quantile(samples, 0.5);

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
