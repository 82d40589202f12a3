/**
 * How many IndexedDB operations the capture issues per request it stores, in real Chromium:
 * a count, not a time, so it does not move with the machine's load the way the ingest
 * bench's figures do (capture-ingest.bench.ts), and a change to the store's batches shows in
 * it at once. Each operation is a round trip from the worker to the browser's database
 * process; in a batch of a page's pace they were most of its time (reads of daily rows the
 * worker had just written, before daily-cache.ts).
 *
 * A copy of dist/chrome whose worker.js first wraps IDBObjectStore and IDBIndex methods (and
 * IDBDatabase.transaction) with counters; the same fixture page as the ingest bench sends
 * N requests at its own pace (160 in flight on 40 hosts), after a warm-up. With
 * UPSTREAM_BENCH_BEFORE=<an earlier dist/chrome>, that build is counted too, and compared.
 * Knob: UPSTREAM_BENCH_DBOPS_N (3000).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startFixtureServer } from '../../src/audit/fixture-server.js';
import type { BenchFigure } from './bench-report.js';
import { fmt, header } from './helpers/report.js';
import { burst } from './helpers/ingest-measure.js';
import { PAGE_URL } from './helpers/ingest-knobs.js';
import { BENCH_SITES, describeBuild, envInt, launchVariant, type VariantName, workspace } from './helpers/variants.js';

const N = envInt('UPSTREAM_BENCH_DBOPS_N', 3000);
const WARMUP = 300;

/** Prepended to worker.js: counts every call of the methods that send an operation to the database. */
const COUNTER = `globalThis.__upstreamDbOps = { transactions: 0 };
for (const [proto, label] of [[IDBObjectStore.prototype, 'store'], [IDBIndex.prototype, 'index']]) {
  for (const method of ['get', 'getAll', 'getAllKeys', 'getKey', 'put', 'add', 'delete', 'clear', 'count', 'openCursor', 'openKeyCursor']) {
    const original = proto[method];
    if (typeof original !== 'function') continue;
    proto[method] = function (...args) {
      const key = label + '.' + method;
      globalThis.__upstreamDbOps[key] = (globalThis.__upstreamDbOps[key] || 0) + 1;
      return original.apply(this, args);
    };
  }
}
{
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...args) {
    globalThis.__upstreamDbOps.transactions++;
    return transaction.apply(this, args);
  };
}
`;

interface Counted {
  name: VariantName;
  transactions: number;
  operations: number;
  byMethod: Record<string, number>;
}

export async function run(): Promise<BenchFigure[]> {
  const names: VariantName[] = process.env.UPSTREAM_BENCH_BEFORE ? ['upstream-before', 'upstream'] : ['upstream'];
  header('Capture: IndexedDB operations per stored request, in real Chromium', import.meta.filename, [
    `${N} fetch requests at one page's pace (160 in flight, 40 hosts) after ${WARMUP} of warm-up; operations counted in the worker (a copy of the build with counters)`,
    describeBuild(),
  ]);
  const ws = await workspace();
  const server = await startFixtureServer(BENCH_SITES);
  const counted: Counted[] = [];
  try {
    for (const name of names) {
      const prepared = await ws.prepare(name);
      if ('skipped' in prepared) {
        console.log(`  ${name}: skipped (${prepared.skipped})`);
        continue;
      }
      const file = path.join(prepared.dir!, 'worker.js');
      await writeFile(file, COUNTER + (await readFile(file, 'utf8')));
      const variant = await launchVariant(prepared, server, ws.dir);
      try {
        const page = await variant.context.newPage();
        await page.goto(PAGE_URL, { waitUntil: 'load' });
        await burst(variant, page, `/dbops-warm-${name}/`, WARMUP);
        const worker = variant.serviceWorker();
        if (!worker) throw new Error(`${name}: no service worker`);
        await worker.evaluate(() => {
          const ops = (globalThis as unknown as { __upstreamDbOps: Record<string, number> }).__upstreamDbOps;
          for (const key of Object.keys(ops)) ops[key] = 0;
        });
        await burst(variant, page, `/dbops-${name}/`, N);
        const ops = await worker.evaluate(() => ({
          ...(globalThis as unknown as { __upstreamDbOps: Record<string, number> }).__upstreamDbOps,
        }));
        const { transactions, ...byMethod } = ops;
        const operations = Object.values(byMethod).reduce((sum, n) => sum + n, 0);
        counted.push({ name, transactions: transactions ?? 0, operations, byMethod });
        console.log(
          `  ${name.padEnd(16)} ${operations} operations in ${transactions} transactions (${fmt(N / (transactions || 1))} requests each): ` +
            Object.entries(byMethod)
              .filter(([, n]) => n > 0)
              .map(([method, n]) => `${method} ${n}`)
              .join(', '),
        );
      } finally {
        await variant.close();
      }
    }
  } finally {
    await server.close();
    await ws.remove();
  }
  return counted.flatMap((c): BenchFigure[] => {
    const label = c.name === 'upstream' ? 'Upstream' : 'Upstream, earlier build';
    const baseline =
      c.name === 'upstream' && counted.some((o) => o.name === 'upstream-before')
        ? 'IndexedDB operations per request, Upstream, earlier build'
        : undefined;
    return [
      { name: `IndexedDB operations per request, ${label}`, value: c.operations / N, unit: 'ops', ...(baseline ? { baseline } : {}) },
      {
        name: `IndexedDB operations per transaction, ${label}`,
        value: c.operations / (c.transactions || 1),
        unit: 'ops',
        note: `${fmt(N / (c.transactions || 1))} requests per transaction`,
      },
    ];
  });
}
