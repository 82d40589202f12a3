/**
 * The report of the capture-ingest bench (capture-ingest.bench.ts): tables of the rates, of
 * the CPU per request by process role and of the backlog, a summary against the target
 * (≥ 5,000 requests recorded per second with no loss), and the figures run.ts prints.
 */
import os from 'node:os';
import type { BenchFigure } from '../bench-report.js';
import type { BacklogResult } from './backlog.js';
import { ROLES } from './processes.js';
import { fmt, loadAverage, median, ratio, table } from './report.js';
import type { PipelineStatus } from './upstream-db.js';
import { isUpstream, type VariantName } from './variants.js';
import { BACKLOG, N, ROUNDS, TARGET_PER_SECOND } from './ingest-knobs.js';
import type { Measurement } from './ingest-measure.js';

export function summarise(
  names: VariantName[],
  measurements: Measurement[],
  statuses: Map<VariantName, PipelineStatus | null>,
  skipped: string[],
): BenchFigure[] {
  const of = (name: VariantName) => measurements.filter((m) => m.variant === name);
  const med = (name: VariantName, pick: (m: Measurement) => number) => median(of(name).map(pick));
  const perReq = (ms: number) => (ms * 1000) / N;
  const none = (pick: (m: Measurement) => number) => med('none', pick);
  const bare = (pick: (m: Measurement) => number) => med('bare', pick);

  table(
    `Rates (median of ${ROUNDS} round(s); requests per second)`,
    [
      'variant',
      'page answered/s',
      'server received/s',
      'vs none',
      'vs bare',
      'stored/s end to end',
      'lost',
      'DB lag after last answer (ms)',
    ],
    names.map((name) => {
      const page = med(name, (m) => m.pageRate);
      const hasStore = of(name).some((m) => m.stored);
      return [
        name,
        page,
        med(name, (m) => m.serverRate),
        ratio(
          page,
          none((m) => m.pageRate),
        ),
        ratio(
          page,
          bare((m) => m.pageRate),
        ),
        hasStore ? med(name, (m) => m.stored!.endToEndRate) : '-',
        hasStore
          ? of(name)
              .map((m) => m.stored!.lost)
              .join(' / ')
          : '-',
        hasStore ? med(name, (m) => m.stored!.msAfterLastAnswer) : '-',
      ];
    }),
  );

  table(
    'CPU per request (median, µs of CPU time per request; measured from the first request until the last one answered, for Upstream until the last row was stored)',
    ['variant', 'wall ms', 'SW thread', ...ROLES, 'all chromium', 'node (server)', 'cores: chromium', 'cores: node', 'cores: others'],
    names.map((name) => [
      name,
      med(name, (m) => m.cpu.wallMs),
      med(name, (m) => perReq(m.cpu.serviceWorkerMs)),
      ...ROLES.map((role) => med(name, (m) => perReq(m.cpu.byRole[role]))),
      med(name, (m) => perReq(m.cpu.chromiumMs)),
      med(name, (m) => perReq(m.cpu.nodeMs)),
      med(name, (m) => m.cpu.chromiumMs / m.cpu.wallMs),
      med(name, (m) => m.cpu.nodeMs / m.cpu.wallMs),
      med(name, (m) => m.cpu.othersMs / m.cpu.wallMs),
    ]),
  );

  const withBacklog = names.filter((name) => of(name).some((m) => m.backlog));
  const backlog = (name: VariantName, pick: (b: BacklogResult) => number) =>
    median(
      of(name)
        .filter((m) => m.backlog)
        .map((m) => pick(m.backlog!)),
    );
  const bareUs = bare((m) => perReq(m.cpu.serviceWorkerMs));
  if (withBacklog.length) {
    table(
      `Backlog of ${BACKLOG} fired while the store was locked, then drained (median; worker CPU per request; implied rate = 1 s / CPU per request on one core)`,
      ['variant', 'journaling µs', 'storing µs', 'total µs', 'vs bare listener', 'implied req/s', 'drained rows/s', 'lost'],
      withBacklog.map((name) => {
        const total = backlog(name, (b) => b.captureUs + b.storeUs);
        return [
          name,
          backlog(name, (b) => b.captureUs),
          backlog(name, (b) => b.storeUs),
          total,
          ratio(total, bareUs),
          1e6 / total,
          backlog(name, (b) => b.drainRate),
          of(name)
            .map((m) => m.backlog?.lost ?? '-')
            .join(' / '),
        ];
      }),
    );
  }

  const upstreamName: VariantName = 'upstream';
  const up = (pick: (m: Measurement) => number) => med(upstreamName, pick);
  const swUs = up((m) => perReq(m.cpu.serviceWorkerMs));
  const bareSwUs = bare((m) => perReq(m.cpu.serviceWorkerMs));
  const storedRate = up((m) => m.stored!.endToEndRate);
  const lostTotal = of(upstreamName).reduce((sum, m) => sum + (m.stored?.lost ?? N), 0);
  const status = statuses.get(upstreamName);
  const lines = [
    `Upstream stored ${fmt(storedRate)} requests/s end to end (target ≥ ${TARGET_PER_SECOND}/s with 0 loss): ${storedRate >= TARGET_PER_SECOND && lostTotal === 0 ? 'meets target' : 'MISSES target'}; lost ${lostTotal} of ${N * of(upstreamName).length}.`,
    `Without any extension the page got ${fmt(none((m) => m.pageRate))}/s; with the bare listener ${fmt(bare((m) => m.pageRate))}/s; with Upstream ${fmt(up((m) => m.pageRate))}/s answered.`,
    `Upstream's service-worker thread: ${fmt(swUs)} µs CPU per request (bare listener: ${fmt(bareSwUs)} µs), so the worker alone could keep up with about ${fmt(1e6 / swUs)} requests/s on one core.`,
    `During Upstream's measurement the machine's ${os.cpus().length} cores were busy ${fmt(up((m) => (m.cpu.chromiumMs + m.cpu.nodeMs + m.cpu.othersMs) / m.cpu.wallMs))}: Chromium ${fmt(up((m) => m.cpu.chromiumMs / m.cpu.wallMs))}, Node (fixture server, Playwright) ${fmt(up((m) => m.cpu.nodeMs / m.cpu.wallMs))}, other processes ${fmt(up((m) => m.cpu.othersMs / m.cpu.wallMs))} (without extension: Chromium ${fmt(none((m) => m.cpu.chromiumMs / m.cpu.wallMs))}).`,
    `Largest Chromium costs per request with Upstream: ${ROLES.map((role) => [role, up((m) => perReq(m.cpu.byRole[role]))] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([role, us]) => `${role} ${fmt(us)} µs (none: ${fmt(none((m) => perReq(m.cpu.byRole[role])))} µs)`)
      .join(', ')}.`,
  ];
  const upQuarters = of(upstreamName).map((m) => m.quarters ?? []);
  if (upQuarters.length) {
    lines.push(
      `Upstream worker CPU per stored row by quarter of each run (µs): ${upQuarters.map((q) => q.map((us) => fmt(us)).join(' → ')).join('; ')}.`,
    );
  }
  if (status) {
    lines.push(
      `Upstream pipeline counters at the end: stored ${status.stored}, batches ${status.batches} (${fmt(status.stored / Math.max(1, status.batches))} per batch), failures ${status.failures}, unjournaled ${status.unjournaled}, duplicates ${status.duplicates}, waiting ${status.waiting}${status.lastError ? `, last error: ${status.lastError}` : ''}.`,
    );
  }
  for (const note of skipped) lines.push(`skipped: ${note}`);
  lines.push(`load average at the end: ${loadAverage()}`);
  console.log(`\nSummary\n${lines.map((line) => `  ${line}`).join('\n')}`);

  const figures: BenchFigure[] = [
    { name: 'page answered/s, no extension', value: none((m) => m.pageRate), unit: 'req/s' },
    { name: 'page answered/s, bare listener', value: bare((m) => m.pageRate), unit: 'req/s', baseline: 'page answered/s, no extension' },
    { name: 'page answered/s, Upstream', value: up((m) => m.pageRate), unit: 'req/s', baseline: 'page answered/s, bare listener' },
    {
      name: 'Upstream stored/s end to end',
      value: storedRate,
      unit: 'req/s',
      baseline: 'page answered/s, bare listener',
      target: { atLeast: TARGET_PER_SECOND },
      note: `lost ${lostTotal}`,
    },
    { name: 'Upstream lost requests', value: lostTotal, unit: 'req', target: { below: 1 } },
    { name: 'SW thread CPU/request, bare listener', value: bareSwUs, unit: 'µs' },
    { name: 'SW thread CPU/request, Upstream', value: swUs, unit: 'µs', baseline: 'SW thread CPU/request, bare listener' },
    { name: 'Chromium CPU/request, no extension', value: none((m) => perReq(m.cpu.chromiumMs)), unit: 'µs' },
    {
      name: 'Chromium CPU/request, bare listener',
      value: bare((m) => perReq(m.cpu.chromiumMs)),
      unit: 'µs',
      baseline: 'Chromium CPU/request, no extension',
    },
    {
      name: 'Chromium CPU/request, Upstream',
      value: up((m) => perReq(m.cpu.chromiumMs)),
      unit: 'µs',
      baseline: 'Chromium CPU/request, bare listener',
    },
  ];
  if (names.includes('bare-headers')) {
    // The two events Upstream needs per request, doing nothing: what any design with the cookie and referrer flags pays.
    const eventsUs = med('bare-headers', (m) => perReq(m.cpu.serviceWorkerMs));
    figures.push(
      {
        name: 'SW thread CPU/request, bare onSendHeaders + onCompleted',
        value: eventsUs,
        unit: 'µs',
        baseline: 'SW thread CPU/request, bare listener',
      },
      {
        name: 'capacity of those two events alone (1 s / that CPU)',
        value: 1e6 / eventsUs,
        unit: 'req/s',
        note: 'the ceiling for any extension recording the cookie and referrer flags in this Chromium, on this machine',
      },
    );
  }
  if (withBacklog.includes(upstreamName)) {
    const total = backlog(upstreamName, (b) => b.captureUs + b.storeUs);
    figures.push(
      {
        name: 'Upstream worker CPU/request in a backlog',
        value: total,
        unit: 'µs',
        baseline: 'SW thread CPU/request, bare listener',
        note: `journaling ${fmt(backlog(upstreamName, (b) => b.captureUs))} µs + storing ${fmt(backlog(upstreamName, (b) => b.storeUs))} µs`,
      },
      { name: 'Upstream capacity (1 s / that CPU)', value: 1e6 / total, unit: 'req/s', target: { atLeast: TARGET_PER_SECOND } },
      {
        name: 'Upstream backlog drained',
        value: backlog(upstreamName, (b) => b.drainRate),
        unit: 'rows/s',
        target: { atLeast: TARGET_PER_SECOND },
      },
      {
        name: 'Upstream lost in the backlog',
        value: of(upstreamName).reduce((sum, m) => sum + (m.backlog?.lost ?? 0), 0),
        unit: 'req',
        target: { below: 1 },
      },
    );
  }
  for (const name of names.filter((n) => n !== 'upstream' && isUpstream(n))) {
    figures.push({
      name: `SW thread CPU/request, ${name}`,
      value: med(name, (m) => perReq(m.cpu.serviceWorkerMs)),
      unit: 'µs',
      baseline: 'SW thread CPU/request, Upstream',
    });
    figures.push({
      name: `Chromium CPU/request, ${name}`,
      value: med(name, (m) => perReq(m.cpu.chromiumMs)),
      unit: 'µs',
      baseline: 'Chromium CPU/request, Upstream',
    });
  }
  // Variants left out of this run (UPSTREAM_BENCH_VARIANTS) give no figure rather than NaN.
  return figures.filter((figure) => !Number.isNaN(figure.value));
}
