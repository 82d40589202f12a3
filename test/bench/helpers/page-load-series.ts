/**
 * One series of the page-load benchmark (test/bench/page-load.bench.ts): every variant's
 * browser loads the news page once per round, each load in a new tab, order rotated each
 * round, all browsers launched again on fresh profiles every `relaunchEvery` rounds.
 */
import { startFixtureServer, type FixtureServer } from '../../../src/audit/fixture-server.js';
import { checkSameEvents } from './baseline-extensions.js';
import { cpuBetween, sampleCpu, withExited, type CpuSample, type CpuUse } from './processes.js';
import { fmt, median, sleep } from './report.js';
import { maxRequestId, waitForRows } from './upstream-db.js';
import { BENCH_SITES, isUpstream, launchVariant, type PreparedVariant, type RunningVariant, type VariantName } from './variants.js';

const PAGE = 'https://news-bench.example/';
/** The news page's sub-resources; Upstream stores these and the document itself. */
const SUBRESOURCES = 300;
/** Pause after each tab is closed, the same for every variant (inside its CPU window). */
const SETTLE_MS = 300;

export interface SeriesOptions {
  label: string;
  http2: boolean;
  rounds: number;
  warmup: number;
  relaunchEvery: number;
}

export interface Load {
  variant: VariantName;
  round: number;
  loadMs: number;
  domContentLoadedMs: number;
  /** the navigation entry's nextHopProtocol ('h2', 'http/1.1') */
  protocol: string;
  /** requests the fixture server answered during the load, and how many of them over HTTP/2 */
  served: number;
  servedH2: number;
  /** from opening the tab to SETTLE_MS after closing it */
  cpu: CpuUse;
  /** Upstream: rows stored for this load, and how often the benchmark asked its database */
  stored?: number;
  polls?: number;
}

export interface SeriesResult {
  options: SeriesOptions;
  names: VariantName[];
  loads: Load[];
  /** CPU of each variant's browser over all measured rounds (idle time between its loads included) */
  runCpu: Map<VariantName, CpuUse[]>;
  notes: string[];
}

async function loadOnce(variant: RunningVariant, server: FixtureServer, round: number, label: string): Promise<Load> {
  const worker = isUpstream(variant.name) ? variant.serviceWorker() : null;
  const before = worker ? await maxRequestId(worker) : 0;
  const cpuBefore = sampleCpu(variant.browserPid!);
  const logStart = server.log.length;
  // A new tab per load, as people browse: Upstream's content script and its tab bookkeeping
  // run per document and per tab, which reloading one tab would partly spare it.
  const page = await variant.context.newPage();
  await page.goto(`${PAGE}?series=${label}&round=${round}&variant=${variant.name}`, { waitUntil: 'load' });
  const logged = server.log.slice(logStart);
  const timing = await page.evaluate(() => {
    const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return {
      load: entry ? entry.loadEventStart - entry.startTime : NaN,
      dcl: entry ? entry.domContentLoadedEventStart - entry.startTime : NaN,
      protocol: entry?.nextHopProtocol ?? '',
    };
  });
  // The page's requests (and the document's own) are stored before the tab goes, so that
  // Upstream's batch never spills into the next variant's load.
  const stored = worker ? await waitForRows(worker, before, SUBRESOURCES + 1, 50, 2_000) : undefined;
  const beforeClose = sampleCpu(variant.browserPid!);
  await page.close();
  await sleep(SETTLE_MS);
  const cpu = cpuBetween(cpuBefore, withExited(beforeClose, sampleCpu(variant.browserPid!)));
  return {
    variant: variant.name,
    round,
    loadMs: timing.load,
    domContentLoadedMs: timing.dcl,
    protocol: timing.protocol,
    served: logged.length,
    // Resource Timing hides a cross-origin resource's protocol; the server knows it.
    servedH2: logged.filter((entry) => entry.httpVersion === '2.0').length,
    cpu,
    ...(stored ? { stored: stored.count, polls: stored.polls } : {}),
  };
}

export async function runSeries(prepared: PreparedVariant[], workDir: string, options: SeriesOptions): Promise<SeriesResult> {
  const { label, rounds, warmup, relaunchEvery } = options;
  const server = await startFixtureServer(BENCH_SITES, { http2: options.http2 });
  const running: RunningVariant[] = [];
  const loads: Load[] = [];
  const runCpu = new Map<VariantName, CpuUse[]>(prepared.map((variant) => [variant.name, []]));
  const notes: string[] = [];
  try {
    // Each browser instance has a speed of its own (docs/measurements.md), which
    // alternating rounds cannot cancel: every `relaunchEvery` rounds, all browsers start again
    // on fresh profiles and load `warmup` unmeasured rounds first.
    for (let first = 0; first < rounds; first += relaunchEvery) {
      for (const variant of prepared) {
        const launched = await launchVariant(variant, server, workDir);
        running.push(launched);
        if (launched.browserPid === null) throw new Error(`${variant.name}: cannot find the browser process in /proc`);
        if (first === 0 && variant.name === 'upstream' && prepared.some((other) => other.name === 'bare-events')) {
          const worker = launched.serviceWorker();
          notes.push(worker ? (await checkSameEvents(worker)).note : 'could not check bare-events against Upstream: no worker');
        }
      }
      const last = Math.min(rounds, first + relaunchEvery);
      let cpuStart = new Map<VariantName, CpuSample>();
      for (let round = first - warmup; round < last; round++) {
        if (round === first) cpuStart = new Map(running.map((variant) => [variant.name, sampleCpu(variant.browserPid!)]));
        for (let i = 0; i < running.length; i++) {
          const variant = running[(i + round + warmup) % running.length]!;
          const load = await loadOnce(variant, server, round, label);
          if (round >= first) loads.push(load);
        }
      }
      for (const variant of running)
        runCpu.get(variant.name)!.push(cpuBetween(cpuStart.get(variant.name)!, sampleCpu(variant.browserPid!)));
      const of = (name: VariantName) => median(loads.filter((load) => load.variant === name).map((load) => load.loadMs));
      console.log(
        `  ${label}, after ${last} rounds: ${running.map((variant) => `${variant.name} ${fmt(of(variant.name))} ms`).join(', ')}`,
      );
      while (running.length)
        await running
          .pop()!
          .close()
          .catch(() => undefined);
    }
  } finally {
    for (const variant of running) await variant.close().catch(() => undefined);
    await server.close();
  }
  return { options, names: prepared.map((variant) => variant.name), loads, runCpu, notes };
}
