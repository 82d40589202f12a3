/**
 * The worker profile of the capture-ingest bench (UPSTREAM_BENCH_PROFILE=1): one more burst
 * of N with the worker under the V8 profiler, and where its time went (functions mapped to
 * the TypeScript sources); that burst's figures are not reported. With
 * UPSTREAM_BENCH_PROFILE_JSON=<file>, every function's self and inclusive time is also
 * written to that file, to look further than the tables printed here.
 */
import { writeFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { profileWorker, summariseProfile } from './profile.js';
import { fmt, table } from './report.js';
import type { RunningVariant } from './variants.js';
import { burst } from './ingest-measure.js';
import { N } from './ingest-knobs.js';

/** One more burst with the worker under the profiler; prints where its CPU went. */
export async function profiledBurst(variant: RunningVariant, page: Page): Promise<void> {
  const profiler = await profileWorker(variant);
  await burst(variant, page, '/profiled/', N);
  const summary = await summariseProfile(await profiler.stop(), variant.extensionDir!);
  const jsonFile = process.env.UPSTREAM_BENCH_PROFILE_JSON;
  if (jsonFile) await writeFile(jsonFile, JSON.stringify(summary, null, 1));
  const share = (ms: number) => `${((100 * ms) / summary.totalMs).toFixed(1)}%`;
  console.log(
    `\nWorker profile of one more burst of ${N} (V8 sampling profiler; ${fmt(summary.totalMs)} ms sampled, ${fmt((summary.totalMs * 1000) / N)} µs per request with the profiler's own overhead)`,
  );
  table(
    'By source file or package (self time)',
    ['file', 'self ms', 'share'],
    summary.files.slice(0, 15).map((file) => [file.file, file.selfMs, share(file.selfMs)]),
  );
  table(
    'Functions by inclusive time (time spent in them and what they call)',
    ['function', 'inclusive ms', 'share', 'self ms'],
    [...summary.functions]
      .sort((a, b) => b.totalMs - a.totalMs)
      .filter((f) => !f.key.startsWith('('))
      .slice(0, 25)
      .map((f) => [f.key, f.totalMs, share(f.totalMs), f.selfMs]),
  );
  table(
    'Functions by self time',
    ['function', 'self ms', 'share'],
    [...summary.functions]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, 20)
      .map((f) => [f.key, f.selfMs, share(f.selfMs)]),
  );
}
