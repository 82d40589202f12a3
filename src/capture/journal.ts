import type { StorageArea } from '../shared/browser.js';
import type { CaptureEvent, JournalEntry } from '../shared/types.js';

export const JOURNAL_PREFIX = 'j:';

export interface JournalBatch {
  keys: string[];
  entries: JournalEntry[];
}

function randomWorkerId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('');
}

/**
 * The worker can be stopped at any moment (Chrome stops idle service workers, tests and
 * users stop them by hand), and whatever it holds only in memory is then gone. So every
 * event is handed, the moment it arrives, to `storage.session`: the browser keeps it in its
 * own process, outside the worker, until the store has committed it and the journal
 * releases it. A restarted worker first stores what its predecessor left behind.
 *
 * The events that arrive together share one write: each one waits for a zero-delay timer,
 * which runs after the events already queued in the worker. While a page is busy that makes
 * one `storage.session.set` of a few dozen events instead of one each (the write per event
 * was most of the worker's time per request); when events come one at a time, each still
 * goes out on its own, within the same task turn as before.
 */
export class Journal {
  readonly worker = randomWorkerId();
  private seq = 0;
  private pending: JournalBatch = { keys: [], entries: [] };
  /** events that could not be written to the session area (its quota is full) */
  unjournaled = 0;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** appended, not yet handed to the session area */
  private unwritten = new Map<string, JournalEntry>();
  /** settles when the events in `unwritten` have been written (true) or refused (false) */
  private nextWrite: Promise<boolean> | null = null;
  private settleNextWrite: (ok: boolean) => void = () => undefined;

  constructor(private readonly area: StorageArea) {}

  get size(): number {
    return this.pending.entries.length;
  }

  /** Resolves true once the browser holds the event (false if it could not take it). */
  append(event: CaptureEvent): Promise<boolean> {
    const entry: JournalEntry = { worker: this.worker, seq: this.seq++, event };
    const key = `${JOURNAL_PREFIX}${this.worker}:${entry.seq}`;
    this.pending.keys.push(key);
    this.pending.entries.push(entry);
    this.unwritten.set(key, entry);
    this.nextWrite ??= new Promise<boolean>((settle) => {
      this.settleNextWrite = settle;
      setTimeout(() => this.write(), 0);
    });
    return this.nextWrite;
  }

  /** Hands every event waiting for its write to the session area, in one call. */
  private write(): void {
    const items = Object.fromEntries(this.unwritten);
    const count = this.unwritten.size;
    const settle = this.settleNextWrite;
    this.unwritten = new Map();
    this.nextWrite = null;
    if (count === 0) {
      settle(true); // all stored (and released) before their write was due
      return;
    }
    const written = this.area.set(items).then(
      () => true,
      () => {
        // Still in memory and stored with the next batch; only their survival of a restart is lost.
        this.unjournaled += count;
        return false;
      },
    );
    this.inFlight.add(written);
    void written.finally(() => this.inFlight.delete(written));
    void written.then(settle);
  }

  /** Takes up to `max` events, oldest first, for the store. */
  take(max: number): JournalBatch {
    const keys = this.pending.keys.splice(0, max);
    const entries = this.pending.entries.splice(0, max);
    return { keys, entries };
  }

  /** Puts a batch the store could not take back at the front, to be retried. */
  putBack(batch: JournalBatch): void {
    this.pending.keys.unshift(...batch.keys);
    this.pending.entries.unshift(...batch.entries);
  }

  /** Events journaled by earlier instances of the worker and not yet released, in order. */
  async leftovers(): Promise<JournalBatch> {
    const all = await this.area.get(null);
    const found = Object.entries(all)
      .filter(([key, value]) => key.startsWith(JOURNAL_PREFIX) && isEntry(value) && (value as JournalEntry).worker !== this.worker)
      .map(([key, value]) => ({ key, entry: value as JournalEntry }));
    // Within a worker, seq order is arrival order; across workers, the older worker first.
    const firstSeen = new Map<string, number>();
    for (const { entry } of found) firstSeen.set(entry.worker, Math.min(firstSeen.get(entry.worker) ?? Infinity, eventTime(entry)));
    found.sort((a, b) => firstSeen.get(a.entry.worker)! - firstSeen.get(b.entry.worker)! || a.entry.worker.localeCompare(b.entry.worker) || a.entry.seq - b.entry.seq);
    return { keys: found.map((f) => f.key), entries: found.map((f) => f.entry) };
  }

  async release(keys: string[]): Promise<void> {
    // Stored before their write was due: nothing to journal any more.
    for (const key of keys) this.unwritten.delete(key);
    if (keys.length) await this.area.remove(keys);
  }

  /**
   * Forgets everything journaled (used by wipe): what waits in memory, and every journal
   * key in the session area once the writes still on their way have landed (else one could
   * land after the removal and bring a wiped request back).
   */
  async clear(): Promise<void> {
    this.pending = { keys: [], entries: [] };
    this.unwritten.clear();
    await Promise.allSettled([...this.inFlight]);
    const keys = Object.keys(await this.area.get(null)).filter((key) => key.startsWith(JOURNAL_PREFIX));
    await this.release(keys);
  }
}

function isEntry(value: unknown): boolean {
  const entry = value as JournalEntry | null;
  return !!entry && typeof entry === 'object' && typeof entry.worker === 'string' && typeof entry.seq === 'number' && !!entry.event;
}

function eventTime(entry: JournalEntry): number {
  const event = entry.event;
  if (event.kind === 'request') return event.request.time;
  if (event.kind === 'navigation') return event.navigation.time;
  return event.time;
}
