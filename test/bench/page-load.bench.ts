/**
 * Page-load overhead, measured as people browse: a news page with 300 third-party
 * sub-resources on 60 hosts (test/fixtures/bench/sites/news-bench.example, every response
 * no-store, and a unique query per load), Chromium headless, each load in a new tab.
 * Each variant runs in its own browser, all launched with the same flags; rounds alternate
 * the variants (the order rotates each round), so drift in the machine's load hits them alike:
 *   none         no extension
 *   bare         one do-nothing onCompleted listener on <all_urls>: the floor for any
 *                extension that observes every request
 *   bare-events  do-nothing listeners on the events Upstream uses (helpers/baseline-extensions.ts):
 *                targets, in one run, Upstream / bare-events < 1.05 and the extension
 *                process's CPU per load, Upstream / bare-events < 1.5
 *   upstream     dist/chrome
 * plus `empty` (UPSTREAM_BENCH_VARIANTS=none,empty,…) and, with UPSTREAM_BENCH_EXPERIMENTS=1
 * or a comma list, Upstream copies with one part of the capture path cut out
 * (helpers/variants.ts), to see what each part costs.
 *
 * Two series, HTTP/2 first: real sites speak HTTP/2, and over HTTP/1.1 six connections per
 * host make every load slow enough to hide an extension's cost. The HTTP/1.1 series is kept
 * second, with fewer rounds, for comparison with earlier figures; its ratios have no targets.
 * Each series has its own fixture server (helpers/page-load-series.ts) and its own browsers.
 *
 * Load time is the page's own navigation timing: loadEventStart of the navigation entry (ms
 * from navigation start); its nextHopProtocol shows the page came over h2, the fixture
 * server's log that the sub-resources did (Resource Timing hides their protocol cross-origin).
 * After each load the benchmark waits until Upstream has stored the page's requests (so its
 * batch never spills into the next variant's load), closes the tab and pauses 300 ms for every
 * variant alike. CPU per load (/proc, by process role) covers all of that; CPU "over the run"
 * covers all measured rounds, so work an extension defers past its window is counted too.
 *
 * Knobs: UPSTREAM_BENCH_PAGELOAD_ROUNDS (24, HTTP/2 series),
 * UPSTREAM_BENCH_PAGELOAD_H1_ROUNDS (12, HTTP/1.1 series), UPSTREAM_BENCH_PAGELOAD_SERIES
 * (h2,h1: which series to run), UPSTREAM_BENCH_PAGELOAD_WARMUP (2, after each launch),
 * UPSTREAM_BENCH_PAGELOAD_RELAUNCH_EVERY (8); UPSTREAM_BENCH_VARIANTS and
 * UPSTREAM_BENCH_EXPERIMENTS as in helpers/variants.ts.
 */
import os from 'node:os';
import type { BenchFigure } from './bench-report.js';
import { summariseSeries } from './helpers/page-load-report.js';
import { runSeries, type SeriesOptions } from './helpers/page-load-series.js';
import { header, loadAverage } from './helpers/report.js';
import { describeBuild, envInt, type PreparedVariant, type VariantName, variantsFromEnv, workspace } from './helpers/variants.js';

const WARMUP = envInt('UPSTREAM_BENCH_PAGELOAD_WARMUP', 2);
const RELAUNCH_EVERY = envInt('UPSTREAM_BENCH_PAGELOAD_RELAUNCH_EVERY', 8);
const SERIES: SeriesOptions[] = [
  { label: 'HTTP/2', http2: true, rounds: envInt('UPSTREAM_BENCH_PAGELOAD_ROUNDS', 24), warmup: WARMUP, relaunchEvery: RELAUNCH_EVERY },
  {
    label: 'HTTP/1.1',
    http2: false,
    rounds: envInt('UPSTREAM_BENCH_PAGELOAD_H1_ROUNDS', 12),
    warmup: WARMUP,
    relaunchEvery: RELAUNCH_EVERY,
  },
];

function seriesFromEnv(): SeriesOptions[] {
  const wanted = (process.env.UPSTREAM_BENCH_PAGELOAD_SERIES ?? 'h2,h1').split(',').map((name) => name.trim());
  const chosen = SERIES.filter((series) => wanted.includes(series.http2 ? 'h2' : 'h1'));
  if (chosen.length === 0) throw new Error('UPSTREAM_BENCH_PAGELOAD_SERIES: name h2, h1 or both');
  return chosen;
}

export async function run(): Promise<BenchFigure[]> {
  const names: VariantName[] = variantsFromEnv(['none', 'bare', 'bare-events', 'upstream']);
  const series = seriesFromEnv();
  header('Page-load overhead: 300 third-party sub-resources on 60 hosts, a new tab per load', import.meta.filename, [
    ...series.map(
      (s) =>
        `${s.label}: ${s.rounds} measured rounds; variants alternated, order rotated each round; one browser per variant, all launched again on fresh profiles every ${s.relaunchEvery} rounds (${s.warmup} unmeasured warm-up round(s) after each launch)`,
    ),
    "load = loadEventStart of the page's navigation timing entry; CPU per load from /proc by process role (tab opened → loaded → Upstream stored the page's requests → tab closed + 300 ms)",
    describeBuild(),
  ]);
  const ws = await workspace();
  const skipped: string[] = [];
  const prepared: PreparedVariant[] = [];
  const figures: BenchFigure[] = [];
  try {
    for (const name of names) {
      const variant = await ws.prepare(name);
      if ('skipped' in variant) skipped.push(variant.skipped);
      else prepared.push(variant);
    }
    for (const variant of prepared) console.log(`  ${variant.name}: ${variant.description}`);
    for (const options of series) {
      const result = await runSeries(prepared, ws.dir, options);
      figures.push(...summariseSeries(result, options === series[0] && options.http2));
      console.log(`  load average after the ${options.label} series: ${loadAverage()}`);
      // Under other people's jobs the load-time intervals get wide; CPU time moves far less.
      if ((os.loadavg()[0] ?? 0) > os.cpus().length)
        console.log(
          `  the machine was busy (load average above its ${os.cpus().length} cores): trust the intervals, not the medians, and compare CPU ratios`,
        );
    }
  } finally {
    await ws.remove();
  }
  for (const note of skipped) console.log(`  skipped: ${note}`);
  return figures;
}
