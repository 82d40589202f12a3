/** How a request ended, as far as the browser told us. */
export type Outcome = 'completed' | 'redirected' | 'failed';

/**
 * One request the browser sent, in a shape that is the same for Chrome and Firefox.
 * Built at the capture boundary from untrusted `details`; everything after it relies on
 * these fields being well-formed.
 */
export interface Observation {
  /** Browser request id; unique within one browser session (a redirect keeps the id). */
  requestId: string;
  /** Milliseconds since the epoch, as reported by the browser. */
  time: number;
  url: string;
  method: string;
  /** webRequest resource type, e.g. `script`, `image`, `main_frame`, `beacon`. */
  type: string;
  /** -1 when the request belongs to no tab (service workers, the browser itself). */
  tabId: number;
  frameId: number;
  parentFrameId: number;
  /** The document that sent the request, when the browser says (Chrome `initiator`, Firefox `documentUrl`). */
  initiator: string | null;
  /**
   * URL of the top-level document the request belongs to, when the browser says so
   * (Firefox: `documentUrl` of the main frame, or the last of `frameAncestors`). Null on Chrome.
   */
  topUrl: string | null;
  /**
   * Chrome: the document that sent the request, stable for the document's life (a prerendered
   * page keeps it when shown, while its frameId becomes 0). Null on Firefox and for navigations.
   */
  documentId: string | null;
  /** Chrome: `active`, `prerender`, `cached` (back/forward cache) or `pending_deletion`; null on Firefox. */
  documentLifecycle: string | null;
  /**
   * Chrome: `outermost_frame`, `fenced_frame` or `sub_frame`. An outermost frame is a page's
   * top frame even when its frameId is not 0 (prerendered pages, documents being unloaded).
   */
  frameType: string | null;
  outcome: Outcome;
  statusCode: number | null;
  /** Server IP literal from `details.ip`, or null when unknown (cache, failure). */
  ip: string | null;
  fromCache: boolean;
  /**
   * Firefox: the request went through a proxy that resolves names itself (SOCKS with remote
   * DNS, `details.proxyInfo.proxyDNS`). Absent otherwise. Its host is never looked up
   * locally (capture/cname-uncloak.ts): that would tell the local resolver what the proxy hides.
   */
  proxyDns?: true;
  /** For redirects: where the browser was sent next. */
  redirectUrl: string | null;
  /** For failures: the browser's error text (e.g. `net::ERR_NAME_NOT_RESOLVED`, `NS_ERROR_UNKNOWN_HOST`). */
  error: string | null;
  /** Whether a Cookie header was sent; null when unknown (no headers seen for this request). */
  cookies: boolean | null;
  /** Whether a Referer header was sent; null when unknown. */
  referrer: boolean | null;
  /** When its headers were sent (onSendHeaders), if that was seen: the page it left from. */
  sent?: number;
  /**
   * The CDN point of presence the answer's headers named, as `cdn:POP` (classify/edge-headers.ts,
   * edgeText); absent when they named none. Only this is kept of the response headers.
   */
  edge?: string;
}

/** A top-level document's response has started: a page visit begins (or a prerender does). */
export interface NavigationStart {
  requestId: string;
  time: number;
  url: string;
  tabId: number;
  frameId: number;
  statusCode: number | null;
  documentLifecycle: string | null;
  /** False for downloads and 204/205 answers: the browser stays on the current page. */
  commits: boolean;
}

/** Whether a request carried cookies and a referrer (from its request headers). */
export interface HeaderFlags {
  requestId: string;
  cookies: boolean;
  referrer: boolean;
  /** the browser's time for it */
  sent: number;
}

/** One resource a page says it loaded (its Resource Timing entry). */
export interface WitnessEntry {
  url: string;
  /** initiatorType: img, script, link, css, fetch, xmlhttprequest, beacon, iframe, navigation, other… */
  kind: string;
  /** ms since the epoch */
  start: number;
  end: number;
  /** HTTP status where the browser exposes it, else 0 */
  status: number;
  /** what the entry shows of how it was answered (FACTS bits, capture/witness-page.ts) */
  facts: number;
}

/** One frame's own list of what it loaded, read by the worker (see capture/witness-sweep.ts). */
export interface WitnessReport {
  tabId: number;
  frameId: number;
  documentUrl: string;
  /** the frame's document's own navigation (top frame: the page itself), when it ended in the window read */
  navigation: WitnessEntry | null;
  entries: WitnessEntry[];
}

/** What capture hands to the store, in the order the browser reported it. */
export type CaptureEvent =
  | { kind: 'request'; request: Observation }
  | { kind: 'witness'; witness: WitnessReport; time: number }
  | { kind: 'navigation'; navigation: NavigationStart }
  | { kind: 'tab-closed'; tabId: number; time: number }
  /**
   * A worker instance started: `time` when it was created, `ready` when its script had run.
   * Chrome holds events for a starting worker until then, and drops them if it is stopped first.
   */
  | {
      kind: 'worker-start';
      time: number;
      ready?: number;
      /** the browser session's first worker: the pages the browser opened as it started loaded before it could hear them */
      browserStart?: boolean;
    }
  /** The pages' own lists were read for every gap ending before `until` (capture/witness-sweep.ts). */
  | { kind: 'swept'; until: number; time: number };

/**
 * A capture event with its place in the journal: `worker` identifies the worker instance
 * that saw it, `seq` counts up within that instance. Together they make each event
 * idempotent to store: one stored twice is recognised and skipped.
 */
export interface JournalEntry {
  worker: string;
  seq: number;
  event: CaptureEvent;
}
