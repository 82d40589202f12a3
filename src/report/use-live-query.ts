import { liveQuery } from 'dexie';
import { useLayoutEffect, useState } from 'preact/hooks';

/**
 * Subscribes a component to a Dexie live query: the view re-renders whenever the
 * tables the query read from change, including writes made by the background worker.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  // A layout effect: subscribing right after the render starts the query at once. Preact runs
  // plain effects after the next paint (a frame later), which added that frame to every
  // popup opening, twice on the "this page" path (bench/popup-render).
  useLayoutEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: setValue,
      error: (error: unknown) => console.error('Upstream: live query failed', error),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
