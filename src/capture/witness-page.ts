/**
 * What the worker runs inside a frame to read the page's witness (witness-sweep.ts), and the
 * names the content script and it share. `readWitness` is handed to
 * `scripting.executeScript`, which sends its source text to the frame: it must use nothing
 * but its argument and the page's own globals.
 */

/** The global (in the extension's isolated world) under which witness-content.ts keeps its list. */
export const WITNESS_LIST = '__upstreamWitness';
/** Entries a frame keeps at most. */
export const WITNESS_KEPT = 5000;
/** Entries a frame hands over at most in one read. */
export const WITNESS_READ_MAX = 5000;

/**
 * Facts about one Resource Timing entry, as bits: what tells a request that went to the
 * network from one a service worker or a cache answered. Which facts count as evidence is
 * decided in the worker (witness-evidence.ts), not here.
 */
export const FACTS = {
  /** `workerStart` > 0: the frame's service worker handled the fetch (and may have answered it itself) */
  worker: 1,
  /** `deliveryType` is "cache" (or another non-network delivery) */
  cache: 2,
  /** `nextHopProtocol` names a protocol (h2, http/1.1…) */
  protocol: 4,
  /** `transferSize` > 0: bytes came over the network */
  transfer: 8,
  /** `responseStatus` > 0 */
  status: 16,
  /** the browser has `deliveryType` at all (Chromium; Firefox has none) */
  deliveryKnown: 32,
} as const;

export interface WitnessRead {
  since: number;
  until: number;
  list: string;
  max: number;
  facts: typeof FACTS;
}

/** One entry as a frame hands it over: [url, initiatorType, start, end, status, facts]. */
type RawEntry = [string, string, number, number, number, number];

export interface RawWitness {
  documentUrl: string;
  /** the document's own navigation, when it ended in the window */
  navigation: RawEntry | null;
  entries: RawEntry[];
}

/** Runs in the page. Self-contained on purpose (see the file's comment). */
export function readWitness(read: WitnessRead): RawWitness {
  const origin = performance.timeOrigin;
  const f = read.facts;
  const raw = (entry: PerformanceResourceTiming): RawEntry => {
    const e = entry as PerformanceResourceTiming & { deliveryType?: string; responseStatus?: number };
    let bits = 0;
    if (e.workerStart > 0) bits |= f.worker;
    if (typeof e.deliveryType === 'string') {
      bits |= f.deliveryKnown;
      if (e.deliveryType !== '') bits |= f.cache;
    }
    if (e.nextHopProtocol) bits |= f.protocol;
    if (e.transferSize > 0) bits |= f.transfer;
    if ((e.responseStatus ?? 0) > 0) bits |= f.status;
    return [
      e.name.slice(0, 4096),
      String(e.initiatorType).slice(0, 32),
      origin + e.startTime,
      origin + e.responseEnd,
      e.responseStatus ?? 0,
      bits,
    ];
  };
  const inWindow = (entry: PerformanceEntry) => {
    const end = origin + (entry as PerformanceResourceTiming).responseEnd;
    return end >= read.since && end <= read.until && /^https?:/i.test(entry.name);
  };
  const kept = (globalThis as Record<string, unknown>)[read.list];
  const all = (Array.isArray(kept) ? kept : performance.getEntriesByType('resource')) as PerformanceResourceTiming[];
  const entries: RawEntry[] = [];
  for (const entry of all) {
    if (entries.length >= read.max) break;
    if (inWindow(entry)) entries.push(raw(entry));
  }
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceResourceTiming | undefined;
  return { documentUrl: location.href, navigation: nav && inWindow(nav) ? raw(nav) : null, entries };
}
