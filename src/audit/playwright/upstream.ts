/**
 * What a test holds as the `upstream` fixture: the requests the extension recorded in this
 * test's browser, their figures, and named points in time to compare them with.
 */
import type { BrowserPage } from '../extension-browser.js';
import { flushWorker, readRecords, type StoreSnapshot } from '../read-store.js';
import { classifiedRequests, type UpstreamRequest } from './classified-requests.js';
import { figuresOf, type UpstreamFigures } from './figures.js';

export interface Upstream {
  /** `chrome-extension://<id>` of the loaded extension */
  readonly extensionOrigin: string;
  /** when the browser was ready, ms since the epoch (failure messages count time from here) */
  readonly startedAt: number;
  /**
   * Every request recorded so far, oldest first, with who received it. Asks the worker to
   * store what it holds, then reads again until nothing new arrives for `quietMs`.
   */
  requests(): Promise<UpstreamRequest[]>;
  /** The figures of everything recorded so far. */
  figures(): Promise<UpstreamFigures>;
  /**
   * Remembers this moment as `label` (for instance just before clicking "accept" on a
   * consent banner). Waits first until the recorder is quiet, so that requests sent before
   * the call have finished: a request counts as before a mark when the browser finished it
   * (completed, redirected or failed) before the mark.
   */
  mark(label: string): Promise<void>;
  /** Time of a mark, ms since the epoch; throws when no mark has that label. */
  markTime(label: string): number;
  /** Labels of the marks set so far, in the order they were set. */
  markLabels(): string[];
}

export interface RecorderAccess {
  extensionOrigin: string;
  openExtensionPage(file: string): Promise<BrowserPage>;
  /** How long the record must stay unchanged to count as complete, ms. */
  quietMs: number;
  /** Longest wait for the record to become quiet, ms (a page that never stops sending). */
  settleTimeoutMs: number;
  /** when the browser was ready, ms since the epoch */
  startedAt: number;
}

/** Flushes and reads until the number of requests stays the same for `quietMs`. */
async function readSettled(access: RecorderAccess): Promise<StoreSnapshot> {
  // An extension page shares the extension's database and can message its worker.
  const page = await access.openExtensionPage('popup.html');
  try {
    const deadline = Date.now() + access.settleTimeoutMs;
    let previous = -1;
    for (;;) {
      await flushWorker(page);
      const snapshot = await readRecords(page);
      if (snapshot.requests.length === previous || Date.now() >= deadline) return snapshot;
      previous = snapshot.requests.length;
      await new Promise((resolve) => setTimeout(resolve, access.quietMs));
    }
  } finally {
    await page.close();
  }
}

export function createUpstream(access: RecorderAccess): Upstream {
  const marks = new Map<string, number>();
  const upstream: Upstream = {
    extensionOrigin: access.extensionOrigin,
    startedAt: access.startedAt,
    requests: async () => classifiedRequests(await readSettled(access)),
    figures: async () => {
      const snapshot = await readSettled(access);
      return figuresOf(classifiedRequests(snapshot), snapshot);
    },
    mark: async (label) => {
      if (marks.has(label)) throw new Error(`upstream.mark('${label}'): this test already set a mark with that label`);
      await readSettled(access);
      marks.set(label, Date.now());
    },
    markTime: (label) => {
      const time = marks.get(label);
      if (time === undefined) {
        const known = [...marks.keys()].map((k) => `'${k}'`).join(', ') || 'none yet';
        throw new Error(`no mark '${label}': call \`await upstream.mark('${label}')\` first (marks set: ${known})`);
      }
      return time;
    },
    markLabels: () => [...marks.keys()],
  };
  return upstream;
}

export function isUpstream(value: unknown): value is Upstream {
  const candidate = value as Partial<Upstream> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.requests === 'function' &&
    typeof candidate.markTime === 'function'
  );
}
