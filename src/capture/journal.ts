import type { StorageArea } from '../shared/browser.js';
import type { CaptureEvent, JournalEntry } from '../shared/types.js';
import { isJournalEntry, parseChunk, type JournalChunk } from './journal-chunk.js';

export const JOURNAL_PREFIX = 'j:';
/**
 * At most one write per this many ms. An event after a quiet spell is written in the task
 * turn after its own; under load, the events of up to this long share one write (measured:
 * each write costs the worker about as much as handling one more webRequest event). Events
 * not yet written when the worker is stopped are recovered from the page's own Resource
 * Timing list like those Chrome drops (docs/capture-reliability.md).
 */
const JOURNAL_INTERVAL_MS = 10;
/**
 * Chunks whose events are all stored are removed from the session area together, at most
 * this often, unless the caller needs them gone now (a flush asked for): each removal is a
 * call to the browser's process, and a page load made one per capture batch. A stored chunk
 * left meanwhile only takes room: a successor that reads it skips what the store already
 * has (by worker and seq, in the store's own transaction).
 */
export const RELEASE_EVERY_MS = 1000;

export interface JournalBatch {
  entries: JournalEntry[];
}

function randomWorkerId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('');
}

/** One key of the session area, and how many of its events the store has not taken yet. */
interface Chunk {
  key: string;
  left: number;
}

/**
 * The worker can be stopped at any moment (Chrome stops idle service workers, tests and
 * users stop them by hand), and whatever it holds only in memory is then gone. So every
 * event is handed, as it arrives, to `storage.session`: the browser keeps it in its own
 * process, outside the worker, until the store has committed it and the journal releases
 * it. A restarted worker first stores what its predecessor left behind.
 *
 * The events that arrive together share one write: each one waits for a timer, which runs
 * after the events already queued in the worker, and no sooner than JOURNAL_INTERVAL_MS
 * after the previous write. That write is one key holding
 * one JSON string (a chunk, journal-chunk.ts), not a key and an object per event: the
 * session area converts every value it is given, field by field, in both processes, so a
 * string is the cheapest thing to hand it. A chunk's key is removed once the store has all
 * of its events; one stored in part is read again whole by a successor, which skips what
 * was stored (by worker and seq, in the store's own transaction).
 */
export class Journal {
  readonly worker = randomWorkerId();
  private seq = 0;
  private pending: JournalEntry[] = [];
  /** when each entry of `pending` was appended (performance.now()), in the same order */
  private arrivals: number[] = [];
  /** events that could not be written to the session area (its quota is full) */
  unjournaled = 0;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** appended, not yet handed to the session area */
  private unwritten: JournalEntry[] = [];
  /** taken by the store before their write was due: left out of it */
  private readonly releasedEarly = new WeakSet<JournalEntry>();
  /** the chunk each written (or read back) event lives in */
  private readonly chunkOf = new WeakMap<JournalEntry, Chunk>();
  /** settles when the events in `unwritten` have been written (true) or refused (false) */
  private nextWrite: Promise<boolean> | null = null;
  private settleNextWrite: (ok: boolean) => void = () => undefined;
  private lastWrite = -Infinity;
  /** keys of chunks whose events are all stored, not removed yet */
  private released: string[] = [];
  private releaseTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly area: StorageArea) {}

  get size(): number {
    return this.pending.length;
  }

  /** How long the oldest event waiting for the store has waited (ms; 0 when none waits). */
  get oldestWait(): number {
    return this.arrivals.length ? performance.now() - this.arrivals[0]! : 0;
  }

  /** Resolves true once the browser holds the event (false if it could not take it). */
  append(event: CaptureEvent): Promise<boolean> {
    const entry: JournalEntry = { worker: this.worker, seq: this.seq++, event };
    this.pending.push(entry);
    this.arrivals.push(performance.now());
    this.unwritten.push(entry);
    this.nextWrite ??= new Promise<boolean>((settle) => {
      this.settleNextWrite = settle;
      setTimeout(() => this.write(), Math.max(0, this.lastWrite + JOURNAL_INTERVAL_MS - performance.now()));
    });
    return this.nextWrite;
  }

  /** Hands every event waiting for its write to the session area, in one call. */
  private write(): void {
    const entries = this.unwritten.filter((entry) => !this.releasedEarly.has(entry));
    const settle = this.settleNextWrite;
    this.lastWrite = performance.now();
    this.unwritten = [];
    this.nextWrite = null;
    if (entries.length === 0) {
      settle(true); // all stored (and released) before their write was due
      return;
    }
    const first = entries[0]!.seq;
    const chunk: Chunk = { key: `${JOURNAL_PREFIX}${this.worker}:${first}`, left: entries.length };
    const value: JournalChunk = { w: this.worker, e: entries.map((entry) => [entry.seq, entry.event]) };
    for (const entry of entries) this.chunkOf.set(entry, chunk);
    const written = this.area.set({ [chunk.key]: JSON.stringify(value) }).then(
      () => true,
      () => {
        // Still in memory and stored with the next batch; only their survival of a restart is lost.
        this.unjournaled += entries.length;
        return false;
      },
    );
    this.inFlight.add(written);
    void written.finally(() => this.inFlight.delete(written));
    void written.then(settle);
  }

  /** Takes up to `max` events, oldest first, for the store. */
  take(max: number): JournalBatch {
    this.arrivals.splice(0, max);
    return { entries: this.pending.splice(0, max) };
  }

  /** Puts a batch the store could not take back at the front, to be retried. */
  putBack(batch: JournalBatch): void {
    this.pending.unshift(...batch.entries);
    this.arrivals.unshift(...batch.entries.map(() => performance.now()));
  }

  /** Events journaled by earlier instances of the worker and not yet released, in order. */
  async leftovers(): Promise<JournalBatch> {
    const all = await this.area.get(null);
    const found: JournalEntry[] = [];
    for (const [key, value] of Object.entries(all)) {
      if (!key.startsWith(JOURNAL_PREFIX)) continue;
      // One event per key: written by versions before chunks.
      const entries = isJournalEntry(value) ? [value] : parseChunk(value);
      const own = entries.filter((entry) => entry.worker !== this.worker);
      const chunk: Chunk = { key, left: own.length };
      for (const entry of own) this.chunkOf.set(entry, chunk);
      found.push(...own);
    }
    // Within a worker, seq order is arrival order; across workers, the older worker first.
    const firstSeen = new Map<string, number>();
    for (const entry of found) firstSeen.set(entry.worker, Math.min(firstSeen.get(entry.worker) ?? Infinity, eventTime(entry)));
    found.sort((a, b) => firstSeen.get(a.worker)! - firstSeen.get(b.worker)! || a.worker.localeCompare(b.worker) || a.seq - b.seq);
    return { entries: found };
  }

  /**
   * The store has committed these events: chunks with nothing left to store are removed, now
   * or (`later`) with the others within RELEASE_EVERY_MS.
   */
  async release(entries: JournalEntry[], later = false): Promise<void> {
    const done: string[] = [];
    for (const entry of entries) {
      const chunk = this.chunkOf.get(entry);
      if (!chunk) {
        // Stored before their write was due: nothing to journal any more.
        this.releasedEarly.add(entry);
        continue;
      }
      this.chunkOf.delete(entry);
      if (--chunk.left === 0) done.push(chunk.key);
    }
    this.released.push(...done);
    if (!later) return this.removeReleased();
    this.releaseTimer ??= setTimeout(() => {
      this.removeReleased().catch((error: unknown) => console.error('Upstream: could not release stored events from the journal', error));
    }, RELEASE_EVERY_MS);
  }

  /** Removes every chunk released for later, now. */
  async removeReleased(): Promise<void> {
    if (this.releaseTimer !== null) clearTimeout(this.releaseTimer);
    this.releaseTimer = null;
    const keys = this.released;
    this.released = [];
    if (keys.length) await this.area.remove(keys);
  }

  /**
   * Forgets everything journaled (used by wipe): what waits in memory, and every journal
   * key in the session area once the writes still on their way have landed (else one could
   * land after the removal and bring a wiped request back).
   */
  async clear(): Promise<void> {
    this.pending = [];
    this.arrivals = [];
    this.unwritten = [];
    this.released = [];
    await Promise.allSettled([...this.inFlight]);
    const keys = Object.keys(await this.area.get(null)).filter((key) => key.startsWith(JOURNAL_PREFIX));
    if (keys.length) await this.area.remove(keys);
  }
}

function eventTime(entry: JournalEntry): number {
  const event = entry.event;
  if (event.kind === 'request') return event.request.time;
  if (event.kind === 'navigation') return event.navigation.time;
  return event.time;
}
