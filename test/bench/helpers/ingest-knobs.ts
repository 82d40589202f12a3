/**
 * The knobs of the capture-ingest bench (capture-ingest.bench.ts), read from the environment:
 * UPSTREAM_BENCH_INGEST_N (20000), _BACKLOG (6000), _HOSTS (40), _CONCURRENCY (160), _ROUNDS (2),
 * _KIND (g = GET fetch, i = image, mixed). UPSTREAM_BENCH_PROFILE=1 adds, after the measured
 * rounds, one burst of N with the worker under the V8 profiler.
 */
import { envInt } from './variants.js';

export const N = envInt('UPSTREAM_BENCH_INGEST_N', 20_000);
export const HOSTS = envInt('UPSTREAM_BENCH_INGEST_HOSTS', 40);
export const CONCURRENCY = envInt('UPSTREAM_BENCH_INGEST_CONCURRENCY', 160);
export const ROUNDS = envInt('UPSTREAM_BENCH_INGEST_ROUNDS', 2);
export const KIND = process.env.UPSTREAM_BENCH_INGEST_KIND ?? 'g';
export const BACKLOG = envInt('UPSTREAM_BENCH_INGEST_BACKLOG', 6000);
export const PROFILE = process.env.UPSTREAM_BENCH_PROFILE === '1';
export const WARMUP = 500;
export const TARGET_PER_SECOND = 5_000;
export const PAGE_URL = 'https://ingest-driver.example/';
