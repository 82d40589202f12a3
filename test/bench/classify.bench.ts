/**
 * Classification cost per request, against @ghostery/adblocker's engine loaded with
 * TrackerDB's serialised engine (what @ghostery/trackerdb itself offers for "which tracker is
 * this URL"), on the same corpus of realistic requests; plus worker start (load time and
 * memory of all knowledge files) and the size the knowledge adds to the package.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { deflateRawSync } from 'node:zlib';
import { FiltersEngine, Request } from '@ghostery/adblocker';
import { classify } from '../../src/classify/classify.js';
import { HostCache } from '../../src/classify/host-verdict.js';
import { KNOWLEDGE_FILES, loadKnowledge, type Knowledge } from '../../src/classify/knowledge.js';
import { OWNERS_FILE, type OwnersFile } from '../../src/classify/owners-format.js';
import { ensureKnowledge, folderReader } from '../../src/cli/knowledge-fs.js';
import { percentile, timerOverhead, type BenchFigure } from './bench-report.js';
import { buildCorpus, type CorpusRequest } from './corpus.js';

const CORPUS_SIZE = 120_000;
const root = path.resolve(import.meta.dirname, '../..');

/** A collectable-garbage switch without restarting Node with --expose-gc. */
function gcFunction(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/** Per-call times in µs (timer overhead removed), sorted. */
function timeEach(requests: readonly CorpusRequest[], call: (request: CorpusRequest) => unknown, overhead: number): Float64Array {
  const samples = new Float64Array(requests.length);
  let sink = 0;
  for (let i = 0; i < requests.length; i++) {
    const request = requests[i]!;
    const start = performance.now();
    const result = call(request);
    const elapsed = performance.now() - start;
    if (result) sink++;
    samples[i] = Math.max(0, elapsed - overhead) * 1000;
  }
  if (sink < 0) console.log(sink); // keeps the results alive
  return samples.sort();
}

/**
 * The pass with the lowest median of three: other processes on the machine only ever add
 * time, so the least disturbed pass is the best estimate, for both contenders alike.
 */
function bestOf(measure: () => Float64Array, passes = 3): Float64Array {
  let best: Float64Array | null = null;
  for (let i = 0; i < passes; i++) {
    const samples = measure();
    if (best === null || percentile(samples, 0.5) < percentile(best, 0.5)) best = samples;
  }
  return best!;
}

function stats(name: string, samples: Float64Array, baseline?: string): BenchFigure[] {
  let total = 0;
  for (const sample of samples) total += sample;
  return [
    { name: `${name} median`, value: percentile(samples, 0.5), unit: 'µs', ...(baseline ? { baseline: `${baseline} median` } : {}) },
    { name: `${name} p99`, value: percentile(samples, 0.99), unit: 'µs', ...(baseline ? { baseline: `${baseline} p99` } : {}) },
    { name: `${name} mean`, value: total / samples.length, unit: 'µs', ...(baseline ? { baseline: `${baseline} mean` } : {}) },
  ];
}

/** Module-level, so the collector cannot drop the knowledge while its memory is measured. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- only written: it keeps the knowledge reachable
let retained: Knowledge | null = null;

async function workerStart(dir: string): Promise<BenchFigure[]> {
  const gc = gcFunction();
  const read = folderReader(dir);
  // In the worker the files come from the package through fetch; here from the disk cache.
  const times: number[] = [];
  // `.then(() => undefined)`: an awaited value can linger in a hidden register of this frame,
  // which would keep the last knowledge alive and spoil the memory figure below.
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    await loadKnowledge(read).then(() => undefined);
    times.push(performance.now() - start);
  }
  const first = times[0]!;
  const sorted = times.slice(1).sort((a, b) => a - b);

  gc();
  gc();
  const before = process.memoryUsage();
  await loadKnowledge(read).then((knowledge) => void (retained = knowledge));
  gc();
  gc();
  const after = process.memoryUsage();
  const heap = (after.heapUsed - before.heapUsed) / 2 ** 20;
  const buffers = (after.arrayBuffers - before.arrayBuffers) / 2 ** 20;
  retained = null;

  // Zip as a packager would store these files: deflate at level 9 plus zip headers.
  let zipped = 22;
  let raw = 0;
  for (const file of readdirSync(dir)) {
    const bytes = readFileSync(path.join(dir, file));
    raw += bytes.length;
    zipped += deflateRawSync(bytes, { level: 9 }).length + 30 + 46 + 2 * file.length;
  }
  return [
    { name: 'knowledge load, first (cold JIT)', value: first, unit: 'ms', target: { below: 50 } },
    { name: 'knowledge load, median of 6 more', value: sorted[Math.floor(sorted.length / 2)]!, unit: 'ms', target: { below: 50 } },
    { name: 'knowledge memory: JS heap', value: heap, unit: 'MB', note: 'heapUsed delta after gc' },
    {
      name: 'knowledge memory: typed arrays',
      value: buffers,
      unit: 'MB',
      note: 'arrayBuffers delta after gc (file buffers viewed in place)',
    },
    { name: 'knowledge memory: total', value: heap + buffers, unit: 'MB', target: { below: 15 } },
    { name: 'knowledge files, raw', value: raw / 2 ** 20, unit: 'MB', note: KNOWLEDGE_FILES.join(', ') },
    { name: 'knowledge files, zipped', value: zipped / 2 ** 20, unit: 'MB', target: { below: 4 } },
  ];
}

export async function run(): Promise<BenchFigure[]> {
  const dir = await ensureKnowledge(() => {});
  const figures = await workerStart(dir);

  const owners = JSON.parse(readFileSync(path.join(dir, OWNERS_FILE), 'utf8')) as OwnersFile;
  const corpus = buildCorpus(owners, CORPUS_SIZE, 2026);
  const warmup = buildCorpus(owners, 30_000, 7).requests;
  const requests = corpus.requests;
  console.log(
    `  corpus: ${requests.length} requests, ${corpus.pages} page visits, ${corpus.hosts} distinct hosts ` +
      `(${((100 * corpus.hosts) / requests.length).toFixed(1)} % of requests go to a host not seen before), seed 2026`,
  );
  const overhead = timerOverhead();
  console.log(`  timer overhead ${(overhead * 1e6).toFixed(0)} ns per reading pair, subtracted from every sample`);

  const knowledge = await loadKnowledge(folderReader(dir));
  const ours = (request: CorpusRequest) => classify(knowledge, request);
  timeEach(warmup, ours, overhead); // JIT warm-up on other pages and hosts
  // Each measured pass starts with an empty host memo, like a worker that just started.
  const first = bestOf(() => {
    knowledge.hosts.clear();
    return timeEach(requests, ours, overhead);
  });
  const steady = bestOf(() => timeEach(requests, ours, overhead));
  // What the host memo holds once full (it is bounded): heap with it, then without it.
  const gc = gcFunction();
  gc();
  const withMemo = process.memoryUsage().heapUsed;
  const memoHosts = knowledge.hosts.size;
  knowledge.hosts.clear();
  gc();
  const memoMegabytes = (withMemo - process.memoryUsage().heapUsed) / 2 ** 20;
  // Without the memo: every request resolves its host from scratch (public suffix, owner walk).
  const unmemoised: Knowledge = { ...knowledge, hosts: new HostCache(knowledge.owners, 1, 1) };
  const cold = bestOf(() => timeEach(requests, (request) => classify(unmemoised, request), overhead));

  const engine = FiltersEngine.deserialize(
    new Uint8Array(readFileSync(path.join(root, 'node_modules/@ghostery/trackerdb/dist/trackerdb.engine'))),
  );
  const baseline = (request: CorpusRequest) =>
    engine.getPatternMetadata(Request.fromRawDetails({ url: request.url, sourceUrl: request.page, type: request.type as 'script' }), {
      getDomainMetadata: true,
    });
  timeEach(warmup, baseline, overhead);
  const adblocker = bestOf(() => timeEach(requests, baseline, overhead));

  const engineName = 'adblocker engine (TrackerDB)';
  return [
    ...figures,
    ...stats(engineName, adblocker),
    ...stats('classify', first, engineName).map((figure) =>
      figure.name === 'classify median' ? { ...figure, target: { below: 1, ratioAtLeast: 20 } } : figure,
    ),
    ...stats('classify, memo warm', steady, engineName),
    { name: 'host memo when full', value: memoMegabytes, unit: 'MB', note: `${memoHosts} hosts held (bounded)` },
    ...stats('classify, no host memo', cold, engineName),
  ];
}
