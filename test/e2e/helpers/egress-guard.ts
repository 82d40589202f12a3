/**
 * The extension must never send a network request of its own. Two witnesses, checked after
 * every end-to-end test by the harness (test/e2e/harness.ts):
 * - Chromium's own traffic: Playwright's context `request` events include the requests of
 *   extension pages and of the extension's service worker (Playwright reports service-worker
 *   network events in Chromium); any http(s)/ws(s) request they make is egress.
 * - The fixture server, which stands in for every host in both browsers: no request may come
 *   with an Origin or Referer of an extension.
 * Cheap: one listener per browser, and a scan of the requests the server logged during the test.
 */
import type { BrowserContext, Request } from 'playwright-core';
import type { LoggedRequest } from '../../../src/audit/fixture-server.js';

const seen: string[] = [];
/** Every request the extension's pages and worker made (their own files included), for the guard's own test. */
const everything: string[] = [];

const EXTENSION_SCHEME = /^(chrome|moz)-extension:\/\//;
const NETWORK_SCHEME = /^(https?|wss?):/;

function sender(request: Request): string {
  const worker = request.serviceWorker();
  if (worker) return worker.url();
  try {
    return request.frame().url();
  } catch {
    return ''; // no frame: a request of the browser itself
  }
}

/** Watches a Chromium context for network requests sent by the extension's pages or worker. */
export function watchExtensionTraffic(context: BrowserContext, extensionOrigin: string): void {
  context.on('request', (request) => {
    const from = sender(request);
    if (!from.startsWith(extensionOrigin)) return;
    const line = `${request.method()} ${request.url()} (from ${from})`;
    if (everything.push(line) > 1000) everything.shift();
    if (NETWORK_SCHEME.test(request.url())) seen.push(line);
  });
}

/** Requests the server received with an extension's Origin or Referer. */
export function extensionSentToServer(log: LoggedRequest[]): string[] {
  return log
    .filter((entry) =>
      [entry.headers.origin, entry.headers.referer].some((value) => typeof value === 'string' && EXTENSION_SCHEME.test(value)),
    )
    .map(
      (entry) =>
        `${entry.method} ${entry.scheme}://${entry.host}${entry.path} (origin ${entry.headers.origin ?? '-'}, referer ${entry.headers.referer ?? '-'})`,
    );
}

/** What the browser saw the extension send over the network since the last call. */
export function takeExtensionTraffic(): string[] {
  return seen.splice(0);
}

/** The latest requests (up to 1,000) of the extension's pages and worker, to its own files too (for the guard's own test). */
export function recentExtensionRequests(): string[] {
  return [...everything];
}
