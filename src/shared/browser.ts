/**
 * The one place that touches the WebExtension API. Everything else imports from here,
 * so browser differences (Chrome's `chrome.*` vs Firefox's `browser.*`, event shapes,
 * optional listener options) are handled at this boundary and nowhere else.
 */
import browser from 'webextension-polyfill';

export type WebRequestEventName = 'onBeforeRedirect' | 'onCompleted' | 'onErrorOccurred' | 'onSendHeaders';

/** Everything a webRequest listener receives, typed as untrusted input. */
export type RawRequestDetails = Record<string, unknown>;

const ALL_URLS = { urls: ['<all_urls>'] };

/**
 * Adds a non-blocking webRequest listener on every URL. `extraInfoSpec` is passed only
 * when given: Chrome routes headers through the extension for `requestHeaders`, which
 * costs page-load time, so callers ask for it deliberately.
 */
export function onWebRequest(
  event: WebRequestEventName,
  listener: (details: RawRequestDetails) => void,
  extraInfoSpec?: string[],
): void {
  const target = browser.webRequest[event] as unknown as {
    addListener(cb: (d: RawRequestDetails) => void, filter: object, extra?: string[]): void;
  };
  if (extraInfoSpec) target.addListener(listener, ALL_URLS, extraInfoSpec);
  else target.addListener(listener, ALL_URLS);
}

/** The origin of this extension's own pages and files, so capture can ignore them. */
export function extensionOrigin(): string {
  // Not `new URL(…).origin`: URL parsers that do not know the scheme answer "null".
  return browser.runtime.getURL('').replace(/\/$/, '');
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

export const sessionStorage = {
  async get<T>(key: string): Promise<T | undefined> {
    const found = await browser.storage.session.get(key);
    return found[key] as T | undefined;
  },
  async set(key: string, value: unknown): Promise<void> {
    await browser.storage.session.set({ [key]: value });
  },
};
