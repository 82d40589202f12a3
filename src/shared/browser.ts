/**
 * The one place that touches the WebExtension API. Everything else imports from here,
 * so browser differences (Chrome's `chrome.*` vs Firefox's `browser.*`, event shapes,
 * listener options only one of them knows) are handled at this boundary and nowhere else.
 */
import browser, { type Runtime } from 'webextension-polyfill';

/** Everything a browser event listener receives, typed as untrusted input. */
export type RawDetails = Record<string, unknown>;

type Listener = (details: RawDetails) => void;
interface RawEvent {
  addListener(cb: Listener, filter: object, extra?: string[]): void;
}

const ALL_URLS = { urls: ['<all_urls>'] };

function webRequestEvent(name: string): RawEvent {
  return (browser.webRequest as unknown as Record<string, RawEvent>)[name]!;
}

/**
 * Chrome hides the Cookie and Referer request headers unless `extraHeaders` is asked for;
 * Firefox shows them always and throws on the unknown option.
 * https://developer.chrome.com/docs/extensions/reference/api/webRequest#life-cycle-of-requests
 */
function chromeNeedsExtraHeaders(): boolean {
  const chromeApi = (globalThis as { chrome?: { webRequest?: { OnSendHeadersOptions?: Record<string, string> } } }).chrome;
  return !!chromeApi?.webRequest?.OnSendHeadersOptions?.EXTRA_HEADERS;
}

/**
 * Non-blocking listeners on every URL for the end of a request: completed, redirected or
 * failed. An answer's headers come with it (`responseHeaders`, in both browsers without
 * `extraHeaders`: the CDN headers read from them are not among those Chrome hides), for the
 * CDN's word on where it answered from (classify/edge-headers.ts).
 */
export function onRequestEnd(listeners: { completed: Listener; redirected: Listener; failed: Listener }): void {
  webRequestEvent('onCompleted').addListener(listeners.completed, ALL_URLS, ['responseHeaders']);
  webRequestEvent('onBeforeRedirect').addListener(listeners.redirected, ALL_URLS, ['responseHeaders']);
  webRequestEvent('onErrorOccurred').addListener(listeners.failed, ALL_URLS);
}

/** Request headers as sent, to learn whether cookies and a referrer went out. */
export function onRequestHeaders(listener: Listener): void {
  const extra = chromeNeedsExtraHeaders() ? ['requestHeaders', 'extraHeaders'] : ['requestHeaders'];
  webRequestEvent('onSendHeaders').addListener(listener, ALL_URLS, extra);
}

/** Top-level responses starting (a page is about to be shown), with their headers. */
export function onTopLevelResponse(listener: Listener): void {
  webRequestEvent('onResponseStarted').addListener(listener, { urls: ['<all_urls>'], types: ['main_frame'] }, ['responseHeaders']);
}

export function onTabClosed(listener: (tabId: number) => void): void {
  browser.tabs.onRemoved.addListener((tabId) => listener(tabId));
}

/** The origin of this extension's own pages and files, so capture can ignore them. */
export function extensionOrigin(): string {
  // Not `new URL(…).origin`: URL parsers that do not know the scheme answer "null".
  return browser.runtime.getURL('').replace(/\/$/, '');
}

export function extensionVersion(): string {
  return browser.runtime.getManifest().version;
}

export function extensionUrl(path: string): string {
  return browser.runtime.getURL(path);
}

export function message(name: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(name, substitutions);
}

export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}

/** The languages the person prefers (the browser's Accept-Language order), then the interface's: where the browser's region is read. */
export function preferredLanguages(): string[] {
  return [...(globalThis.navigator?.languages ?? []), uiLanguage()];
}

export interface StorageArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
  clear(): Promise<void>;
}

/** In memory, for this browser session only; survives worker restarts, never written to disk. */
export const sessionArea: StorageArea = browser.storage.session as unknown as StorageArea;
/** On disk, for settings. */
export const localArea: StorageArea = browser.storage.local as unknown as StorageArea;

/**
 * Changes to the local area only. Not `storage.onChanged`: that event fires in every context
 * that listens to it for every area, so the worker would be woken, and handed a copy of the
 * values, for each of its own journal writes to the session area (measured: a sizeable part
 * of its time per request).
 */
export function onLocalChanged(listener: (changes: Record<string, { newValue?: unknown }>) => void): void {
  browser.storage.local.onChanged.addListener((changes) => listener(changes as Record<string, { newValue?: unknown }>));
}

/** Who sent a runtime message: one of the extension's own pages, or a content script in a tab. */
export interface MessageSender {
  /** -1 when not from a tab (the popup, the worker) */
  tabId: number;
  frameId: number;
  url: string | null;
  /** true for the extension's own pages (popup, report), which alone may send commands */
  fromExtension: boolean;
}

/**
 * Answers runtime messages. The handler returns a promise to answer, or undefined to
 * leave the message to another listener.
 */
export function onMessage(handler: (message: unknown, sender: MessageSender) => Promise<unknown> | undefined): void {
  const own = extensionOrigin();
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    const url = typeof sender.url === 'string' ? sender.url : null;
    return handler(message, {
      tabId: sender.tab?.id ?? -1,
      frameId: typeof sender.frameId === 'number' ? sender.frameId : -1,
      url,
      fromExtension: sender.id === browser.runtime.id && url !== null && url.startsWith(own),
    });
  });
}

export function sendMessage<T>(message: unknown): Promise<T> {
  return browser.runtime.sendMessage(message) as Promise<T>;
}

/** Reads a file shipped inside the extension (the compiled knowledge). */
export async function readPackagedFile(path: string): Promise<ArrayBuffer> {
  const response = await fetch(browser.runtime.getURL(path));
  if (!response.ok) throw new Error(`cannot read ${path}: ${response.status}`);
  // Through a Blob: Chromium's worker then takes the body in one read instead of streaming it
  // in chunks into an ArrayBuffer, which shortens every worker start that reads a table
  // (test/bench/worker-start.bench.ts; figures in docs/measurements.md).
  return (await response.blob()).arrayBuffer();
}

/** A browser tab as the report views need it. */
export interface TabInfo {
  id: number;
  /** null when the browser does not tell (pages the extension may not see) */
  url: string | null;
  incognito: boolean;
}

function tabInfo(tab: { id?: number; url?: string; incognito: boolean } | undefined): TabInfo | null {
  return tab && typeof tab.id === 'number' ? { id: tab.id, url: tab.url ?? null, incognito: tab.incognito } : null;
}

/** The tab shown in the window the popup belongs to. */
export async function activeTab(): Promise<TabInfo | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tabInfo(tab);
}

export async function tabById(id: number): Promise<TabInfo | null> {
  try {
    return tabInfo(await browser.tabs.get(id));
  } catch {
    return null; // closed meanwhile
  }
}

/** What a function run in one frame of a tab gave back. */
export interface FrameResult {
  frameId: number;
  result: unknown;
}

/**
 * Runs a self-contained function in every frame of a tab, in the extension's isolated world
 * (where its content scripts keep their state), at once rather than at document idle. A tab
 * the extension may not script (a browser page, a store page) gives nothing.
 */
export async function runInFrames<A>(tabId: number, func: (arg: A) => unknown, arg: A): Promise<FrameResult[]> {
  try {
    const results = await browser.scripting.executeScript({
      target: { tabId, allFrames: true },
      func: func as () => void,
      args: [arg],
      injectImmediately: true,
    });
    return results.map((r) => ({ frameId: typeof r.frameId === 'number' ? r.frameId : -1, result: r.result as unknown }));
  } catch {
    return [];
  }
}

/** Every open tab of every window the extension may record (not private ones). */
export async function openTabs(): Promise<TabInfo[]> {
  const tabs = await browser.tabs.query({});
  return tabs.map(tabInfo).filter((tab): tab is TabInfo => tab !== null && !tab.incognito);
}

/**
 * True when the browser can say what a host name is an alias of: Firefox's `dns` API (with
 * the `dns` permission, which only Firefox's manifest asks for). Chrome has no DNS API.
 * https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/dns/resolve
 */
export function canResolveNames(): boolean {
  return typeof (browser as { dns?: { resolve?: unknown } }).dns?.resolve === 'function';
}

/**
 * The canonical name the browser's resolver gives for `host` (its CNAME chain's end), as
 * untrusted input; undefined when it gives none, cannot tell, or the lookup fails.
 */
export async function resolveCanonicalName(host: string): Promise<unknown> {
  if (!canResolveNames()) return undefined;
  try {
    const record = await browser.dns.resolve(host, ['canonical_name']);
    return (record as { canonicalName?: unknown } | undefined)?.canonicalName;
  } catch {
    return undefined;
  }
}
