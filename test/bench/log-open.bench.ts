/**
 * The report's request log (#/log) on a period of 100,000 stored requests, in real Chromium:
 *   - opening: from the navigation to the first rows shown (the `upstream:log-rows` mark), and
 *     to the whole period read (`upstream:log-read`), against the overview of the same
 *     period (`upstream:report-complete`) and the log of an empty period, in the same run;
 *   - scrolling: the grid scrolled programmatically from the top to its end, one jump per
 *     animation frame (each frame a window of rows not shown before), and at a mouse wheel's
 *     pace, against the same number of frames with nothing scrolled. Frames dropped: frames the display had time
 *     for that were not drawn (an interval of k frame periods counts k − 1); long frames:
 *     intervals over 50 ms.
 * The history is written with test/bench/helpers/synthetic-history.ts, over the last 6 days.
 *
 * Knobs: UPSTREAM_BENCH_LOG_REQUESTS (100000), UPSTREAM_BENCH_LOG_ROUNDS (5),
 * UPSTREAM_BENCH_LOG_SCROLL_FRAMES (600).
 */
import type { Page } from 'playwright-core';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { startFixtureServer } from '../../src/audit/fixture-server.js';
import { launchChromium } from '../../src/audit/launch-chromium.js';
import { DEFAULT_SETTINGS } from '../../src/store/settings.js';
import type { BenchFigure } from './bench-report.js';
import { fmt, header, loadAverage, quantile, sleep } from './helpers/report.js';
import { classifiedTables, syntheticVisits, writeHistory, type HistoryShape } from './helpers/synthetic-history.js';
import { DIST_CHROME, envInt, ROOT } from './helpers/variants.js';

const ROUNDS = envInt('UPSTREAM_BENCH_LOG_ROUNDS', 5);
const SCROLL_FRAMES = envInt('UPSTREAM_BENCH_LOG_SCROLL_FRAMES', 600);
const SHAPE: HistoryShape = {
  visits: 2_000,
  requests: envInt('UPSTREAM_BENCH_LOG_REQUESTS', 100_000),
  days: 6,
  sites: 300,
  thirdPartyHosts: 1_500,
  ips: 2_000,
};
/** A brisk turn of a mouse wheel: about 100 px a frame (a notch is about 100 px, a fast turn a notch or more a frame). */
const WHEEL_PX = 100;
const EMPTY_PERIOD = '2001-01-01..2001-01-07';

/** Opens `hash` in a new page ROUNDS+1 times; the warm samples of each mark's start (ms from navigation). */
async function openings(open: () => Promise<Page>, origin: string, hash: string, marks: string[]): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = Object.fromEntries(marks.map((m) => [m, []]));
  for (let i = 0; i <= ROUNDS; i++) {
    const page = await open();
    await page.goto(`${origin}/report.html${hash}`);
    await page.waitForFunction((names) => names.every((n) => performance.getEntriesByName(n).length > 0), marks, { timeout: 60_000 });
    const times = await page.evaluate((names) => names.map((n) => performance.getEntriesByName(n)[0]!.startTime), marks);
    if (i > 0) marks.forEach((m, k) => samples[m]!.push(times[k]!));
    await page.close();
    await sleep(500);
  }
  return samples;
}

interface FrameFigures {
  frames: number;
  dropped: number;
  long: number;
  period: number;
  rowsShown: number;
}

/** Frame timings over SCROLL_FRAMES animation frames: the grid still, scrolled to its end one jump a frame, or by a wheel's pace. */
function frameTimings(page: Page, mode: 'idle' | 'end' | 'wheel'): Promise<FrameFigures> {
  return page.evaluate(
    ({ frames, mode, WHEEL_PX }) =>
      new Promise<FrameFigures>((resolve) => {
        const grid = document.querySelector<HTMLElement>('[data-testid="log-grid"]')!;
        grid.scrollTop = 0;
        const step = mode === 'idle' ? 0 : mode === 'wheel' ? WHEEL_PX : (grid.scrollHeight - grid.clientHeight) / frames;
        const stamps: number[] = [];
        const tick = (now: number) => {
          stamps.push(now);
          if (stamps.length > frames) {
            const rows = [...grid.querySelectorAll('.vgrid-body > [role="row"]')];
            const rowsShown = Math.max(0, ...rows.map((row) => Number(row.getAttribute('aria-rowindex'))));
            const intervals = stamps.slice(1).map((t, i) => t - stamps[i]!);
            const sorted = [...intervals].sort((a, b) => a - b);
            // The display's frame period: the shortest intervals, which nothing delayed.
            const period = sorted[Math.floor(sorted.length * 0.1)]!;
            const dropped = intervals.reduce((sum, t) => sum + Math.max(0, Math.round(t / period) - 1), 0);
            resolve({ frames, dropped, long: intervals.filter((t) => t > 50).length, period, rowsShown });
            return;
          }
          grid.scrollTop = Math.round(step * stamps.length);
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    { frames: SCROLL_FRAMES, mode, WHEEL_PX },
  );
}

export async function run(): Promise<BenchFigure[]> {
  header('Request log: opening a period of many requests, and scrolling it to the end', import.meta.filename, [
    `${fmt(SHAPE.requests)} requests, ${fmt(SHAPE.visits)} page visits over the last ${SHAPE.days} days; ${ROUNDS} warm openings per series; ${SCROLL_FRAMES} frames scrolled`,
  ]);
  const server = await startFixtureServer(path.join(ROOT, 'test', 'fixtures', 'sites'));
  const profile = await mkdtemp(path.join(tmpdir(), 'upstream-bench-log-'));
  const browser = await launchChromium({
    extensionDir: DIST_CHROME,
    hostResolverRules: `MAP * 127.0.0.1:${server.port}, EXCLUDE localhost`,
    trustedSpki: [server.spkiHash],
    userDataDir: profile,
  });
  try {
    const open = () => browser.context.newPage();
    const setup = await open();
    await setup.goto(`${browser.extensionOrigin}/popup.html`);
    await setup.evaluate(
      (settings) =>
        (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
          type: 'set-settings',
          settings,
        }),
      { ...DEFAULT_SETTINGS, rawRetentionDays: SHAPE.days + 2 },
    );
    const tables = await classifiedTables(SHAPE);
    const written = await writeHistory(setup, tables, syntheticVisits(SHAPE, tables, Date.now() - 60_000));
    await setup.close();
    console.log(`  wrote ${fmt(written.requests!)} requests, ${fmt(written.visits!)} visits`);
    await sleep(2_000);

    const empty = await openings(open, browser.extensionOrigin, `#/log?period=${EMPTY_PERIOD}`, ['upstream:log-read']);
    const overview = await openings(open, browser.extensionOrigin, '#/overview?period=week', ['upstream:report-complete']);
    const log = await openings(open, browser.extensionOrigin, '#/log?period=week', ['upstream:log-rows', 'upstream:log-read']);

    const page = await open();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${browser.extensionOrigin}/report.html#/log?period=week`);
    await page.waitForSelector('[data-testid="log"][data-state="ready"]', { timeout: 60_000 });
    const rows = Number(await page.getAttribute('[data-testid="log-grid"]', 'data-rows'));
    await sleep(500);
    // tsx compiles named inner functions with esbuild's keepNames, which calls a `__name` helper the page lacks.
    await page.evaluate('globalThis.__name ??= (fn) => fn');
    const idle = await frameTimings(page, 'idle');
    const wheel = await frameTimings(page, 'wheel');
    const scrolled = await frameTimings(page, 'end');
    await page.close();

    const median = (samples: number[]) => quantile(samples, 0.5);
    console.log(`  log rows in the period: ${fmt(rows)}; rows reached by the scroll: ${fmt(scrolled.rowsShown - 1)}`);
    console.log(
      `  frames: idle ${idle.dropped} dropped, ${idle.long} over 50 ms (period ${fmt(idle.period, 1)} ms); wheel pace ${wheel.dropped} dropped, ${wheel.long} over 50 ms; to the end ${scrolled.dropped} dropped, ${scrolled.long} over 50 ms (period ${fmt(scrolled.period, 1)} ms)`,
    );
    console.log(`  load average at the end: ${loadAverage()}`);
    return [
      { name: 'log read, empty period', value: median(empty['upstream:log-read']!), unit: 'ms' },
      { name: 'overview complete, same week', value: median(overview['upstream:report-complete']!), unit: 'ms' },
      {
        name: `log first rows, ${fmt(rows)} requests`,
        value: median(log['upstream:log-rows']!),
        unit: 'ms',
        baseline: 'log read, empty period',
        target: { below: 500 },
        note: `p90 ${fmt(quantile(log['upstream:log-rows']!, 0.9), 1)} ms`,
      },
      {
        name: `log all read, ${fmt(rows)} requests`,
        value: median(log['upstream:log-read']!),
        unit: 'ms',
        baseline: 'overview complete, same week',
        note: `p90 ${fmt(quantile(log['upstream:log-read']!, 0.9), 1)} ms`,
      },
      { name: 'frames dropped, idle', value: idle.dropped, unit: 'frames', note: `of ${idle.frames}; ${idle.long} over 50 ms` },
      {
        name: 'frames dropped, wheel pace',
        value: wheel.dropped,
        unit: 'frames',
        note: `of ${wheel.frames}, ${WHEEL_PX} px a frame; ${wheel.long} over 50 ms`,
      },
      {
        name: 'frames dropped, scrolling to the end',
        value: scrolled.dropped,
        unit: 'frames',
        note: `of ${scrolled.frames}, about ${fmt(Math.round(rows / scrolled.frames))} rows a frame; ${scrolled.long} over 50 ms`,
      },
    ];
  } finally {
    await browser.close();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
}
