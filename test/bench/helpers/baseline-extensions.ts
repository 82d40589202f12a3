/**
 * The do-nothing extensions the browser benchmarks compare Upstream with, and the one list
 * of "the events Upstream uses". Each baseline pays what the browser charges for observing
 * requests (routing them through the extension process, copying headers out) without doing
 * any work of its own, so Upstream / baseline is the part of the cost Upstream controls.
 */
import type { Worker } from 'playwright-core';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export type BaselineName = 'empty' | 'bare' | 'bare-headers' | 'bare-events';

export const BASELINES: readonly BaselineName[] = ['empty', 'bare', 'bare-headers', 'bare-events'];

interface Listened {
  /** namespace.event, as under `chrome.` */
  event: string;
  /** webRequest's filter and extraInfoSpec; tabs events take neither */
  filter?: { urls: string[]; types?: string[] };
  extraInfoSpec?: string[];
}

const ALL_URLS = { urls: ['<all_urls>'] };

/**
 * The events Upstream uses: the listeners its worker registers for events that page loads
 * fire (src/capture/listeners.ts through src/shared/browser.ts), with the same filters and
 * the same extra info, which decide what the browser copies over to the extension per
 * request. Keep in step with those two files; `checkSameEvents` compares the event names
 * with what a running Upstream worker has listeners on. The worker also listens to
 * runtime.onMessage (its pages and its content script, whose cost the
 * upstream-no-content-script experiment shows) and storage.local.onChanged (settings),
 * which page loads do not fire by themselves.
 */
const UPSTREAM_EVENTS: readonly Listened[] = [
  { event: 'webRequest.onSendHeaders', filter: ALL_URLS, extraInfoSpec: ['requestHeaders', 'extraHeaders'] },
  { event: 'webRequest.onCompleted', filter: ALL_URLS, extraInfoSpec: ['responseHeaders'] },
  { event: 'webRequest.onBeforeRedirect', filter: ALL_URLS, extraInfoSpec: ['responseHeaders'] },
  { event: 'webRequest.onErrorOccurred', filter: ALL_URLS },
  { event: 'webRequest.onResponseStarted', filter: { urls: ['<all_urls>'], types: ['main_frame'] }, extraInfoSpec: ['responseHeaders'] },
  { event: 'tabs.onRemoved' },
];

const LISTENED: Record<Exclude<BaselineName, 'empty'>, readonly Listened[]> = {
  bare: [{ event: 'webRequest.onCompleted', filter: ALL_URLS }],
  'bare-headers': [
    { event: 'webRequest.onSendHeaders', filter: ALL_URLS, extraInfoSpec: ['requestHeaders', 'extraHeaders'] },
    { event: 'webRequest.onCompleted', filter: ALL_URLS },
  ],
  'bare-events': UPSTREAM_EVENTS,
};

export const BASELINE_DESCRIPTIONS: Record<BaselineName, string> = {
  empty: 'empty MV3 extension (manifest only)',
  bare: 'bare onCompleted listener on <all_urls>, does nothing',
  'bare-headers': 'bare onSendHeaders (request headers, extraHeaders) and onCompleted listeners on <all_urls>, doing nothing',
  'bare-events': `do-nothing listeners on the events Upstream uses (${UPSTREAM_EVENTS.map((listened) => listened.event.replace('webRequest.', '')).join(', ')})`,
};

function registration(listened: Listened): string {
  const args = ['() => {}'];
  if (listened.filter) args.push(JSON.stringify(listened.filter));
  if (listened.extraInfoSpec) args.push(JSON.stringify(listened.extraInfoSpec));
  return `chrome.${listened.event}.addListener(${args.join(', ')});`;
}

/** Writes a baseline extension into `dir`. */
export async function writeBaseline(name: BaselineName, dir: string): Promise<void> {
  if (name === 'empty') {
    await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'Bench: empty', version: '1.0' }));
    return;
  }
  await writeFile(
    path.join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: `Bench: ${name}`,
      version: '1.0',
      background: { service_worker: 'worker.js' },
      // As Upstream: tabs.onRemoved needs no "tabs" permission.
      permissions: ['webRequest'],
      host_permissions: ['<all_urls>'],
    }),
  );
  await writeFile(path.join(dir, 'worker.js'), `${LISTENED[name].map(registration).join('\n')}\n`);
}

/**
 * Every `namespace.event` under chrome.* (one or two levels down) that has a listener in
 * this worker. Runs in the worker, so no inner named functions: tsx's transform would wrap
 * them in a helper (`__name`) that the worker does not have.
 */
function listenedEvents(): string[] {
  const found: string[] = [];
  const stack: [unknown, string, number][] = [[(globalThis as unknown as { chrome: unknown }).chrome, '', 2]];
  while (stack.length > 0) {
    const [object, prefix, depth] = stack.pop()!;
    if (typeof object !== 'object' || object === null) continue;
    for (const key of Object.keys(object)) {
      let value: unknown;
      try {
        value = (object as Record<string, unknown>)[key];
      } catch {
        continue; // getters of APIs this extension has no permission for
      }
      if (typeof value !== 'object' || value === null) continue;
      const hasListeners = (value as { hasListeners?: unknown }).hasListeners;
      if (typeof hasListeners === 'function') {
        if (hasListeners.call(value)) found.push(`${prefix}${key}`);
      } else if (depth > 0) stack.push([value, `${prefix}${key}.`, depth - 1]);
    }
  }
  return found.sort();
}

/**
 * Compares the events a running Upstream worker listens to that page loads fire (webRequest,
 * tabs) with UPSTREAM_EVENTS. Only event names can be read back (Chromium does not tell a
 * listener's filter or extra info): a mismatch means the list above is out of date.
 */
export async function checkSameEvents(upstreamWorker: Worker): Promise<{ matches: boolean; note: string }> {
  const registered = await upstreamWorker.evaluate(listenedEvents);
  const pageLoad = registered.filter((event) => /^(webRequest|tabs)\./.test(event));
  const expected = UPSTREAM_EVENTS.map((listened) => listened.event).sort();
  const missing = expected.filter((event) => !pageLoad.includes(event));
  const extra = pageLoad.filter((event) => !expected.includes(event));
  const others = registered.filter((event) => !pageLoad.includes(event));
  const matches = missing.length === 0 && extra.length === 0;
  const note = matches
    ? `bare-events listens to the same ${expected.length} events as Upstream's worker (checked in the running worker; it also listens to ${others.join(', ') || 'nothing else'})`
    : `bare-events does NOT match Upstream's worker: Upstream also listens to ${extra.join(', ') || '-'}, not to ${missing.join(', ') || '-'}; update UPSTREAM_EVENTS in test/bench/helpers/baseline-extensions.ts`;
  return { matches, note };
}
