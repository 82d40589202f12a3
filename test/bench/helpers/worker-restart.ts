/**
 * Stopping and waking the extension's service worker from a benchmark, and reading the
 * User Timing marks of its current start (src/capture/worker-marks.ts).
 *
 * Stopped the way Chrome itself stops an idle worker, and the way the launcher's
 * stopWorker does it: CDP `Target.closeTarget` on the service_worker target. Playwright
 * keeps the same Worker handle across restarts (it evaluates in whichever worker runs
 * now), so each start is told apart by its `performance.timeOrigin`.
 */
import type { BrowserContext, Worker } from 'playwright-core';
import { sleep } from './report.js';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

async function workerTargets(context: BrowserContext, origin: string): Promise<TargetInfo[]> {
  const cdp = await context.browser()!.newBrowserCDPSession();
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    return targetInfos.filter((target) => target.type === 'service_worker' && target.url.startsWith(origin));
  } finally {
    await cdp.detach();
  }
}

/** Stops the worker and waits until Chromium no longer lists it. */
export async function stopWorker(context: BrowserContext, origin: string, timeoutMs = 5_000): Promise<void> {
  const cdp = await context.browser()!.newBrowserCDPSession();
  try {
    for (const target of await workerTargets(context, origin)) await cdp.send('Target.closeTarget', { targetId: target.targetId });
  } finally {
    await cdp.detach();
  }
  const deadline = Date.now() + timeoutMs;
  while ((await workerTargets(context, origin)).length > 0) {
    if (Date.now() > deadline) throw new Error('the service worker did not stop');
    await sleep(20);
  }
}

export interface StartMarks {
  /** performance.timeOrigin of this start (epoch ms): tells starts apart. */
  timeOrigin: number;
  /** mark name → ms after timeOrigin */
  marks: Record<string, number>;
}

/** The marks of the running worker's start, or null while no worker answers. */
export async function readMarks(worker: Worker): Promise<StartMarks | null> {
  try {
    return await worker.evaluate(() => ({
      timeOrigin: performance.timeOrigin,
      marks: Object.fromEntries(performance.getEntriesByType('mark').map((mark) => [mark.name, mark.startTime])),
    }));
  } catch {
    return null;
  }
}

/**
 * Waits until a start other than `previousOrigin` has set `until`, then returns its marks
 * (null after the timeout). Asks rarely, after a first pause: each question is a task on
 * the very worker thread being timed.
 */
export async function waitForMark(
  worker: () => Worker | null,
  previousOrigin: number,
  until: string,
  timeoutMs = 15_000,
): Promise<StartMarks | null> {
  const deadline = Date.now() + timeoutMs;
  await sleep(500);
  while (Date.now() < deadline) {
    const current = worker();
    const marks = current ? await readMarks(current) : null;
    if (marks && marks.timeOrigin !== previousOrigin && until in marks.marks) return marks;
    await sleep(200);
  }
  return null;
}

/** What the running worker holds, in bytes, after a full garbage collection (CDP Runtime.getHeapUsage). */
export interface WorkerHeap {
  /** JavaScript heap in use: objects, strings (the embedded owners text among them), code. */
  jsHeap: number;
  /** Backing stores of ArrayBuffers (the knowledge files) and external strings (the script source). */
  buffers: number;
}

/**
 * Measures the worker's heap, after asking V8 for a full collection so that the figure
 * is what the worker keeps rather than what it has not yet freed. Through the browser's
 * CDP session (Playwright opens none on service workers): Target.attachToTarget without
 * flatten, then messages wrapped in Target.sendMessageToTarget. Null if no worker runs.
 */
export async function measureWorkerHeap(context: BrowserContext, origin: string): Promise<WorkerHeap | null> {
  const [target] = await workerTargets(context, origin);
  if (!target) return null;
  const cdp = await context.browser()!.newBrowserCDPSession();
  try {
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
    const waiting = new Map<number, (reply: { result?: unknown; error?: { message: string } }) => void>();
    cdp.on('Target.receivedMessageFromTarget', (event: { sessionId?: string; message: string }) => {
      if (event.sessionId !== sessionId) return;
      const reply = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (reply.id !== undefined) waiting.get(reply.id)?.(reply);
    });
    let next = 0;
    const send = async <T>(method: string): Promise<T> => {
      const id = ++next;
      const reply = await new Promise<{ result?: unknown; error?: { message: string } }>((resolve, reject) => {
        waiting.set(id, resolve);
        cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) }).catch(reject);
        setTimeout(() => reject(new Error(`${method}: no answer from the worker`)), 5_000);
      });
      if (reply.error) throw new Error(`${method}: ${reply.error.message}`);
      return reply.result as T;
    };
    await send('HeapProfiler.collectGarbage');
    const usage = await send<{ usedSize: number; backingStorageSize: number }>('Runtime.getHeapUsage');
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    return { jsHeap: usage.usedSize, buffers: usage.backingStorageSize };
  } catch (error) {
    console.log(`  (worker heap not measured: ${(error as Error).message})`);
    return null;
  } finally {
    await cdp.detach();
  }
}
