/**
 * IP table micro benchmark:
 *   npx tsx -e "import('./test/bench/ip-lookup.bench.ts').then(m=>m.run())"
 * Prints the size of the compiled files (raw and deflated), the time and memory it takes
 * to load them in a fresh V8 (a child process, as cold as a restarted service worker),
 * and the cost of one lookup over 100,000 random public IPv4 and IPv6 addresses.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { IP_TABLE_FILES, lookupCountry, lookupNetwork } from '../../src/classify/ip-lookup.js';
import { isPublicV4 } from '../../src/classify/ip-special.js';
import { ipKnowledge, root } from '../unit/helpers/ip-knowledge.js';

const LOOKUPS = 100_000;

export async function run(): Promise<void> {
  const { dir, tables } = await ipKnowledge();
  console.log(`IP tables in ${path.relative(root, dir)}`);
  printSizes(dir);
  printColdLoad(dir);

  const random = seeded(20260617);
  const v4: string[] = [];
  while (v4.length < LOOKUPS) {
    const address = Math.floor(random() * 2 ** 32);
    if (isPublicV4(address)) v4.push([address >>> 24, (address >>> 16) & 255, (address >>> 8) & 255, address & 255].join('.'));
  }
  // Global unicast, the first group drawn from where allocations are (2001::/16, 2400::-2c0f::).
  const v6: string[] = [];
  while (v6.length < LOOKUPS) {
    const first = random() < 0.3 ? 0x2001 : 0x2400 + Math.floor(random() * 0x810);
    const rest = Array.from({ length: 7 }, (_, g) =>
      g < 3 ? Math.floor(random() * 0x10000) : random() < 0.7 ? 0 : Math.floor(random() * 0x10000),
    );
    v6.push(
      [first, ...rest]
        .map((group) => group.toString(16))
        .join(':')
        .replace(/(^|:)0(:0)+(:|$)/, '::'),
    );
  }

  console.log('\nlookup cost, ns per call: median and p99 with each call timed alone (timer overhead');
  console.log('subtracted); mean = CPU time of one untimed loop over all addresses / count');
  console.log('                          median      p99     mean');
  for (const [label, addresses] of [
    ['IPv4', v4],
    ['IPv6', v6],
  ] as const) {
    time(`lookupCountry ${label}`, addresses, (ip) => lookupCountry(tables.country, ip));
    time(`lookupNetwork ${label}`, addresses, (ip) => lookupNetwork(tables.network, ip));
  }
}

function printSizes(dir: string): void {
  let raw = 0;
  let deflated9 = 0;
  let deflated6 = 0;
  console.log('\nfile                  raw KB   deflate-9 KB   deflate-6 KB');
  for (const name of IP_TABLE_FILES) {
    const bytes = readFileSync(path.join(dir, name));
    const d9 = deflateRawSync(bytes, { level: 9 }).length;
    const d6 = deflateRawSync(bytes, { level: 6 }).length;
    raw += bytes.length;
    deflated9 += d9;
    deflated6 += d6;
    console.log(`${name.padEnd(20)} ${kb(bytes.length)} ${kb(d9, 14)} ${kb(d6, 14)}`);
  }
  console.log(`${'total'.padEnd(20)} ${kb(raw)} ${kb(deflated9, 14)} ${kb(deflated6, 14)}`);
}

/** Loads the tables in a fresh Node process, so nothing is warmed up. */
function printColdLoad(dir: string): void {
  const out = path.join(root, 'build', 'bench');
  mkdirSync(out, { recursive: true });
  const bundle = path.join(out, 'ip-lookup.mjs');
  esbuild.buildSync({
    entryPoints: [path.join(root, 'src/classify/ip-lookup.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    outfile: bundle,
    logLevel: 'warning',
  });
  const probe = path.join(out, 'ip-load-probe.mjs');
  writeFileSync(
    probe,
    `import { readFileSync } from 'node:fs';
import { IP_TABLE_FILES, parseIpTables, lookupCountry, lookupNetwork } from ${JSON.stringify(bundle)};
const files = {};
for (const name of IP_TABLE_FILES) {
  const b = readFileSync(${JSON.stringify(dir)} + '/' + name); // a large file gets its own ArrayBuffer
  files[name] = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b.buffer : b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
}
globalThis.gc(); const before = process.memoryUsage();
const c0 = process.cpuUsage(); const t0 = performance.now(); const tables = parseIpTables(files); const t1 = performance.now(); const c1 = process.cpuUsage(c0);
globalThis.gc(); const after = process.memoryUsage();
const t2 = performance.now(); lookupCountry(tables.country, '8.8.8.8'); lookupNetwork(tables.network, '2001:4860:4860::8888'); const t3 = performance.now();
console.log(JSON.stringify({ parseMs: t1 - t0, parseCpuMs: (c1.user + c1.system) / 1000, firstLookupsMs: t3 - t2, heapDelta: after.heapUsed - before.heapUsed, external: after.arrayBuffers, heapTotal: after.heapUsed }));
`,
  );
  const samples = Array.from(
    { length: 5 },
    () => JSON.parse(execFileSync(process.execPath, ['--expose-gc', probe], { encoding: 'utf8' })) as Record<string, number>,
  );
  const median = (key: string): number => samples.map((s) => s[key]!).sort((a, b) => a - b)[2]!;
  console.log('\ncold load in a fresh process (median of 5):');
  console.log(
    `  parseIpTables            ${median('parseMs').toFixed(2)} ms wall (process CPU, all threads: ${median('parseCpuMs').toFixed(2)} ms)`,
  );
  console.log(`  first two lookups        ${median('firstLookupsMs').toFixed(2)} ms (unoptimised code, first name decoded)`);
  console.log(
    `  JS heap added by parse   ${kb(median('heapDelta'), 0)} KB (JS heap in use after: ${(median('heapTotal') / 2 ** 20).toFixed(1)} MB)`,
  );
  console.log(`  ArrayBuffers (the files) ${(median('external') / 2 ** 20).toFixed(1)} MB, outside the JS heap`);
}

function time(label: string, addresses: readonly string[], lookup: (ip: string) => unknown): void {
  for (const ip of addresses) lookup(ip); // warm up: optimised code, names decoded once
  const overhead: number[] = [];
  for (let i = 0; i < 10_000; i++) {
    const t0 = performance.now();
    overhead.push(performance.now() - t0);
  }
  const timerNs = percentile(overhead, 0.5) * 1e6;
  const samples = new Float64Array(addresses.length);
  addresses.forEach((ip, i) => {
    const t0 = performance.now();
    lookup(ip);
    samples[i] = (performance.now() - t0) * 1e6 - timerNs;
  });
  // CPU time rather than wall time: a busy machine preempting us must not count.
  const started = process.cpuUsage();
  for (const ip of addresses) lookup(ip);
  const cpu = process.cpuUsage(started);
  const meanNs = ((cpu.user + cpu.system) * 1e3) / addresses.length;
  console.log(
    `  ${label.padEnd(22)} ${percentile([...samples], 0.5)
      .toFixed(0)
      .padStart(7)} ${percentile([...samples], 0.99)
      .toFixed(0)
      .padStart(8)} ${meanNs.toFixed(0).padStart(8)}`,
  );
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.max(0, sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!);
}

const kb = (bytes: number, width = 8): string => (bytes / 1024).toFixed(0).padStart(width);

function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}
