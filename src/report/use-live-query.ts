import { liveQuery } from 'dexie';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { EarlyLiveQuery } from './early-live-query.js';

/** The latest answer of a live query, and whether it answers the current deps or earlier ones. */
export interface LiveAnswer<T> {
  value: T | undefined;
  current: boolean;
}

/**
 * Subscribes a component to a Dexie live query: the view re-renders whenever the
 * tables the query read from change, including writes made by the background worker.
 * `early`: the same query, started before the component rendered (early-live-query.ts).
 *
 * Returns undefined until the query answers for the current `deps`: an answer to earlier
 * deps is never passed off as this one's. (It was, for one render: the popup's "this
 * page" answered "nothing recorded" from its query for no tab yet, and showed it as
 * final until the query for the real tab came back.)
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[], early?: EarlyLiveQuery<T> | null): T | undefined {
  const answer = useLiveAnswer(query, deps, early);
  return answer.current ? answer.value : undefined;
}

/**
 * The same, for views that keep showing the previous answer while the next one is read
 * (the report page on a change of period, rather than blanking for the read): `current`
 * tells them to mark it as being replaced.
 */
export function useLiveAnswer<T>(query: () => Promise<T>, deps: unknown[], early?: EarlyLiveQuery<T> | null): LiveAnswer<T> {
  const [answer, setAnswer] = useState<{ round: number; value: T } | undefined>(undefined);
  const round = useRef({ deps: null as unknown[] | null, count: 0 });
  if (!sameDeps(round.current.deps, deps)) round.current = { deps, count: round.current.count + 1 };
  const current = round.current.count;
  // A layout effect: subscribing right after the render starts the query at once. Preact runs
  // plain effects after the next paint (a frame later), which added that frame to every
  // popup opening, twice on the "this page" path (bench/popup-render).
  useLayoutEffect(() => {
    const next = (value: T) => setAnswer({ round: current, value });
    // The same query already running (started before the first render): take it over.
    if (early?.running) return early.listen(next);
    const subscription = liveQuery(query).subscribe({
      next,
      error: (error: unknown) => console.error('Upstream: live query failed', error),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return { value: answer?.value, current: answer?.round === current };
}

function sameDeps(before: unknown[] | null, now: unknown[]): boolean {
  return before !== null && before.length === now.length && before.every((value, i) => Object.is(value, now[i]));
}
