/**
 * Sustained ingest in real Chromium (target ≥ 5,000 requests recorded per second
 * with no loss): a page keeps CONCURRENCY requests in flight until N were answered, on HOSTS
 * hosts, all served by the fixture server on loopback (HTTPS, trusted certificate). Measured
 * in the same run for three browsers, each launched once with the same flags:
 *   none      no extension: what the page, the browser and the server manage on their own
 *   bare      a do-nothing onCompleted listener on <all_urls>: the webRequest floor
 *   bare-headers  do-nothing onSendHeaders (with extraHeaders) and onCompleted listeners: the
 *             two events per request Upstream needs for its cookie and referrer flags, so
 *             the floor of any design that records them
 *   upstream  dist/chrome
 * (plus, with UPSTREAM_BENCH_EXPERIMENTS=1, Upstream copies with one part of the capture path
 * cut out; see helpers/variants.ts).
 *
 * Figures per variant: the rate the page saw its requests answered (first start → last end),
 * the rate the server received them, for Upstream the time until all N rows are in IndexedDB
 * (row count polled every 50 ms from the service worker) and the loss (N − distinct stored
 * paths), and CPU time from /proc: the extension's "ServiceWorker thread" alone, and every
 * Chromium process by role, plus this Node process (the fixture server). Rounds alternate the
 * variants; each measurement is preceded by a small warm-up burst (wakes the worker, opens
 * connections). Figures are for this machine; compare the ratios.
 *
 * Hosts × 6 connections stay under Chromium's 256-socket pool: with more hosts than that the
 * pool closes idle connections to open new ones, and TLS handshakes then dominate.
 *
 * The sustained rate is bounded by what one page, the browser and the server manage on this
 * machine, which can be far below the 5,000/s target (docs/measurements.md), so it cannot show whether Upstream would keep up. Two figures can: the worker's CPU time per
 * request (1 s divided by it is the rate one core could take), and a backlog (helpers/
 * backlog.ts): BACKLOG requests fired while the store is locked, journaled as they come, then
 * stored as fast as the worker can once it is released (rows stored per second). The burst's
 * worker CPU per request (listeners and journal) plus the drain's (classification and store)
 * is what each request costs when events come faster than one page makes them.
 *
 * Knobs: UPSTREAM_BENCH_INGEST_N (20000), _BACKLOG (6000), _HOSTS (40), _CONCURRENCY (160), _ROUNDS (2),
 * _KIND (g = GET fetch, i = image, mixed). UPSTREAM_BENCH_PROFILE=1 adds, after the measured
 * rounds, one burst of N with the worker under the V8 profiler, and prints where its time went
 * (functions mapped to the TypeScript sources); that burst's figures are not reported.
 *
 * This module runs the rounds; one measurement, the profile and the report are in
 * helpers/ingest-measure.ts, helpers/ingest-profile.ts and helpers/ingest-summary.ts, the knobs
 * in helpers/ingest-knobs.ts.
 */
import type { Page } from 'playwright-core';
import { startFixtureServer } from '../../src/audit/fixture-server.js';
import type { BenchFigure } from './bench-report.js';
import { fmt, header } from './helpers/report.js';
import { pipelineStatus, type PipelineStatus } from './helpers/upstream-db.js';
import {
  BENCH_SITES,
  describeBuild,
  isUpstream,
  launchVariant,
  type RunningVariant,
  type VariantName,
  variantsFromEnv,
  workspace,
} from './helpers/variants.js';
import { CONCURRENCY, HOSTS, KIND, N, PAGE_URL, PROFILE, ROUNDS } from './helpers/ingest-knobs.js';
import { measure, type Measurement } from './helpers/ingest-measure.js';
import { profiledBurst } from './helpers/ingest-profile.js';
import { summarise } from './helpers/ingest-summary.js';

export async function run(): Promise<BenchFigure[]> {
  const names: VariantName[] = variantsFromEnv(['none', 'bare', 'bare-headers', 'upstream']);
  header('Capture ingest: sustained requests per second in real Chromium', import.meta.filename, [
    `${N} ${KIND === 'i' ? 'image' : KIND === 'mixed' ? 'image + fetch' : 'fetch (GET)'} requests per measurement on ${HOSTS} hosts, ${CONCURRENCY} in flight, HTTPS to a loopback fixture server; ${ROUNDS} round(s), variants alternated`,
    'CPU: /proc utime+stime of each Chromium process by role, of the extension\'s "ServiceWorker thread", and of this Node process (fixture server + Playwright)',
    describeBuild(),
  ]);
  const ws = await workspace();
  const server = await startFixtureServer(BENCH_SITES);
  const running: RunningVariant[] = [];
  const measurements: Measurement[] = [];
  const statuses = new Map<VariantName, PipelineStatus | null>();
  const skipped: string[] = [];
  try {
    for (const name of names) {
      const prepared = await ws.prepare(name);
      if ('skipped' in prepared) {
        skipped.push(prepared.skipped);
        continue;
      }
      running.push(await launchVariant(prepared, server, ws.dir));
    }
    const pages = new Map<VariantName, Page>();
    for (const variant of running) {
      if (variant.browserPid === null) throw new Error(`${variant.name}: cannot find the browser process in /proc`);
      const page = await variant.context.newPage();
      await page.goto(PAGE_URL, { waitUntil: 'load' });
      pages.set(variant.name, page);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < running.length; i++) {
        const variant = running[(i + round) % running.length]!;
        const m = await measure(variant, pages.get(variant.name)!, server, round);
        measurements.push(m);
        console.log(
          `  round ${round + 1} ${variant.name.padEnd(26)} page ${fmt(m.pageRate)}/s  server ${fmt(m.serverRate)}/s` +
            (m.fired.failed || m.fired.timedOut ? `  (${m.fired.failed} failed, ${m.fired.timedOut} timed out in the page)` : '') +
            (m.stored
              ? `  stored ${m.stored.distinct}/${N} (lost ${m.stored.lost}), all in DB ${fmt(m.stored.msAfterLastAnswer)} ms after the last answer, end to end ${fmt(m.stored.endToEndRate)}/s`
              : '') +
            `  worker ${fmt((m.cpu.serviceWorkerMs * 1000) / N)} µs/req` +
            (m.quarters ? ` (by quarter of the rows: ${m.quarters.map((us) => fmt(us)).join(' / ')} µs)` : '') +
            (m.backlog
              ? `\n    backlog of ${m.backlog.events}: worker ${fmt(m.backlog.captureUs)} µs/req journaling + ${fmt(m.backlog.storeUs)} µs/req storing; drained at ${fmt(m.backlog.drainRate)} rows/s (${fmt(m.backlog.drainMs)} ms), lost ${m.backlog.lost}`
              : ''),
        );
      }
    }
    for (const variant of running) if (isUpstream(variant.name)) statuses.set(variant.name, await pipelineStatus(variant));
    const upstream = running.find((variant) => variant.name === 'upstream');
    if (PROFILE && upstream) await profiledBurst(upstream, pages.get('upstream')!);
  } finally {
    for (const variant of running) await variant.close().catch(() => undefined);
    await server.close();
    await ws.remove();
  }
  return summarise(
    running.map((variant) => variant.name),
    measurements,
    statuses,
    skipped,
  );
}
