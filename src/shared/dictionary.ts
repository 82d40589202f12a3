/**
 * Objects keyed by data (site, host, company, country names; tab, frame and request ids).
 * A plain `{}` inherits Object.prototype: `counts['constructor']` is then a function before
 * anything is stored under it, and `counts['__proto__'] = 1` stores nothing. A site named
 * `constructor` turned its hour's counts into text, and one named `__proto__` vanished. A
 * dictionary has no prototype, so every name is an ordinary key; it still serialises as a
 * JSON object, and JSON.parse gives `__proto__` back as an own key, which dictionaryOf keeps.
 */

export type Dictionary<T> = Record<string, T>;

/** An empty object with no prototype, for keys that come from data. */
export function dictionary<T>(): Dictionary<T> {
  return Object.create(null) as Dictionary<T>;
}

/**
 * The own entries of an object as a dictionary: for objects that come back with a prototype
 * (JSON.parse, IndexedDB, storage areas), before anything looks a key up in them or adds one.
 */
export function dictionaryOf<T>(from: Readonly<Dictionary<T>> | null | undefined): Dictionary<T> {
  const copy = dictionary<T>();
  if (from) for (const key of Object.keys(from)) copy[key] = from[key]!;
  return copy;
}

/** Adds `by` to the count under `key`; a count back at zero is removed, so that it reads as never counted. */
export function addCount(counts: Dictionary<number>, key: string, by: number): void {
  const next = (Object.hasOwn(counts, key) ? counts[key]! : 0) + by;
  if (next === 0) delete counts[key];
  else counts[key] = next;
}
