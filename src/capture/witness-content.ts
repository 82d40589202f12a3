/**
 * Content script (every frame, from document start): the page's own list of what it
 * loaded (Resource Timing), sent to the worker in small batches until acknowledged.
 *
 * Why: Chrome hands webRequest events to the worker and forgets them; when it stops the
 * worker, the events queued in it are lost (measured: a few per stop, more while the worker
 * is busy). The page's list is a second witness of the same requests, delivered reliably
 * (a message is retried until the worker answers), so requests missed while the worker was
 * down can still be recorded. Only URLs, resource kinds, times and status codes are read.
 */
import { sendMessage } from '../shared/browser.js';
import type { WitnessEntry } from '../shared/types.js';

const BATCH_DELAY_MS = 1000;
const RETRY_DELAY_MS = 250;
const MAX_RETRY_DELAY_MS = 5000;
const MAX_TRIES = 60;
const MAX_BATCH = 500;

const waiting: WitnessEntry[] = [];
let timer: ReturnType<typeof setTimeout> | null = null;
/**
 * The report on its way, resent as it is, under its id, until acknowledged: the worker then
 * remembers one id per report to ignore repeats, rather than every entry it ever handled.
 */
let sending: { id: string; entries: WitnessEntry[] } | null = null;
const pageId = Math.random().toString(36).slice(2, 12);
let reports = 0;

function schedule(delay: number): void {
  timer ??= setTimeout(() => {
    timer = null;
    void send(0);
  }, delay);
}

async function send(tries: number): Promise<void> {
  if (!sending) {
    const entries = waiting.splice(0, MAX_BATCH);
    if (entries.length === 0) return;
    sending = { id: `${pageId}.${reports++}`, entries };
  }
  const report = sending;
  try {
    const reply = await sendMessage<{ ok?: boolean }>({ type: 'witness', id: report.id, documentUrl: location.href, entries: report.entries });
    if (!reply?.ok) throw new Error('not stored');
    if (sending === report) sending = null;
    if (waiting.length) schedule(0);
  } catch {
    // The worker was stopped before it answered: send again (the worker ignores repeats).
    if (tries < MAX_TRIES) setTimeout(() => void send(tries + 1), Math.min(MAX_RETRY_DELAY_MS, RETRY_DELAY_MS * 2 ** Math.min(tries, 5)));
  }
}

try {
  const origin = performance.timeOrigin;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
      if (!/^https?:/i.test(entry.name)) continue;
      waiting.push({
        url: entry.name.slice(0, 4096),
        kind: entry.initiatorType.slice(0, 32),
        start: origin + entry.startTime,
        end: origin + entry.responseEnd,
        status: (entry as PerformanceResourceTiming & { responseStatus?: number }).responseStatus ?? 0,
      });
    }
    schedule(BATCH_DELAY_MS);
  }).observe({ type: 'resource', buffered: true });
  // Last chance before the page goes: one attempt, no retry (the page will not be there).
  addEventListener('pagehide', () => void send(MAX_TRIES));
} catch {
  // No Resource Timing here (a sandboxed frame): nothing to witness.
}
