/**
 * Cheap reads of Upstream's database while a benchmark runs, evaluated in the extension's
 * service worker (plain IndexedDB, the `requests` store). An extension page would do too,
 * but Upstream's pages render live views of the database, which would add their own work
 * to the extension process on every batch; a count from the worker costs well under a
 * millisecond per poll.
 */
import type { Page, Worker } from 'playwright-core';
import type { RunningVariant } from './variants.js';
import type { WriteStats } from '../../../src/store/worker-commands.js';

const DB_NAME = 'upstream';
const STORE = 'requests';

type Query = { op: 'max' } | { op: 'count'; afterId: number } | { op: 'tally'; afterId: number; prefix: string };

export interface PathTally {
  /** rows above afterId */
  rows: number;
  /** rows whose path starts with the prefix */
  matching: number;
  /** distinct paths among them */
  distinct: number;
}

/** Runs in the service worker; keeps one connection to the database in a global between calls. */
function query(args: { name: string; store: string; query: Query }): Promise<number | PathTally> {
  const scope = globalThis as unknown as { __benchDb?: Promise<IDBDatabase> };
  scope.__benchDb ??= new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(args.name);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const q = args.query;
  return scope.__benchDb.then(
    (db) =>
      new Promise<number | PathTally>((resolve, reject) => {
        const store = db.transaction(args.store, 'readonly').objectStore(args.store);
        if (q.op === 'max') {
          const request = store.openKeyCursor(null, 'prev');
          request.onsuccess = () => resolve(request.result ? Number(request.result.key) : 0);
          request.onerror = () => reject(request.error);
        } else if (q.op === 'count') {
          const request = store.count(IDBKeyRange.lowerBound(q.afterId, true));
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        } else {
          const request = store.getAll(IDBKeyRange.lowerBound(q.afterId, true));
          request.onsuccess = () => {
            const rows = request.result as { p?: unknown }[];
            const paths = new Set<string>();
            let matching = 0;
            for (const row of rows) {
              if (typeof row.p === 'string' && row.p.startsWith(q.prefix)) {
                matching++;
                paths.add(row.p);
              }
            }
            resolve({ rows: rows.length, matching, distinct: paths.size });
          };
          request.onerror = () => reject(request.error);
        }
      }),
  );
}

/** Largest request id stored so far (0 when none). */
export async function maxRequestId(worker: Worker): Promise<number> {
  return (await worker.evaluate(query, { name: DB_NAME, store: STORE, query: { op: 'max' } as Query })) as number;
}

/** Request rows with an id above `afterId`. */
export async function countRequestsAfter(worker: Worker, afterId: number): Promise<number> {
  return (await worker.evaluate(query, { name: DB_NAME, store: STORE, query: { op: 'count', afterId } as Query })) as number;
}

/** Counts stored rows (id > afterId) whose path starts with `prefix`, and how many distinct paths. */
export async function tallyPaths(worker: Worker, afterId: number, prefix: string): Promise<PathTally> {
  return (await worker.evaluate(query, { name: DB_NAME, store: STORE, query: { op: 'tally', afterId, prefix } as Query })) as PathTally;
}

export interface WaitResult {
  /** rows above afterId when the wait ended */
  count: number;
  /** epoch ms of the first poll that saw `target` rows, or of the last progress when it never did */
  reachedAt: number;
  reached: boolean;
  polls: number;
}

/**
 * Polls the row count every `intervalMs` until `target` rows above `afterId` are stored, or
 * nothing new arrived for `stallMs` (what is missing by then is lost).
 */
export async function waitForRows(worker: Worker, afterId: number, target: number, intervalMs = 50, stallMs = 10_000): Promise<WaitResult> {
  let count = -1;
  let lastProgress = Date.now();
  let polls = 0;
  for (;;) {
    const now = await countRequestsAfter(worker, afterId);
    polls++;
    const time = Date.now();
    if (now !== count) {
      count = now;
      lastProgress = time;
    }
    if (count >= target) return { count, reachedAt: time, reached: true, polls };
    if (time - lastProgress > stallMs) return { count, reachedAt: lastProgress, reached: false, polls };
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** What the worker's `status` command answers about its pipeline. */
export interface PipelineStatus extends WriteStats {
  waiting: number;
  unjournaled: number;
}

/**
 * The worker's own counters (the `status` command), asked from an extension page opened
 * for the purpose and closed at once, after the measurement.
 */
export async function pipelineStatus(variant: RunningVariant): Promise<PipelineStatus | null> {
  if (!variant.extensionOrigin) return null;
  const page: Page = await variant.context.newPage();
  try {
    await page.goto(`${variant.extensionOrigin}/popup.html`, { waitUntil: 'load' });
    return await page.evaluate(async () => {
      type Runtime = { runtime: { sendMessage(message: unknown): Promise<unknown> } };
      const api = (globalThis as unknown as { chrome: Runtime }).chrome;
      const reply = (await api.runtime.sendMessage({ type: 'status' })) as
        | { ok: true; value: { stats: Omit<PipelineStatus, 'waiting' | 'unjournaled'>; waiting: number; unjournaled: number } }
        | { ok: false }
        | undefined;
      if (!reply?.ok) return null;
      return { ...reply.value.stats, waiting: reply.value.waiting, unjournaled: reply.value.unjournaled };
    });
  } finally {
    await page.close();
  }
}

/** `host` + `path` of every stored request with an id above `afterId` (queries are not stored). */
export function storedHostPaths(worker: Worker, afterId: number): Promise<string[]> {
  return worker.evaluate(
    ({ name, afterId }) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const transaction = db.transaction(['requests', 'hosts'], 'readonly');
          const rows = transaction.objectStore('requests').getAll(IDBKeyRange.lowerBound(afterId, true));
          const hosts = transaction.objectStore('hosts').getAll();
          transaction.oncomplete = () => {
            db.close();
            const names = new Map((hosts.result as { id: number; n: string }[]).map((host) => [host.id, host.n]));
            resolve((rows.result as { h: number; p: string }[]).map((row) => `${names.get(row.h) ?? `#${row.h}`}${row.p}`));
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    { name: DB_NAME, afterId },
  );
}
