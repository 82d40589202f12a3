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
  outcome: Outcome;
  statusCode: number | null;
  /** Server IP literal from `details.ip`, or null when unknown (cache, failure). */
  ip: string | null;
  fromCache: boolean;
  /** For redirects: where the browser was sent next. */
  redirectUrl: string | null;
  /** For failures: the browser's error text (e.g. `net::ERR_NAME_NOT_RESOLVED`, `NS_ERROR_UNKNOWN_HOST`). */
  error: string | null;
}
