/**
 * Page-load overhead (issue 3): a news page with 300 third-party sub-resources on 60 hosts
 * (test/fixtures/bench/sites/news-bench.example, every response no-store, and a unique query
 * per load), Chromium headless. Each variant runs in its own browser, launched once with the
 * same flags; rounds alternate the variants (the order rotates each round), so drift in the
 * machine's load hits them alike:
 *   none      no extension
 *   empty     an MV3 extension with nothing in it
 *   bare      one do-nothing onCompleted listener on <all_urls>: the floor for any extension
 *             that observes every request (target: Upstream / bare ≤ 1.05)
 *   upstream  dist/chrome
 * plus, with UPSTREAM_BENCH_EXPERIMENTS=1, Upstream copies with one part of the capture path
 * cut out (helpers/variants.ts), to see what each part costs.
 *
 * Load time is the page's own navigation timing: loadEventStart of the navigation entry
 * (ms from navigation start). After each load the benchmark waits until Upstream has stored
 * the page's requests (so its batch never spills into the next variant's load), then pauses
 * SETTLE_MS for every variant alike. CPU per load (/proc) covers the load and that wait.
 *
 * Knobs: UPSTREAM_BENCH_PAGELOAD_ROUNDS (30), UPSTREAM_BENCH_PAGELOAD_WARMUP (2, after each
 * launch), UPSTREAM_BENCH_PAGELOAD_RELAUNCH_EVERY (8).
 */
import type { Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../../src/audit/fixture-server.js';
import type { BenchFigure } from './bench-report.js';
import { cpuBetween, sampleCpu, type CpuUse } from './helpers/processes.js';
import { fmt, header, loadAverage, median, quantile, ratio, sleep, table } from './helpers/report.js';
import { maxRequestId, waitForRows } from './helpers/upstream-db.js';
import { BENCH_SITES, describeBuild, isUpstream, launchVariant, envInt, type PreparedVariant, type RunningVariant, type VariantName, variantsFromEnv, workspace } from './helpers/variants.js';

const ROUNDS = envInt('UPSTREAM_BENCH_PAGELOAD_ROUNDS', 30);
const WARMUP = envInt('UPSTREAM_BENCH_PAGELOAD_WARMUP', 2);
const RELAUNCH_EVERY = envInt('UPSTREAM_BENCH_PAGELOAD_RELAUNCH_EVERY', 8);
const SETTLE_MS = 300;
const SUBRESOURCES = 300;
const TARGET_VS_BARE = 1.05;
const PAGE = 'https://news-bench.example/';

interface Load {
  variant: VariantName;
  round: number;
  loadMs: number;
  domContentLoadedMs: number;
  /** requests the fixture server answered during the load (the document, its 300 sub-resources) */
  served: number;
  cpu: CpuUse;
  /** Upstream: rows stored for this load */
  stored?: number;
}

async function loadOnce(variant: RunningVariant, page: Page, server: FixtureServer, round: number): Promise<Load> {
  const worker = isUpstream(variant.name) ? variant.serviceWorker() : null;
  const before = worker ? await maxRequestId(worker) : 0;
  const cpuBefore = sampleCpu(variant.browserPid!);
  const logStart = server.log.length;
  await page.goto(`${PAGE}?round=${round}&variant=${variant.name}`, { waitUntil: 'load' });
  const served = server.log.length - logStart;
  const timing = await page.evaluate(() => {
    const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return {
      load: entry ? entry.loadEventStart - entry.startTime : NaN,
      dcl: entry ? entry.domContentLoadedEventStart - entry.startTime : NaN,
    };
  });
  // The page's requests (and the document's own) are stored before anything else runs.
  const stored = worker ? (await waitForRows(worker, before, SUBRESOURCES + 1, 50, 2_000)).count : undefined;
  const cpu = cpuBetween(cpuBefore, sampleCpu(variant.browserPid!));
  return { variant: variant.name, round, loadMs: timing.load, domContentLoadedMs: timing.dcl, served, cpu, ...(stored !== undefined ? { stored } : {}) };
}

/** Ratio of medians and a bootstrap 95% interval for it (resampling rounds with replacement). */
function ratioInterval(values: number[], baseline: number[], seed = 1): [number, number] {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pick = (samples: number[]) => samples.map(() => samples[Math.floor(random() * samples.length)]!);
  const ratios: number[] = [];
  for (let i = 0; i < 2000; i++) ratios.push(median(pick(values)) / median(pick(baseline)));
  return [quantile(ratios, 0.025), quantile(ratios, 0.975)];
}

export async function run(): Promise<BenchFigure[]> {
  const names: VariantName[] = variantsFromEnv(['none', 'empty', 'bare', 'upstream']);
  header('Page-load overhead: 300 third-party sub-resources on 60 hosts', import.meta.filename, [
    `${ROUNDS} measured rounds after ${WARMUP} warm-up round(s); variants alternated, order rotated each round; one browser per variant, all launched again on fresh profiles every ${RELAUNCH_EVERY} rounds (${WARMUP} unmeasured warm-up round(s) after each launch)`,
    'load = loadEventStart of the page\'s navigation timing entry; CPU per load from /proc (load + wait until Upstream stored the page\'s requests)',
    describeBuild(),
  ]);
  const ws = await workspace();
  const server = await startFixtureServer(BENCH_SITES);
  const running: RunningVariant[] = [];
  const loads: Load[] = [];
  const skipped: string[] = [];
  const prepared: PreparedVariant[] = [];
  try {
    for (const name of names) {
      const variant = await ws.prepare(name);
      if ('skipped' in variant) skipped.push(variant.skipped);
      else prepared.push(variant);
    }
    // Each browser instance has a speed of its own (measured: a variant that only lacked the
    // content scripts loaded 12% slower than Upstream in every tenth of a 40-round run), which
    // alternating rounds cannot cancel: every RELAUNCH_EVERY rounds, all browsers start again
    // on fresh profiles and load WARMUP unmeasured rounds first.
    for (let first = 0; first < ROUNDS; first += RELAUNCH_EVERY) {
      const pages = new Map<VariantName, Page>();
      for (const variant of prepared) {
        const launched = await launchVariant(variant, server, ws.dir);
        running.push(launched);
        if (launched.browserPid === null) throw new Error(`${variant.name}: cannot find the browser process in /proc`);
        pages.set(variant.name, await launched.context.newPage());
      }
      const last = Math.min(ROUNDS, first + RELAUNCH_EVERY);
      for (let round = first - WARMUP; round < last; round++) {
        for (let i = 0; i < running.length; i++) {
          const variant = running[(i + round + WARMUP) % running.length]!;
          const load = await loadOnce(variant, pages.get(variant.name)!, server, round);
          if (round >= first) loads.push(load);
          await sleep(SETTLE_MS);
        }
        if (round >= first && (round + 1) % 10 === 0) {
          const of = (name: VariantName) => median(loads.filter((l) => l.variant === name).map((l) => l.loadMs));
          console.log(`  after ${round + 1} rounds: ${running.map((v) => `${v.name} ${fmt(of(v.name))} ms`).join(', ')}`);
        }
      }
      while (running.length) await running.pop()!.close().catch(() => undefined);
    }
  } finally {
    for (const variant of running) await variant.close().catch(() => undefined);
    await server.close();
    await ws.remove();
  }
  return summarise(prepared.map((variant) => variant.name), loads, skipped);
}

function summarise(names: VariantName[], loads: Load[], skipped: string[]): BenchFigure[] {
  const of = (name: VariantName) => loads.filter((load) => load.variant === name);
  const times = (name: VariantName) => of(name).map((load) => load.loadMs);
  const med = (name: VariantName) => median(times(name));
  /** per-round ratio against another variant, then its median (pairs loads of the same round) */
  const paired = (name: VariantName, base: VariantName) => {
    const baseByRound = new Map(of(base).map((load) => [load.round, load.loadMs]));
    return median(of(name).filter((load) => baseByRound.has(load.round)).map((load) => load.loadMs / baseByRound.get(load.round)!));
  };
  const interval = (name: VariantName, base: VariantName) => {
    const [low, high] = ratioInterval(times(name), times(base));
    return `${low.toFixed(3)}–${high.toFixed(3)}`;
  };
  table(
    `Load time (ms, ${ROUNDS} rounds per variant)`,
    ['variant', 'median', 'p25', 'p75', 'DOMContentLoaded', 'vs none', '95% CI', 'vs bare', '95% CI', 'paired vs bare', 'requests served'],
    names.map((name) => [
      name,
      med(name),
      quantile(times(name), 0.25),
      quantile(times(name), 0.75),
      median(of(name).map((load) => load.domContentLoadedMs)),
      ratio(med(name), med('none')),
      interval(name, 'none'),
      ratio(med(name), med('bare')),
      interval(name, 'bare'),
      `${paired(name, 'bare').toFixed(3)}×`,
      median(of(name).map((load) => load.served)),
    ]),
  );
  table(
    'CPU per page load (median ms of CPU time; load plus the wait until Upstream stored the page)',
    ['variant', 'SW thread', 'browser', 'network', 'page renderer', 'extension renderer', 'all chromium', 'cores: others', 'rows stored'],
    names.map((name) => [
      name,
      median(of(name).map((load) => load.cpu.serviceWorkerMs)),
      median(of(name).map((load) => load.cpu.byRole.browser)),
      median(of(name).map((load) => load.cpu.byRole.network)),
      median(of(name).map((load) => load.cpu.byRole['page renderer'])),
      median(of(name).map((load) => load.cpu.byRole['extension renderer'])),
      median(of(name).map((load) => load.cpu.chromiumMs)),
      median(of(name).map((load) => load.cpu.othersMs / load.cpu.wallMs)),
      isUpstream(name) ? median(of(name).map((load) => load.stored ?? 0)) : '-',
    ]),
  );
  const upVsBare = med('upstream') / med('bare');
  const lines = [
    `Upstream / bare listener: ${upVsBare.toFixed(3)} (95% CI ${interval('upstream', 'bare')}; paired per round ${paired('upstream', 'bare').toFixed(3)}), target ≤ ${TARGET_VS_BARE}: ${upVsBare <= TARGET_VS_BARE ? 'meets target' : 'MISSES target'}.`,
    `Upstream / no extension: ${(med('upstream') / med('none')).toFixed(3)}; bare listener / no extension: ${(med('bare') / med('none')).toFixed(3)}; empty extension / no extension: ${(med('empty') / med('none')).toFixed(3)}.`,
    ...names
      .filter((name) => name !== 'upstream' && isUpstream(name))
      .map((name) => `${name} / bare: ${(med(name) / med('bare')).toFixed(3)} (95% CI ${interval(name, 'bare')}); vs upstream: ${(med(name) / med('upstream')).toFixed(3)}; SW CPU per load ${fmt(median(of(name).map((l) => l.cpu.serviceWorkerMs)))} ms vs upstream ${fmt(median(of('upstream').map((l) => l.cpu.serviceWorkerMs)))} ms.`),
    ...skipped.map((note) => `skipped: ${note}`),
    `load average at the end: ${loadAverage()}`,
  ];
  console.log(`\nSummary\n${lines.map((line) => `  ${line}`).join('\n')}`);

  const figures: BenchFigure[] = [
    { name: 'load, no extension', value: med('none'), unit: 'ms' },
    { name: 'load, empty extension', value: med('empty'), unit: 'ms', baseline: 'load, no extension' },
    { name: 'load, bare listener', value: med('bare'), unit: 'ms', baseline: 'load, no extension' },
    { name: 'load, Upstream vs none', value: med('upstream'), unit: 'ms', baseline: 'load, no extension' },
    { name: 'load, Upstream', value: med('upstream'), unit: 'ms', baseline: 'load, bare listener' },
    { name: 'Upstream / bare listener', value: upVsBare, unit: '×', target: { below: TARGET_VS_BARE } },
  ];
  for (const name of names.filter((n) => n !== 'upstream' && isUpstream(n))) {
    figures.push({ name: `load, ${name}`, value: med(name), unit: 'ms', baseline: 'load, Upstream' });
  }
  return figures;
}
