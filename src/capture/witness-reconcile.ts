/**
 * Decides which requests a page witnessed (witness-content.ts) were missed by webRequest.
 * Pure: works on a small state kept with the capture state.
 *
 * A witnessed request is recovered only when all hold:
 * - this very report entry was not handled before (pages resend what was not acknowledged);
 * - nothing recorded for the same page has the same URL (each recording matches one
 *   witness entry: a page that loaded a URL twice needs two recordings);
 * - it ended in a gap between two instances of the worker: after the last event one
 *   journaled and before the first its successor did. Events lost to a stop have their
 *   times in such a gap; outside gaps webRequest saw everything the network did, and an
 *   unmatched entry is a memory-cache hit, which sent nothing.
 * Gaps come from each worker's first and last event times, whatever order its journal
 * entries are stored in (a stopped worker's last entries can reach the store late).
 */
export interface WitnessState {
  /**
   * worker → [first, last] browser time of its events, and when it could first take events
   * (its script had run; absent for workers journaled before this was kept).
   */
  workers: Record<string, [number, number, number?]>;
  /** "visit urlHash" → [recorded and not yet matched, last time]; dropped once all are matched */
  seen: Record<string, [number, number]>;
  /**
   * Reports already handled ("r tab frame reportId"; "tab frame start urlHash" per entry for
   * reports without an id) → time. One key per report, not per entry: this state is
   * rewritten with every batch, and its size was most of the worker's time per request.
   */
  done: Record<string, number>;
  /**
   * "visit urlHash" → [ids of rows recovered from a page's report, time]. A webRequest event the
   * stopped worker had journaled can still be stored after the recovery (its journal entry
   * reached the store late); it then completes that row instead of adding a second one.
   */
  recovered: Record<string, [number[], number]>;
}

/**
 * How far the end of a missed request may lie outside a gap: Resource Timing and webRequest
 * time the same response a few ms apart, and an event queued in the stopped worker may
 * have been created shortly before the last one it got to run.
 */
export const SLACK_MS = 250;
/** Pages report within seconds; a report older than this has been handled or never will be. */
const KEEP_MS = 3 * 60_000;

/**
 * URLs are kept as a 52-bit hash, never in clear: this state is stored on disk, and the URLs
 * it compares carry query strings (and, rarely, credentials) that are not to be stored.
 */
export function urlHash(url: string): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return (a.toString(36) + (b & 0xfffff).toString(36));
}

const key = (visitId: number, url: string) => `${visitId} ${urlHash(url)}`;

export function emptyWitnessState(): WitnessState {
  return { workers: {}, seen: {}, done: {}, recovered: {} };
}

/** Every journaled webRequest event passes here, with the browser's own time for it. */
export function noteWorkerEvent(state: WitnessState, worker: string, time: number): void {
  const span = state.workers[worker];
  if (!span) state.workers[worker] = [time, time];
  else [span[0], span[1]] = [Math.min(span[0], time), Math.max(span[1], time)];
}

/** A worker's start: created at `time`, able to take events from `ready`. */
export function noteWorkerStart(state: WitnessState, worker: string, time: number, ready: number | undefined): void {
  noteWorkerEvent(state, worker, time);
  if (ready !== undefined && Number.isFinite(ready)) state.workers[worker]![2] = ready;
}

/**
 * Instances of the worker can overlap for a moment (Chrome starts the next one for new
 * events while the stopped one is still being torn down), and one can be stopped before it
 * journals anything but its start. Its lost events then come after its own last event,
 * though inside another's span. So a worker followed by another within TAIL_MS of its last
 * event (it was stopped while busy) also leaves a window of TAIL_MS after that event.
 */
const TAIL_MS = 1000;

export function inGap(state: WitnessState, time: number): boolean {
  const spans = Object.values(state.workers).sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) {
    const [, last] = spans[i - 1]!;
    // The gap lasts until the next worker could take events, not until it was created: a
    // loaded machine takes a second or more to run a worker's script, and events created in
    // that time were queued for it (and lost with it if it was stopped before it ran them).
    const [next, , ready] = spans[i]!;
    if (time >= last - SLACK_MS && time <= Math.max(next, ready ?? next) + SLACK_MS) return true;
  }
  for (let i = 0; i < spans.length - 1; i++) {
    const [first, last] = spans[i]!;
    const stoppedBusy = spans.some(([start], j) => j !== i && start > first && start <= last + TAIL_MS);
    if (stoppedBusy && time >= last - SLACK_MS && time <= last + TAIL_MS) return true;
  }
  return false;
}

export function noteRecorded(state: WitnessState, visitId: number, url: string, time: number): void {
  const k = key(visitId, url);
  const seen = state.seen[k];
  state.seen[k] = [(seen?.[0] ?? 0) + 1, time];
}

export function noteRecoveredRow(state: WitnessState, visitId: number, url: string, rowId: number, time: number): void {
  const k = key(visitId, url);
  const ids = state.recovered[k]?.[0] ?? [];
  state.recovered[k] = [[...ids, rowId], time];
}

/** The id of a recovered row this webRequest record is the original of, if any (and claims it). */
export function takeRecoveredRow(state: WitnessState, visitId: number, url: string): number | null {
  const k = key(visitId, url);
  const waiting = state.recovered[k];
  if (!waiting || waiting[0].length === 0) return null;
  const [id, ...rest] = waiting[0];
  if (rest.length) state.recovered[k] = [rest, waiting[1]];
  else delete state.recovered[k];
  return id!;
}

export interface WitnessedRequest {
  tabId: number;
  frameId: number;
  visitId: number;
  url: string;
  start: number;
  end: number;
}

export type Verdict = 'matched' | 'recover' | 'ignore';

/**
 * Whether a page's report is new (and notes it as handled). Pages resend a report until it
 * is acknowledged, under the same id, so a report journaled twice is handled once.
 */
export function firstReport(state: WitnessState, tabId: number, frameId: number, reportId: string, time: number): boolean {
  const reportKey = `r ${tabId} ${frameId} ${reportId}`;
  if (Object.hasOwn(state.done, reportKey)) return false;
  state.done[reportKey] = time;
  return true;
}

/** `perEntry`: the report had no id, so each entry is checked for a repeat on its own. */
export function reconcile(state: WitnessState, w: WitnessedRequest, perEntry = true): Verdict {
  if (perEntry) {
    const entryKey = `${w.tabId} ${w.frameId} ${w.start} ${urlHash(w.url)}`;
    if (Object.hasOwn(state.done, entryKey)) return 'ignore';
    state.done[entryKey] = w.end;
  }
  const k = key(w.visitId, w.url);
  const seen = state.seen[k];
  if (seen && seen[0] > 0) {
    if (--seen[0] === 0) delete state.seen[k];
    return 'matched';
  }
  return inGap(state, w.end) ? 'recover' : 'ignore';
}

/** Forgets deleted visits (a forgotten site): nothing of their URLs may stay behind. */
export function forgetWitnessedVisits(state: WitnessState, visitIds: ReadonlySet<number>): void {
  const ofForgotten = (key: string) => visitIds.has(Number(key.slice(0, key.indexOf(' '))));
  for (const key of Object.keys(state.seen)) if (ofForgotten(key)) delete state.seen[key];
  for (const key of Object.keys(state.recovered)) if (ofForgotten(key)) delete state.recovered[key];
  // Handled report entries are keyed by tab, not visit: drop them all (a resent report is
  // then checked again, which at worst records a request twice within minutes of a forget).
  state.done = {};
}

/** Drops what is too old to matter, so the state stays small. */
export function pruneWitnessState(state: WitnessState, now: number): void {
  const old = (time: number) => now - time > KEEP_MS;
  for (const [key, [, time]] of Object.entries(state.seen)) if (old(time)) delete state.seen[key];
  for (const [key, time] of Object.entries(state.done)) if (old(time)) delete state.done[key];
  for (const [key, [, time]] of Object.entries(state.recovered)) if (old(time)) delete state.recovered[key];
  // Keep the newest old worker: the gap after it may still matter.
  const workers = Object.entries(state.workers).sort((a, b) => b[1][1] - a[1][1]);
  workers.slice(1).forEach(([id, [, last]]) => old(last) && delete state.workers[id]);
}

/** Resource Timing's initiatorType as a webRequest resource type. */
export function typeOfKind(kind: string): string {
  switch (kind) {
    case 'img':
    case 'image':
    case 'input':
      return 'image';
    case 'script':
      return 'script';
    case 'link':
    case 'css':
      return 'stylesheet';
    case 'fetch':
    case 'xmlhttprequest':
      return 'xmlhttprequest';
    case 'beacon':
      return 'ping';
    case 'iframe':
    case 'frame':
      return 'sub_frame';
    case 'video':
    case 'audio':
    case 'track':
      return 'media';
    default:
      return 'other';
  }
}
