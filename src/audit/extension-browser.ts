import type { BrowserName } from './find-browser.js';

/**
 * How long a starting browser may take to show its extension's worker or page. Generous on
 * purpose: a cold Chromium on a loaded machine is slow to start (docs/measurements.md); a
 * browser that never starts still fails, with the launcher's own message.
 */
export const STARTUP_TIMEOUT_MS = 60_000;

/** A page (a site's tab or one of the extension's own pages) in either browser. */
export interface BrowserPage {
  url(): string;
  /** Navigates and waits for the load event; resolves with the HTTP status (null when none, e.g. from a file). */
  goto(url: string, timeoutMs?: number): Promise<{ status: number | null }>;
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Resolves once `fn` returns a truthy value in the page. */
  waitForFunction<A = undefined>(fn: (arg: A) => unknown, arg?: A, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Folder of the unpacked build (dist/chrome or dist/firefox). */
  extensionDir: string;
  executablePath?: string;
  /** Port of a fixture server that stands in for every host; omitted for real browsing. */
  mapAllHostsToPort?: number;
  /** Accept self-signed certificates (fixture servers, staging sites). */
  insecure?: boolean;
  /** Chromium host-resolver rules (`--host-resolver-rules`); Firefox follows only "MAP * ADDRESS[:PORT]". */
  hostResolverRules?: string;
  /** Public-key hashes of certificates to trust (Chromium; see FixtureServer.spkiHash). */
  trustedSpki?: string[];
  headless?: boolean;
  /** Firefox: save downloads into this folder without asking (Chromium's come through Playwright's download event). */
  downloadsDir?: string;
  /**
   * Interface language of the browser ("fr"), for the extension's `_locales` and `Intl`
   * (Firefox: through a language pack made for the run, src/audit/firefox-langpack.ts).
   */
  language?: string;
  /**
   * Chromium: run on this profile folder, created and kept by the caller (not deleted on
   * close), so that a test can relaunch the browser on what an earlier one left on disk.
   */
  userDataDir?: string;
  /**
   * Firefox: extra preferences (about:config), e.g. a short `extensions.background.idle.timeout`
   * so that a test sees the event page suspended and started again within seconds.
   */
  firefoxPrefs?: Record<string, string | number | boolean>;
}

/** A browser running with Upstream loaded. Both launchers return this shape. */
export interface ExtensionBrowser {
  readonly name: BrowserName;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  readonly extensionOrigin: string;
  /** Opens a new tab on `url` and resolves when the page has loaded. */
  visit(url: string): Promise<BrowserPage>;
  /** Opens a new blank tab, for callers that navigate it themselves and handle failures. */
  newTab(): Promise<BrowserPage>;
  /** Opens one of the extension's pages (`popup.html`, `report.html`) in a tab. */
  openExtensionPage(path: string): Promise<BrowserPage>;
  /** Stops the background worker, as the browser does when it is idle (Chromium only). */
  stopWorker?(): Promise<void>;
  close(): Promise<void>;
}
