/**
 * One measurement of the capture-ingest bench (capture-ingest.bench.ts): a page keeps
 * CONCURRENCY requests in flight until N were answered, on HOSTS hosts; the figures are the
 * rates the page and the server saw, for Upstream the rows stored, their loss and the worker's
 * CPU per row by quarter of the run, a backlog drained after the store was locked, and the
 * CPU time of every Chromium process by role.
 */
import type { Page } from 'playwright-core';
import type { FixtureServer } from '../../../src/audit/fixture-server.js';
import { fire, type FireResult } from './fire.js';
import { cpuBetween, sampleCpu, type CpuSample, type CpuUse } from './processes.js';
import { measureBacklog, type BacklogResult } from './backlog.js';
import { sleep } from './report.js';
import { countRequestsAfter, maxRequestId, tallyPaths, waitForRows } from './upstream-db.js';
import { isUpstream, type RunningVariant, type VariantName } from './variants.js';
import { BACKLOG, CONCURRENCY, HOSTS, KIND, N, WARMUP } from './ingest-knobs.js';

export interface Measurement {
  variant: VariantName;
  round: number;
  fired: FireResult;
  /** answered requests per second as the page saw them */
  pageRate: number;
  /** requests per second as the server received them (first → last arrival) */
  serverRate: number;
  serverCount: number;
  /** Upstream only */
  stored?: { distinct: number; rows: number; lost: number; msAfterLastAnswer: number; endToEndRate: number; reached: boolean };
  /** Upstream only: service-worker CPU per stored row in each quarter of the run (does the cost grow with the data?) */
  quarters?: number[];
  /** Upstream only: a burst journaled while the store was locked, then drained */
  backlog?: BacklogResult;
  cpu: CpuUse;
}

function urlsFor(prefix: string, count: number): { urls: string[]; kinds: string } {
  const urls: string[] = [];
  let kinds = '';
  for (let i = 0; i < count; i++) {
    const kind = KIND === 'mixed' ? (i % 3 === 0 ? 'i' : 'g') : KIND === 'i' ? 'i' : 'g';
    urls.push(`https://t${i % HOSTS}.ingest-bench.example${prefix}${i}.gif`);
    kinds += kind;
  }
  return { urls, kinds };
}

export async function burst(
  variant: RunningVariant,
  page: Page,
  prefix: string,
  count: number,
): Promise<{ fired: FireResult; afterId: number }> {
  const worker = isUpstream(variant.name) ? variant.serviceWorker() : null;
  const afterId = worker ? await maxRequestId(worker) : 0;
  const fired = await fire(page, { ...urlsFor(prefix, count), concurrency: CONCURRENCY });
  if (worker) await waitForRows(worker, afterId, count);
  return { fired, afterId };
}

export async function measure(variant: RunningVariant, page: Page, server: FixtureServer, round: number): Promise<Measurement> {
  await burst(variant, page, `/warm/r${round}/`, WARMUP);
  const prefix = `/ingest/r${round}-${variant.name}/`;
  const worker = isUpstream(variant.name) ? variant.serviceWorker() : null;
  if (isUpstream(variant.name) && !worker) throw new Error(`${variant.name}: no service worker`);
  const afterId = worker ? await maxRequestId(worker) : 0;
  const logStart = server.log.length;
  const cpuBefore = sampleCpu(variant.browserPid!);
  // For Upstream, every second: rows stored so far and the worker thread's CPU.
  const timeline: { rows: number; workerMs: number }[] = [{ rows: 0, workerMs: workerMs(cpuBefore) }];
  let sampling = worker !== null;
  const sampler = (async () => {
    while (sampling && worker) {
      await sleep(1000);
      const rows = await countRequestsAfter(worker, afterId);
      timeline.push({ rows, workerMs: workerMs(sampleCpu(variant.browserPid!)) });
    }
  })();
  const fired = await fire(page, { ...urlsFor(prefix, N), concurrency: CONCURRENCY });
  let stored: Measurement['stored'];
  if (worker) {
    const wait = await waitForRows(worker, afterId, N);
    sampling = false;
    await sampler;
    const cpuAfter = sampleCpu(variant.browserPid!);
    const tally = await tallyPaths(worker, afterId, prefix);
    stored = {
      distinct: tally.distinct,
      rows: tally.matching,
      lost: N - tally.distinct,
      msAfterLastAnswer: wait.reachedAt - fired.end,
      endToEndRate: (tally.distinct * 1000) / (wait.reachedAt - fired.start),
      reached: wait.reached,
    };
    timeline.push({ rows: tally.rows, workerMs: workerMs(cpuAfter) });
    const backlogPrefix = `/backlog/r${round}-${variant.name}/`;
    const backlog = await measureBacklog(
      variant,
      BACKLOG,
      backlogPrefix,
      () => fire(page, { ...urlsFor(backlogPrefix, BACKLOG), concurrency: CONCURRENCY }),
      () => workerMs(sampleCpu(variant.browserPid!)),
    );
    return {
      ...rates(variant.name, round, fired, server, logStart, prefix),
      stored,
      quarters: quarters(timeline),
      backlog,
      cpu: cpuBetween(cpuBefore, cpuAfter),
    };
  }
  const cpuAfter = sampleCpu(variant.browserPid!);
  return { ...rates(variant.name, round, fired, server, logStart, prefix), cpu: cpuBetween(cpuBefore, cpuAfter) };
}

function workerMs(sample: CpuSample): number {
  let total = 0;
  for (const ms of sample.workerThreads.values()) total += ms;
  return total;
}

/** µs of worker CPU per row stored, between the samples nearest to each quarter of N rows. */
function quarters(timeline: { rows: number; workerMs: number }[]): number[] {
  const at = (rows: number) => timeline.find((point) => point.rows >= rows) ?? timeline.at(-1)!;
  const result: number[] = [];
  let from = timeline[0]!;
  for (let q = 1; q <= 4; q++) {
    const to = at((N * q) / 4);
    result.push(to.rows > from.rows ? ((to.workerMs - from.workerMs) * 1000) / (to.rows - from.rows) : NaN);
    from = to;
  }
  return result;
}

function rates(variant: VariantName, round: number, fired: FireResult, server: FixtureServer, logStart: number, prefix: string) {
  const arrivals = server.log.slice(logStart).filter((entry) => entry.path.startsWith(prefix));
  const first = arrivals[0]?.time ?? 0;
  const last = arrivals.at(-1)?.time ?? 0;
  return {
    variant,
    round,
    fired,
    pageRate: ((fired.ok + fired.failed) * 1000) / (fired.end - fired.start),
    serverRate: last > first ? ((arrivals.length - 1) * 1000) / (last - first) : NaN,
    serverCount: arrivals.length,
  };
}
