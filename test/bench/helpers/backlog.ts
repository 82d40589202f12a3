/**
 * A backlog for Upstream's store, made of real events: an extension page holds a read-write
 * transaction on the `requests` store (IndexedDB runs overlapping read-write transactions one
 * after the other), so while a page fires a burst the worker journals every event but cannot
 * store any. Released, the worker drains the backlog as fast as it can, in its largest
 * batches: the rate of that drain is what the store manages when events come faster than one
 * page on this machine can make them (the sustained figure is bounded by the page).
 *
 * The lock is held from a script-free page of the extension's origin (one of its icons), not
 * from the worker, so that keeping the transaction alive costs the worker's thread nothing.
 */
import type { Page } from 'playwright-core';
import { maxRequestId, tallyPaths, waitForRows } from './upstream-db.js';
import type { RunningVariant } from './variants.js';

interface StoreLock {
  release(): Promise<void>;
}

/** Holds a read-write transaction on Upstream's `requests` store until released. */
async function holdStore(variant: RunningVariant): Promise<StoreLock> {
  if (!variant.extensionOrigin) throw new Error(`${variant.name}: no extension`);
  const page: Page = await variant.context.newPage();
  await page.goto(`${variant.extensionOrigin}/icons/icon-16.png`, { waitUntil: 'load' });
  // A string, not a function: tsx keeps names with a helper that does not exist in the page.
  await page.evaluate(`new Promise((resolve, reject) => {
    globalThis.__hold = true;
    const open = indexedDB.open('upstream');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const transaction = db.transaction('requests', 'readwrite');
      const store = transaction.objectStore('requests');
      transaction.oncomplete = () => db.close();
      // A transaction commits once no request is pending: keep one pending until released.
      const spin = () => { if (globalThis.__hold) store.count(0).onsuccess = spin; };
      // Granted: the worker's transactions now wait behind this one.
      store.count(0).onsuccess = () => { resolve(); spin(); };
    };
  })`);
  return {
    release: async () => {
      await page.evaluate(() => {
        (globalThis as unknown as { __hold?: boolean }).__hold = false;
      });
      await page.close();
    },
  };
}

export interface BacklogResult {
  events: number;
  /** µs of worker CPU per request while the burst came in and was journaled (store locked) */
  captureUs: number;
  /** µs of worker CPU per request while the backlog was stored */
  storeUs: number;
  /** rows stored per second from the release of the lock until the last one */
  drainRate: number;
  drainMs: number;
  lost: number;
}

/** How long after the burst's last answer the lock is kept: the pages' own reports (witness) arrive within a second. */
const SETTLE_MS = 1500;

/**
 * Fires `count` requests while the store is locked, then releases it and times the drain.
 * `fireBurst` fires the requests (paths starting with `prefix`) from the driver page.
 */
export async function measureBacklog(
  variant: RunningVariant,
  count: number,
  prefix: string,
  fireBurst: () => Promise<unknown>,
  /** the worker thread's CPU time so far, in ms */
  workerMs: () => number,
): Promise<BacklogResult> {
  const worker = variant.serviceWorker();
  if (!worker) throw new Error(`${variant.name}: no service worker`);
  const afterId = await maxRequestId(worker);
  const lock = await holdStore(variant);
  const cpuStart = workerMs();
  await fireBurst();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const cpuLocked = workerMs();
  const released = Date.now();
  await lock.release();
  const wait = await waitForRows(worker, afterId, count);
  const cpuEnd = workerMs();
  const tally = await tallyPaths(worker, afterId, prefix);
  const drainMs = wait.reachedAt - released;
  return {
    events: count,
    captureUs: ((cpuLocked - cpuStart) * 1000) / count,
    storeUs: ((cpuEnd - cpuLocked) * 1000) / count,
    drainRate: (tally.distinct * 1000) / drainMs,
    drainMs,
    lost: count - tally.distinct,
  };
}
