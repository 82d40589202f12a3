import { dictionary, type Dictionary } from '../shared/dictionary.js';

/**
 * When webRequest may have missed requests, so that the pages' own lists (witness-page.ts)
 * are worth reading. Pure: works on a small state kept with the capture state.
 *
 * Each instance of the worker leaves a span: from its creation to its last event, and when
 * it could first take events (its script had run). Outside the spans webRequest saw what the
 * network did; inside a gap between two spans it may not have:
 * - Chrome drops the events queued in a worker it stops, and holds those of a starting worker
 *   until its script has run (lost too if it is stopped first);
 * - the first worker of a profile or of a browser session hears nothing from before its
 *   listeners were registered: the pages a browser opens at start-up load meanwhile.
 * A page's entry that ended in a gap and that no stored request matches is recovered, if the
 * entry shows it went to the network (witness-evidence.ts).
 */
export interface WitnessState {
  /**
   * worker → [first, last] browser time of its events, and when it could first take events
   * (its script had run; absent for workers journaled before this was kept).
   */
  workers: Dictionary<[number, number, number?]>;
  /** the start-up gap, before the first worker of the profile or of the browser session: [from, to] */
  initial?: [number, number];
  /** gaps ending before this time have been read from the pages already */
  swept?: number;
  /** the end of the latest request recovered from a page's list: a record told later may be its original */
  recovered?: number;
}

/**
 * How far the end of a missed request may lie outside a gap: Resource Timing and webRequest
 * time the same response a few ms apart, and an event queued in the stopped worker may
 * have been created shortly before the last one it got to run.
 */
export const SLACK_MS = 250;
/**
 * How far back the first worker of a profile looks: the pages opened while the browser and
 * the extension started. Pages open long before (the tabs someone had when installing
 * Upstream) are not recorded.
 */
export const FIRST_START_LOOKBACK_MS = 60_000;
/** Spans are kept this long after their last event (the gap after them matters until swept). */
const KEEP_MS = 3 * 60_000;
/**
 * Instances of the worker can overlap for a moment (Chrome starts the next one for new
 * events while the stopped one is still being torn down), and one can be stopped before it
 * journals anything but its start. Its lost events then come after its own last event,
 * though inside another's span. So a worker followed by another within TAIL_MS of its last
 * event (it was stopped while busy) also leaves a window of TAIL_MS after that event.
 */
const TAIL_MS = 1000;

export function emptyWitnessState(): WitnessState {
  return { workers: dictionary() };
}

/** Every journaled webRequest event passes here, with the browser's own time for it. */
export function noteWorkerEvent(state: WitnessState, worker: string, time: number): void {
  const span = state.workers[worker];
  if (!span) state.workers[worker] = [time, time];
  else [span[0], span[1]] = [Math.min(span[0], time), Math.max(span[1], time)];
}

/**
 * A worker's start: created at `time`, able to take events from `ready`. The first worker of
 * a profile, and the first of a browser session (`browserStart`), also open the start-up gap.
 */
export function noteWorkerStart(state: WitnessState, worker: string, time: number, ready: number | undefined, browserStart = false): void {
  // Its own events may be journaled before its start (the start is noted after its script ran).
  const others = Object.keys(state.workers).some((id) => id !== worker);
  const first = !others && state.swept === undefined && !state.initial;
  noteWorkerEvent(state, worker, time);
  const readyAt = ready !== undefined && Number.isFinite(ready) ? ready : time;
  if (readyAt !== time) state.workers[worker]![2] = readyAt;
  if (first || browserStart) state.initial = [time - FIRST_START_LOOKBACK_MS, Math.max(time, readyAt)];
}

/** Whether `time` lies in the start-up gap (the pages the browser opened as it started). */
export function atStartup(state: WitnessState, time: number): boolean {
  return state.initial !== undefined && time >= state.initial[0] && time <= state.initial[1] + SLACK_MS;
}

/** The gaps, as [from, to], slack included, oldest first. */
export function gaps(state: WitnessState): [number, number][] {
  const found: [number, number][] = [];
  if (state.initial) found.push([state.initial[0], state.initial[1] + SLACK_MS]);
  const spans = Object.values(state.workers).sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) {
    const [, last] = spans[i - 1]!;
    // The gap lasts until the next worker could take events, not until it was created: a
    // loaded machine takes a second or more to run a worker's script, and events created in
    // that time were queued for it (and lost with it if it was stopped before it ran them).
    const [next, , ready] = spans[i]!;
    found.push([last - SLACK_MS, Math.max(next, ready ?? next) + SLACK_MS]);
  }
  for (let i = 0; i < spans.length - 1; i++) {
    const [first, last] = spans[i]!;
    const stoppedBusy = spans.some(([start], j) => j !== i && start > first && start <= last + TAIL_MS);
    if (stoppedBusy) found.push([last - SLACK_MS, last + TAIL_MS]);
  }
  return found.sort((a, b) => a[0] - b[0]);
}

export function inGap(state: WitnessState, time: number): boolean {
  return gaps(state).some(([from, to]) => time >= from && time <= to);
}

/** Where the pages' lists are worth reading from: the start of the oldest gap not swept yet (null: none). */
export function sweepSince(state: WitnessState): number | null {
  const open = gaps(state).filter(([, to]) => state.swept === undefined || to > state.swept);
  return open.length ? open[0]![0] : null;
}

/** The pages' lists were read up to `until`: the gaps before are done. */
export function noteSwept(state: WitnessState, until: number): void {
  state.swept = Math.max(state.swept ?? -Infinity, until);
}

/** Drops what is too old to matter, so the state stays small. */
export function pruneWitnessState(state: WitnessState, now: number): void {
  const old = (time: number) => now - time > KEEP_MS;
  // Keep the newest old worker: the gap after it may still matter.
  const workers = Object.entries(state.workers).sort((a, b) => b[1][1] - a[1][1]);
  workers.slice(1).forEach(([id, [, last]]) => old(last) && delete state.workers[id]);
  if (state.initial && old(state.initial[1]) && state.swept !== undefined && state.swept > state.initial[1]) delete state.initial;
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
    case 'navigation':
      return 'main_frame';
    default:
      return 'other';
  }
}
