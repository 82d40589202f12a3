import { liveQuery } from 'dexie';
import { useLayoutEffect, useState } from 'preact/hooks';
import type { EarlyLiveQuery } from './early-live-query.js';

/**
 * Subscribes a component to a Dexie live query: the view re-renders whenever the
 * tables the query read from change, including writes made by the background worker.
 * `early`: the same query, started before the component rendered (early-live-query.ts).
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[], early?: EarlyLiveQuery<T> | null): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  // A layout effect: subscribing right after the render starts the query at once. Preact runs
  // plain effects after the next paint (a frame later), which added that frame to every
  // popup opening, twice on the "this page" path (bench/popup-render).
  useLayoutEffect(() => {
    // The same query already running (started before the first render): take it over.
    if (early?.running) return early.listen(setValue);
    const subscription = liveQuery(query).subscribe({
      next: setValue,
      error: (error: unknown) => console.error('Upstream: live query failed', error),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
