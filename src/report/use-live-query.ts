import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/**
 * Subscribes a component to a Dexie live query: the view re-renders whenever the
 * tables the query read from change, including writes made by the background worker.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: setValue,
      error: (error: unknown) => console.error('Upstream: live query failed', error),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
