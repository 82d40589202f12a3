/**
 * Worker start in real Chromium (under 50 ms to all knowledge loaded, under 15 MB
 * of heap): from the first statement of the service-worker script to the classifier being
 * able to classify, then to everything the worker loads being in, and the heap the worker
 * then holds, over repeated restarts of the worker of one browser. Each round stops the worker (CDP
 * Target.closeTarget, as Chrome stops an idle worker), wakes it with one request from a
 * page (a webRequest event, the usual reason it starts), and reads the User Timing marks
 * that start set (src/capture/worker-marks.ts).
 *
 * Figures, each the median and p90 over the rounds, in ms after the script-start mark:
 *   script evaluated      the whole worker bundle evaluated (listeners, database, pipeline):
 *                          the baseline, what any start costs before knowledge is involved
 *   classifier ready       everything about a host (domain, party, tracker, company, parent,
 *                          jurisdiction, PRISM) classified from here on
 *   country table requested / received
 *                          the read of ip-country.bin through fetch, before and after its bytes
 *                          arrive: received - requested is the transfer, the rest of the way to
 *                          the next row its parse
 *   all worker knowledge loaded
 *                          everything the worker loads: the server-country table and, read
 *                          beside it, the hosting table (hosting.bin: the networks that map
 *                          to a company) and the geolocation table (ip-geo.bin); IP rows stored before then are completed by the
 *                          re-classification. The worker does not load the table of every
 *                          network (ip-asn.bin): it is looked up where it is shown (the CLI,
 *                          the report page).
 * and the worker's heap once all that is loaded, after a full garbage collection (CDP
 * Runtime.getHeapUsage on the worker): the JavaScript heap, the backing stores of
 * ArrayBuffers (the knowledge files) and external strings (the script source), and their
 * sum, the figure held against 15 MB. It is the whole worker's, not the knowledge's alone.
 * Plus, for context, the time from the worker's timeOrigin (Chromium starting the worker
 * thread) to its script's first statement. The first start after launch is left out of
 * the figures (cold disk and code caches) and printed on its own.
 *
 * Knobs: UPSTREAM_BENCH_WORKER_ROUNDS (15).
 */
import type { Page } from 'playwright-core';
import { startFixtureServer } from '../../src/audit/fixture-server.js';
import { WORKER_MARKS } from '../../src/capture/worker-marks.js';
import type { BenchFigure } from './bench-report.js';
import { fmt, header, loadAverage, quantile, sleep, table } from './helpers/report.js';
import { BENCH_SITES, describeBuild, launchVariant, envInt, workspace } from './helpers/variants.js';
import { measureWorkerHeap, readMarks, stopWorker, waitForMark, type StartMarks } from './helpers/worker-restart.js';

const ROUNDS = envInt('UPSTREAM_BENCH_WORKER_ROUNDS', 15);
const TARGET_MS = 50;
const TARGET_MB = 15;
const MB = 2 ** 20;
const PAGE_URL = 'https://worker-start-bench.example/';

interface Start {
  toScript: number;
  evaluated: number;
  loadStart: number;
  ready: number;
  requested: number;
  received: number;
  loaded: number;
}

interface Heap {
  jsHeap: number;
  buffers: number;
  total: number;
}

/** Times of one start, in ms after its script-start mark (toScript: after timeOrigin). */
function startOf(found: StartMarks): Start | null {
  const at = (name: string) => found.marks[name];
  const script = at(WORKER_MARKS.scriptStart);
  const wanted = [
    WORKER_MARKS.evaluated,
    WORKER_MARKS.loadStart,
    WORKER_MARKS.classifierReady,
    WORKER_MARKS.countryRequested,
    WORKER_MARKS.countryReceived,
    WORKER_MARKS.workerKnowledgeLoaded,
  ].map(at);
  if (script === undefined || wanted.some((time) => time === undefined)) return null;
  const [evaluated, loadStart, ready, requested, received, loaded] = wanted.map((time) => time! - script) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return { toScript: script, evaluated, loadStart, ready, requested, received, loaded };
}

async function wake(page: Page, round: number): Promise<void> {
  await page.evaluate(
    (url) =>
      fetch(url).then(
        () => undefined,
        () => undefined,
      ),
    `${PAGE_URL}wake/${round}`,
  );
}

export async function run(): Promise<BenchFigure[]> {
  header(
    'Worker start: service-worker script start → classifier ready → all worker knowledge loaded, and the heap, in real Chromium',
    import.meta.filename,
    [
      `${ROUNDS} restarts of one worker (stopped with CDP Target.closeTarget, woken by one request from a page); times from the User Timing marks of each start`,
      'all worker knowledge = owners (embedded) + server countries (ip-country.bin) + hosting operators (hosting.bin) + geolocation (ip-geo.bin); the worker does not load every network (ip-asn.bin)',
      describeBuild(),
    ],
  );
  const ws = await workspace();
  const server = await startFixtureServer(BENCH_SITES);
  const starts: Start[] = [];
  const heaps: Heap[] = [];
  let first: Start | null = null;
  let firstHeap: Heap | null = null;
  let missing = 0;
  try {
    const prepared = await ws.prepare('upstream');
    if ('skipped' in prepared) throw new Error(prepared.skipped);
    const variant = await launchVariant(prepared, server, ws.dir);
    try {
      const origin = variant.extensionOrigin!;
      const page = await variant.context.newPage();
      await page.goto(PAGE_URL, { waitUntil: 'load' });
      let previous = (await waitForMark(variant.serviceWorker, 0, WORKER_MARKS.workerKnowledgeLoaded))?.timeOrigin ?? 0;
      for (let round = 0; round <= ROUNDS; round++) {
        await stopWorker(variant.context, origin);
        await sleep(200); // let the stopped worker's process settle, as between real starts
        await wake(page, round);
        const found = await waitForMark(variant.serviceWorker, previous, WORKER_MARKS.workerKnowledgeLoaded);
        const start = found ? startOf(found) : null;
        if (!found || !start) {
          missing++;
          const seen = found ?? (variant.serviceWorker() ? await readMarks(variant.serviceWorker()!) : null);
          console.log(`  round ${round}: no complete set of marks (${seen ? Object.keys(seen.marks).join(', ') || 'none' : 'no worker'})`);
          if (seen) previous = seen.timeOrigin;
          continue;
        }
        previous = found.timeOrigin;
        // After the marks are read, so the collection it forces is not in the times.
        const measured = await measureWorkerHeap(variant.context, origin);
        const heap = measured ? { ...measured, total: measured.jsHeap + measured.buffers } : null;
        if (round === 0) {
          first = start;
          firstHeap = heap;
        } else {
          starts.push(start);
          if (heap) heaps.push(heap);
        }
        console.log(
          `  round ${round}${round === 0 ? ' (first restart, not counted)' : ''}: script start ${fmt(start.toScript)} ms after timeOrigin; ` +
            `evaluated ${fmt(start.evaluated)}, load start ${fmt(start.loadStart)}, classifier ready ${fmt(start.ready)}, ` +
            `country table requested ${fmt(start.requested)}, received ${fmt(start.received)}, all worker knowledge ${fmt(start.loaded)} ms after script start` +
            (heap ? `; heap ${fmt(heap.total / MB)} MB (JS ${fmt(heap.jsHeap / MB)} + buffers ${fmt(heap.buffers / MB)})` : ''),
        );
        await sleep(300); // the start's first batch, so the next stop does not cut into it
      }
    } finally {
      await variant.close();
    }
  } finally {
    await server.close();
    await ws.remove();
  }
  if (starts.length === 0) throw new Error('no worker start could be timed');

  const pick = (key: keyof Start) => starts.map((start) => start[key]);
  const rows: [string, keyof Start][] = [
    ['timeOrigin → script start', 'toScript'],
    ['script evaluated', 'evaluated'],
    ['knowledge load started', 'loadStart'],
    ['classifier ready', 'ready'],
    ['country table requested', 'requested'],
    ['country table received', 'received'],
    ['all worker knowledge loaded', 'loaded'],
  ];
  table(
    `Worker start over ${starts.length} restarts (ms after the script-start mark; the first row after timeOrigin); load average now ${loadAverage()}`,
    ['', 'min', 'median', 'p90', 'max', 'first restart'],
    rows.map(([label, key]) => [
      label,
      Math.min(...pick(key)),
      quantile(pick(key), 0.5),
      quantile(pick(key), 0.9),
      Math.max(...pick(key)),
      first ? first[key] : NaN,
    ]),
  );
  if (missing) console.log(`${missing} start(s) gave no complete set of marks and are left out`);
  const pickHeap = (key: keyof Heap) => heaps.map((heap) => heap[key] / MB);
  const heapRows: [string, keyof Heap][] = [
    ['JS heap', 'jsHeap'],
    ['ArrayBuffers + external strings', 'buffers'],
    ['total', 'total'],
  ];
  if (heaps.length) {
    table(
      `Worker heap once all worker knowledge is loaded, after a full GC, over ${heaps.length} restarts (MB)`,
      ['', 'min', 'median', 'p90', 'max', 'first restart'],
      heapRows.map(([label, key]) => [
        label,
        Math.min(...pickHeap(key)),
        quantile(pickHeap(key), 0.5),
        quantile(pickHeap(key), 0.9),
        Math.max(...pickHeap(key)),
        firstHeap ? firstHeap[key] / MB : NaN,
      ]),
    );
  } else {
    console.log('the worker heap could not be measured in any round');
  }

  const figure = (name: string, key: keyof Start, q: number, extra: Partial<BenchFigure> = {}): BenchFigure => ({
    name,
    value: quantile(pick(key), q),
    unit: 'ms',
    ...extra,
  });
  const heapFigures: BenchFigure[] = heaps.length
    ? [
        {
          name: 'worker heap, total, median',
          value: quantile(pickHeap('total'), 0.5),
          unit: 'MB',
          target: { below: TARGET_MB },
          note: 'JS heap + ArrayBuffers + external strings, after a full GC, all worker knowledge loaded',
        },
        { name: 'worker heap, JS heap, median', value: quantile(pickHeap('jsHeap'), 0.5), unit: 'MB' },
        { name: 'worker heap, ArrayBuffers + external strings, median', value: quantile(pickHeap('buffers'), 0.5), unit: 'MB' },
      ]
    : [];
  return [
    figure('script evaluated, median', 'evaluated', 0.5, { note: 'baseline: the worker bundle alone, same starts' }),
    figure('script evaluated, p90', 'evaluated', 0.9),
    figure('classifier ready, median', 'ready', 0.5, { baseline: 'script evaluated, median', target: { below: TARGET_MS } }),
    figure('classifier ready, p90', 'ready', 0.9, { baseline: 'script evaluated, p90', target: { below: TARGET_MS } }),
    figure('all worker knowledge loaded, median', 'loaded', 0.5, {
      baseline: 'script evaluated, median',
      target: { below: TARGET_MS },
      note: 'owners + server countries + hosting operators + geolocation, all the worker loads (not the table of every network)',
    }),
    figure('all worker knowledge loaded, p90', 'loaded', 0.9, { baseline: 'script evaluated, p90', target: { below: TARGET_MS } }),
    ...heapFigures,
    figure('timeOrigin → script start, median', 'toScript', 0.5, { note: 'Chromium starting the worker thread, before any of our code' }),
  ];
}
