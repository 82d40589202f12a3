/**
 * Evaluated before anything heavy in the worker bundle (the worker imports it first).
 *
 * Chrome hands events to a worker as soon as it starts; events queued in a worker that is
 * stopped before it runs them are gone for good (measured: each stop of a busy worker
 * loses the events queued in it). So the listeners are registered, and each event put in
 * the session journal, before the database library, the public-suffix list and the
 * knowledge are even evaluated: the window in which a stop loses events is as short as
 * this module can make it.
 */
import { extensionOrigin, sessionArea } from '../shared/browser.js';
import type { CaptureEvent } from '../shared/types.js';
import { Journal } from './journal.js';
import { registerListeners } from './listeners.js';

export const journal = new Journal(sessionArea);

let onEvent: (() => void) | null = null;

/** Journals an event; resolves true once the browser holds it. */
export function capture(event: CaptureEvent): Promise<boolean> {
  const journaled = journal.append(event);
  onEvent?.();
  return journaled;
}

registerListeners(extensionOrigin(), (event) => void capture(event));
// Chrome dispatches events to a starting worker only once its whole script has run (events
// are queued until then, and dropped if the worker is stopped first): so the start is noted
// after the top-level code, with the moment from which events could reach the listeners.
/** Settles once this worker's start is journaled: the sweep of the gap before it needs it stored first. */
export const startJournaled: Promise<unknown> = new Promise((resolve) =>
  setTimeout(() => {
    const ready = Date.now();
    void browserSessionBegins().then((browserStart) =>
      resolve(capture({ kind: 'worker-start', time: performance.timeOrigin, ready, browserStart })),
    );
  }, 0),
);

/**
 * Whether this is the first worker since the browser started: the session area is emptied
 * when the browser quits, and outlives the worker otherwise. At a browser's start the tabs it
 * restores load while its worker starts, and Chrome drops the events of requests made before
 * the listeners are registered (docs/capture-reliability.md).
 */
const BROWSER_SESSION = 'capture:browser-session';
async function browserSessionBegins(): Promise<boolean> {
  try {
    if ((await sessionArea.get(BROWSER_SESSION))[BROWSER_SESSION] !== undefined) return false;
    await sessionArea.set({ [BROWSER_SESSION]: Date.now() });
    return true;
  } catch {
    return false;
  }
}

/** Called once the pipeline exists: from then on each event also schedules a flush. */
export function whenEvent(callback: () => void): void {
  onEvent = callback;
  if (journal.size > 0) callback();
}
