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
  /** worker → [first, last] browser time of its webRequest events */
  workers: Record<string, [number, number]>;
  /** "visit url" → [recorded and not yet matched, last time] */
  seen: Record<string, [number, number]>;
  /** report entries already handled ("tab frame start url") → time */
  done: Record<string, number>;
  /**
   * "visit url" → [ids of rows recovered from a page's report, time]. A webRequest event the
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

export function emptyWitnessState(): WitnessState {
  return { workers: {}, seen: {}, done: {}, recovered: {} };
}

/** Every journaled webRequest event passes here, with the browser's own time for it. */
export function noteWorkerEvent(state: WitnessState, worker: string, time: number): void {
  const span = state.workers[worker];
  state.workers[worker] = span ? [Math.min(span[0], time), Math.max(span[1], time)] : [time, time];
}

function inGap(state: WitnessState, time: number): boolean {
  const spans = Object.values(state.workers).sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) {
    if (time >= spans[i - 1]![1] - SLACK_MS && time <= spans[i]![0] + SLACK_MS) return true;
  }
  return false;
}

export function noteRecorded(state: WitnessState, visitId: number, url: string, time: number): void {
  const key = `${visitId} ${url}`;
  const seen = state.seen[key];
  state.seen[key] = [(seen?.[0] ?? 0) + 1, time];
}

export function noteRecoveredRow(state: WitnessState, visitId: number, url: string, rowId: number, time: number): void {
  const key = `${visitId} ${url}`;
  const ids = state.recovered[key]?.[0] ?? [];
  state.recovered[key] = [[...ids, rowId], time];
}

/** The id of a recovered row this webRequest record is the original of, if any (and claims it). */
export function takeRecoveredRow(state: WitnessState, visitId: number, url: string): number | null {
  const key = `${visitId} ${url}`;
  const waiting = state.recovered[key];
  if (!waiting || waiting[0].length === 0) return null;
  const [id, ...rest] = waiting[0];
  if (rest.length) state.recovered[key] = [rest, waiting[1]];
  else delete state.recovered[key];
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

export function reconcile(state: WitnessState, w: WitnessedRequest): Verdict {
  const entryKey = `${w.tabId} ${w.frameId} ${w.start} ${w.url}`;
  if (state.done[entryKey] !== undefined) return 'ignore';
  state.done[entryKey] = w.end;
  const key = `${w.visitId} ${w.url}`;
  const seen = state.seen[key];
  if (seen && seen[0] > 0) {
    seen[0]--;
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
