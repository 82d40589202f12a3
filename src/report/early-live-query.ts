/**
 * A live query started before any component asks for it: the popup starts reading its
 * period's figures as its script starts, while the first frame renders, instead of after it,
 * so the figures appear sooner (test/bench/popup-render.bench.ts). The component that shows them takes the
 * running subscription over; once no one listens, it ends, so a period the reader left does
 * not keep re-reading the store.
 */
import { liveQuery } from 'dexie';

export interface EarlyLiveQuery<T> {
  /** what the query asked, to tell whether a component wants the same */
  readonly key: string;
  /** false once it ended: a component must then run its own */
  readonly running: boolean;
  /** calls `next` with the latest value now if there is one, then with each new one; returns the way to stop listening */
  listen(next: (value: T) => void): () => void;
}

/** How long a query no component took over keeps running (the popup showed no period: a fresh install). */
const UNCLAIMED_MS = 5_000;

export function startLiveQuery<T>(key: string, query: () => Promise<T>): EarlyLiveQuery<T> {
  let latest: { value: T } | null = null;
  let running = true;
  let listened = false;
  const listeners = new Set<(value: T) => void>();
  const stop = () => {
    running = false;
    subscription.unsubscribe();
  };
  setTimeout(() => {
    if (!listened) stop();
  }, UNCLAIMED_MS);
  const subscription = liveQuery(query).subscribe({
    next: (value) => {
      latest = { value };
      for (const next of listeners) next(value);
    },
    error: (error: unknown) => console.error('Upstream: live query failed', error),
  });
  return {
    key,
    get running() {
      return running;
    },
    listen(next) {
      listeners.add(next);
      listened = true;
      if (latest) next(latest.value);
      return () => {
        listeners.delete(next);
        if (listeners.size === 0) stop();
      };
    },
  };
}
