/**
 * Tables, summary and figures of one page-load series (helpers/page-load-series.ts).
 * Ratios are of medians, with bootstrap 95% intervals (rounds resampled with replacement),
 * and per round (each load against the baseline's load of the same round, then the median),
 * which cancels drift in the machine's load between rounds.
 */
import type { BenchFigure } from '../bench-report.js';
import type { CpuUse } from './processes.js';
import { fmt, median, quantile, table } from './report.js';
import type { Load, SeriesResult } from './page-load-series.js';
import { isUpstream, type VariantName } from './variants.js';

const TARGET_VS_SAME_EVENTS = 1.05;
const TARGET_EXTENSION_CPU = 1.5;

/** Deterministic pseudo-random numbers, so that a run's intervals can be reproduced. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Ratio of medians and a bootstrap 95% interval for it (resampling rounds with replacement). */
function ratioInterval(values: number[], baseline: number[], seed = 1): [number, number] {
  const random = generator(seed);
  const pick = (samples: number[]) => samples.map(() => samples[Math.floor(random() * samples.length)]!);
  const ratios: number[] = [];
  for (let i = 0; i < 2000; i++) ratios.push(median(pick(values)) / median(pick(baseline)));
  return [quantile(ratios, 0.025), quantile(ratios, 0.975)];
}

/** Median of per-round ratios and a bootstrap 95% interval for it. */
function pairedInterval(ratios: number[], seed = 1): [number, number, number] {
  const random = generator(seed);
  const medians: number[] = [];
  for (let i = 0; i < 2000; i++) medians.push(median(ratios.map(() => ratios[Math.floor(random() * ratios.length)]!)));
  return [median(ratios), quantile(medians, 0.025), quantile(medians, 0.975)];
}

const interval = ([low, high]: [number, number]) => `[${low.toFixed(3)}–${high.toFixed(3)}]`;

/** The extension's own process: for an MV3 extension, the renderer that runs its service worker. */
const extensionMs = (cpu: CpuUse) => cpu.byRole['extension renderer'];
const browserMs = (cpu: CpuUse) => cpu.byRole.browser;

export function summariseSeries(result: SeriesResult, primary: boolean): BenchFigure[] {
  const { names, loads, options } = result;
  const label = options.label;
  const has = (name: VariantName) => names.includes(name);
  const of = (name: VariantName) => loads.filter((load) => load.variant === name);
  const times = (name: VariantName) => of(name).map((load) => load.loadMs);
  const med = (name: VariantName) => median(times(name));
  const cpuOf = (name: VariantName, part: (cpu: CpuUse) => number) => of(name).map((load) => part(load.cpu));
  /** CPU over all measured rounds (including what the extension did between its loads), per load */
  const runPerLoad = (name: VariantName, part: (cpu: CpuUse) => number) =>
    (result.runCpu.get(name) ?? []).reduce((sum, cpu) => sum + part(cpu), 0) / Math.max(1, of(name).length);
  const perRound = (name: VariantName, base: VariantName, value: (load: Load) => number) => {
    const baseByRound = new Map(of(base).map((load) => [load.round, value(load)]));
    return of(name)
      .filter((load) => baseByRound.has(load.round))
      .map((load) => value(load) / baseByRound.get(load.round)!);
  };
  const versus = (name: VariantName, base: VariantName) =>
    has(base) ? `${(med(name) / med(base)).toFixed(3)}× ${interval(ratioInterval(times(name), times(base)))}` : '-';

  table(
    `${label}: load time (ms, ${options.rounds} rounds per variant, a new tab per load)`,
    ['variant', 'median', 'p25', 'p75', 'DOMContentLoaded', 'page over', 'requests served', 'over HTTP/2'],
    names.map((name) => {
      const protocols = new Map<string, number>();
      for (const load of of(name)) protocols.set(load.protocol || '?', (protocols.get(load.protocol || '?') ?? 0) + 1);
      const served = of(name).reduce((sum, load) => sum + load.served, 0);
      const h2 = of(name).reduce((sum, load) => sum + load.servedH2, 0);
      return [
        name,
        med(name),
        quantile(times(name), 0.25),
        quantile(times(name), 0.75),
        median(of(name).map((load) => load.domContentLoadedMs)),
        [...protocols].map(([protocol, count]) => `${protocol} ${count}/${of(name).length}`).join(', '),
        median(of(name).map((load) => load.served)),
        served ? `${((100 * h2) / served).toFixed(0)}%` : '-',
      ];
    }),
  );
  table(
    `${label}: load-time ratios (of medians, bootstrap 95% interval; paired = median of per-round ratios)`,
    ['variant', 'vs none', 'vs bare', 'vs bare-events', 'paired vs bare-events'],
    names.map((name) => {
      const paired = has('bare-events') ? pairedInterval(perRound(name, 'bare-events', (load) => load.loadMs)) : null;
      return [
        name,
        versus(name, 'none'),
        versus(name, 'bare'),
        versus(name, 'bare-events'),
        paired ? `${paired[0].toFixed(3)}× ${interval([paired[1], paired[2]])}` : '-',
      ];
    }),
  );
  table(
    `${label}: CPU per page load (ms of CPU time; median over loads of tab open → load → Upstream stored → tab closed + 300 ms; "over the run" = all measured rounds / loads)`,
    [
      'variant',
      'extension process',
      'of which SW thread',
      'browser',
      'network',
      'page renderers',
      'all chromium',
      'ext. over the run',
      'browser over the run',
      'others (cores)',
      'rows stored',
      'DB polls',
    ],
    names.map((name) => [
      name,
      median(cpuOf(name, extensionMs)),
      median(cpuOf(name, (cpu) => cpu.serviceWorkerMs)),
      median(cpuOf(name, browserMs)),
      median(cpuOf(name, (cpu) => cpu.byRole.network)),
      median(cpuOf(name, (cpu) => cpu.byRole['page renderer'])),
      median(cpuOf(name, (cpu) => cpu.chromiumMs)),
      runPerLoad(name, extensionMs),
      runPerLoad(name, browserMs),
      median(of(name).map((load) => load.cpu.othersMs / load.cpu.wallMs)),
      isUpstream(name) ? median(of(name).map((load) => load.stored ?? 0)) : '-',
      // The benchmark's own reads of Upstream's database run in its worker, inside the window.
      isUpstream(name) ? median(of(name).map((load) => load.polls ?? 0)) : '-',
    ]),
  );

  const lines = [...result.notes];
  const cpuRatio = (name: VariantName, base: VariantName) => median(cpuOf(name, extensionMs)) / median(cpuOf(base, extensionMs));
  const ready = has('upstream') && has('bare-events');
  if (ready) {
    const vsEvents = med('upstream') / med('bare-events');
    const paired = pairedInterval(perRound('upstream', 'bare-events', (load) => load.loadMs));
    const cpu = cpuRatio('upstream', 'bare-events');
    const cpuRun = runPerLoad('upstream', extensionMs) / runPerLoad('bare-events', extensionMs);
    const loadInterval = ratioInterval(times('upstream'), times('bare-events'));
    const cpuInterval = ratioInterval(cpuOf('upstream', extensionMs), cpuOf('bare-events', extensionMs));
    // A median on the right side of the target says little when its interval spans the target.
    const verdict = (value: number, [low, high]: [number, number], target: number) => {
      if (!primary) return 'no target for this series';
      const met = value < target ? `meets target < ${target}` : `MISSES target < ${target}`;
      return low < target && high >= target ? `${met} by its median, but its 95% interval spans the target: inconclusive` : met;
    };
    lines.push(
      `Upstream / same-events listeners: ${vsEvents.toFixed(3)} ${interval(loadInterval)}, paired per round ${paired[0].toFixed(3)} ${interval([paired[1], paired[2]])}: ${verdict(vsEvents, loadInterval, TARGET_VS_SAME_EVENTS)}.`,
      `Extension process CPU per load, Upstream / same-events: ${cpu.toFixed(2)} ${interval(cpuInterval)} (${fmt(median(cpuOf('upstream', extensionMs)))} vs ${fmt(median(cpuOf('bare-events', extensionMs)))} ms); over the run ${cpuRun.toFixed(2)}: ${verdict(cpu, cpuInterval, TARGET_EXTENSION_CPU)}.`,
    );
  }
  for (const base of ['none', 'bare'] as VariantName[]) {
    if (has('upstream') && has(base))
      lines.push(
        `Upstream / ${base}: ${(med('upstream') / med(base)).toFixed(3)} ${interval(ratioInterval(times('upstream'), times(base)))}.`,
      );
  }
  if (has('bare-events') && has('bare'))
    lines.push(
      `same-events listeners / bare onCompleted: ${(med('bare-events') / med('bare')).toFixed(3)} ${interval(ratioInterval(times('bare-events'), times('bare')))}.`,
    );
  for (const name of names.filter((n) => n !== 'upstream' && isUpstream(n) && has('upstream'))) {
    lines.push(
      `${name} / upstream: ${(med(name) / med('upstream')).toFixed(3)} ${interval(ratioInterval(times(name), times('upstream')))}, paired ${pairedInterval(perRound(name, 'upstream', (load) => load.loadMs))[0].toFixed(3)}; extension CPU per load ${fmt(median(cpuOf(name, extensionMs)))} vs ${fmt(median(cpuOf('upstream', extensionMs)))} ms (over the run ${fmt(runPerLoad(name, extensionMs))} vs ${fmt(runPerLoad('upstream', extensionMs))}); page renderers ${fmt(median(cpuOf(name, (cpu) => cpu.byRole['page renderer'])))} vs ${fmt(median(cpuOf('upstream', (cpu) => cpu.byRole['page renderer'])))} ms.`,
    );
  }
  const notH2 = options.http2 ? loads.filter((load) => load.protocol !== 'h2').length : 0;
  if (notH2) lines.push(`WARNING: ${notH2} of ${loads.length} pages did not come over h2 in an HTTP/2 series.`);
  console.log(`\n${label} summary\n${lines.map((line) => `  ${line}`).join('\n')}`);

  // The primary series keeps the plain names (and the targets); the other one is suffixed.
  const suffix = primary ? '' : ` (${label})`;
  const figures: BenchFigure[] = [];
  const add = (figure: BenchFigure) =>
    figures.push({ ...figure, name: figure.name + suffix, ...(figure.baseline ? { baseline: figure.baseline + suffix } : {}) });
  if (has('none')) add({ name: 'load, no extension', value: med('none'), unit: 'ms' });
  for (const [name, title] of [
    ['empty', 'empty extension'],
    ['bare', 'bare listener'],
    ['bare-events', 'same-events listeners'],
  ] as const) {
    if (has(name))
      add({ name: `load, ${title}`, value: med(name), unit: 'ms', ...(has('none') ? { baseline: 'load, no extension' } : {}) });
  }
  if (has('upstream'))
    add({
      name: 'load, Upstream',
      value: med('upstream'),
      unit: 'ms',
      ...(has('bare-events') ? { baseline: 'load, same-events listeners' } : {}),
    });
  if (ready) {
    add({
      name: 'Upstream / same-events listeners',
      value: med('upstream') / med('bare-events'),
      unit: '×',
      ...(primary ? { target: { below: TARGET_VS_SAME_EVENTS } } : {}),
    });
    add({ name: 'extension CPU per load, same-events', value: median(cpuOf('bare-events', extensionMs)), unit: 'ms' });
    add({
      name: 'extension CPU per load, Upstream',
      value: median(cpuOf('upstream', extensionMs)),
      unit: 'ms',
      baseline: 'extension CPU per load, same-events',
    });
    add({
      name: 'extension CPU Upstream / same-events',
      value: cpuRatio('upstream', 'bare-events'),
      unit: '×',
      ...(primary ? { target: { below: TARGET_EXTENSION_CPU } } : {}),
    });
  }
  if (has('upstream') && has('bare')) add({ name: 'Upstream / bare listener', value: med('upstream') / med('bare'), unit: '×' });
  for (const name of names.filter((n) => n !== 'upstream' && isUpstream(n))) {
    add({ name: `load, ${name}`, value: med(name), unit: 'ms', ...(has('upstream') ? { baseline: 'load, Upstream' } : {}) });
  }
  return figures;
}
