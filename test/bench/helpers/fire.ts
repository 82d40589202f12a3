/**
 * Makes a page send many requests at a fixed concurrency, as fast as the page, the browser
 * and the fixture server allow: images (`new Image()`), GET fetches and POST fetches (simple
 * CORS requests: the fixture server allows any origin, so no preflight and a readable body).
 */
import type { Page } from 'playwright-core';

/** One letter per request: i = image, g = GET fetch, p = POST fetch. */
export type KindCode = 'i' | 'g' | 'p';

export interface FireArgs {
  urls: string[];
  /** one KindCode per URL; all GET fetches when omitted */
  kinds?: string;
  concurrency: number;
  /** a request not answered by then counts as timed out (and is abandoned) */
  timeoutMs?: number;
}

export interface FireResult {
  /** epoch ms when the first request was started and the last one ended */
  start: number;
  end: number;
  ok: number;
  failed: number;
  timedOut: number;
}

/**
 * Runs in the page. Written without named inner functions: tsx compiles with esbuild's
 * keepNames, which would wrap them in a `__name` helper that does not exist in the page.
 */
function fireRequests(args: FireArgs): Promise<FireResult> {
  const { urls, kinds, concurrency } = args;
  const timeoutMs = args.timeoutMs ?? 30_000;
  const state = { next: 0, ok: 0, failed: 0, timedOut: 0 };
  const start = performance.timeOrigin + performance.now();
  const lanes: Promise<void>[] = [];
  for (let lane = 0; lane < Math.min(concurrency, urls.length); lane++) {
    lanes.push(
      (async () => {
        while (state.next < urls.length) {
          const index = state.next++;
          const url = urls[index]!;
          const kind = kinds ? kinds[index] : 'g';
          const abort = new AbortController();
          const answered = await new Promise<'ok' | 'failed' | 'timeout'>((resolve) => {
            const timer = setTimeout(() => {
              abort.abort();
              resolve('timeout');
            }, timeoutMs);
            // An answer after the timeout resolves nothing: the promise is settled already.
            if (kind === 'i') {
              const image = new Image();
              image.addEventListener('load', () => {
                clearTimeout(timer);
                resolve('ok');
              });
              image.addEventListener('error', () => {
                clearTimeout(timer);
                resolve('failed');
              });
              abort.signal.addEventListener('abort', () => image.removeAttribute('src'));
              image.src = url;
            } else {
              const init: RequestInit = { method: kind === 'p' ? 'POST' : 'GET', mode: 'cors', cache: 'no-store', signal: abort.signal };
              if (kind === 'p') init.body = 'e=1';
              // The body must be read: an unread response keeps its loader open, and after
              // ~16,000 of them Chromium fails (or, with a webRequest listener, stalls) every
              // further request of the page.
              fetch(url, init)
                .then((response) => response.arrayBuffer())
                .then(
                  () => {
                    clearTimeout(timer);
                    resolve('ok');
                  },
                  () => {
                    clearTimeout(timer);
                    resolve('failed');
                  },
                );
            }
          });
          if (answered === 'ok') state.ok++;
          else if (answered === 'failed') state.failed++;
          else state.timedOut++;
        }
      })(),
    );
  }
  return Promise.all(lanes).then(() => ({
    start,
    end: performance.timeOrigin + performance.now(),
    ok: state.ok,
    failed: state.failed,
    timedOut: state.timedOut,
  }));
}

export function fire(page: Page, args: FireArgs): Promise<FireResult> {
  return page.evaluate(fireRequests, args);
}
