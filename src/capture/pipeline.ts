import type { CaptureEvent } from '../shared/types.js';
import type { Classifier } from '../store/classifier.js';
import { announceWrites, type UpstreamDb } from '../store/db.js';
import { captureTables, ingest, type IngestResult } from './ingest.js';
import { Interner } from '../store/interner.js';
import { DailyRowCache } from '../store/daily-cache.js';
import { isQuotaError, pruneOldestRequests } from '../store/retention.js';
import type { Settings } from '../store/settings.js';
import type { Journal, JournalBatch } from './journal.js';
import type { WriteStats } from '../store/worker-commands.js';

/**
 * The durability promise: an event is in the database, its batch's IndexedDB transaction
 * committed, within this long of reaching the worker, so a killed browser loses at most what
 * the worker heard of in its last DURABLE_WITHIN_MS. It is split in two: the wait for a batch
 * to start (FLUSH_DELAY_MS after a quiet spell; in a burst, the batch running when the event
 * came) and the batch's own work, classifying and one transaction. The delay is short enough
 * to leave a batch most of the window, long enough that a page load's events share batches;
 * what batches took under load is in docs/measurements.md.
 */
export const DURABLE_WITHIN_MS = 250;
export const FLUSH_DELAY_MS = 100;
/**
 * How long a batch's changes to the daily rows and visit roll-ups may wait (the worker's
 * pipeline, pending-aggregates.ts): each batch of a page load rewrote the same rows. They
 * wait in the capture state, committed with the batch's rows, so nothing is lost when the
 * worker stops; what reads them is at most this much behind the request and visit rows.
 */
export const AGGREGATE_EVERY_MS = 1000;
/**
 * Largest batch in one transaction. A batch's time grows with its size, and an event that
 * arrives while one runs waits for it. Bursts rarely come near it (each batch takes what came
 * while the last one ran or its oldest event waited FLUSH_DELAY_MS); it bounds a backlog's
 * batches (the knowledge still loading, an earlier worker's leftovers). Each transaction has
 * a fixed cost whatever its size (the capture state read and written back), so a smaller cap
 * makes a backlog much slower to store (test/bench/capture-ingest.bench.ts; figures in
 * docs/measurements.md).
 */
const MAX_BATCH = 500;
/** A full batch waiting starts at once: waiting longer would only make the next batch larger. */
const FLUSH_MAX_EVENTS = MAX_BATCH;
const RETRY_DELAY_MS = 1000;
/**
 * When to look for what stopped workers left in the journal, after this one starts. Not
 * only once: a stopped worker's last writes can reach the browser after its successor's
 * first look (they were still on their way when it was stopped).
 */
const LEFTOVER_SCANS_MS = [0, 1000, 3000, 10_000, 30_000];

export interface PipelineDeps {
  db: UpstreamDb;
  /**
   * The connection batches are written through (default `db`). The worker's has no
   * observability middleware (db.ts, openIngestDb): each committed batch is announced to the
   * pages' live queries by `announceWrites` instead.
   */
  ingestDb?: UpstreamDb;
  /**
   * Daily rows and visit roll-ups are written at most this often (ms); meanwhile what the
   * batches changed in them waits in the capture state, committed with their rows
   * (ingest.ts, IngestOptions). 0 or absent: with every batch.
   */
  aggregateEveryMs?: number;
  journal: Journal;
  /** Resolves once the knowledge is loaded: events wait for it rather than being stored unclassified. */
  classifier: () => Promise<Classifier>;
  settings: () => Promise<Settings>;
  /** Told, once a batch is stored, the hosts it stored as pages' own (cname-uncloak.ts): never awaited, capture does not wait for it. */
  onFirstPartyHosts?: (hosts: readonly string[] | null) => void;
}

/**
 * Moves journaled events into the store: within FLUSH_DELAY_MS of the first waiting event,
 * or at once when FLUSH_MAX_EVENTS wait. One batch at a time; other work on the store
 * (forget, wipe, retention) is queued between batches through `exclusive`.
 */
export class Pipeline {
  readonly interner = new Interner();
  readonly dailyCache = new DailyRowCache();
  readonly stats: WriteStats = { stored: 0, skipped: 0, duplicates: 0, batches: 0, failures: 0, lastError: null };
  private timer: ReturnType<typeof setTimeout> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private scansDone = 0;
  /** the flush queued behind other work on the store and not started yet */
  private waitingFlush: Promise<void> | null = null;
  /** journal releases of stored batches, still on their way */
  private releases: Promise<void>[] = [];
  private readonly started = Date.now();
  /**
   * When the oldest change to the aggregates that waits came (null: none waits; undefined:
   * not known yet, an earlier worker may have left some).
   */
  private aggregatesSince: number | null | undefined = undefined;
  private aggregateTimer: ReturnType<typeof setTimeout> | null = null;
  /** an explicit flush() is waiting: the next flush stores everything at once */
  private unpaced = false;

  constructor(private readonly deps: PipelineDeps) {}

  /** Journals an event and schedules its flush (tests and tools; the worker journals in early-capture). */
  push(event: CaptureEvent): void {
    void this.deps.journal.append(event); // never rejects: false only says the journal missed it
    this.scheduleFlush();
  }

  /** A flush within FLUSH_DELAY_MS, or at once when FLUSH_MAX_EVENTS wait. */
  scheduleFlush(): void {
    this.flushSoon(this.deps.journal.size >= FLUSH_MAX_EVENTS ? 0 : FLUSH_DELAY_MS);
  }

  private flushSoon(delay: number): void {
    if (this.timer !== null && delay > 0) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush(true);
    }, delay);
  }

  /**
   * Runs `work` alone on the store, after the batches before it. Whatever it writes, the
   * daily rows the capture remembers are dropped first (daily-cache.ts). The changes to the
   * aggregates that wait are written first: work that reads or rewrites the daily rows, the
   * roll-ups or the visits (forget, retention, repair, import) finds them complete, and no
   * change from before it is added after it; if they cannot be written, the work does not
   * run. `dropsAggregates`: the work clears the capture state itself (a wipe), so they are
   * not written, only forgotten here.
   */
  exclusive<T>(work: () => Promise<T>, options: { dropsAggregates?: boolean } = {}): Promise<T> {
    return this.serial(async () => {
      if (options.dropsAggregates) this.noteAggregates(null);
      else await this.storeAggregates();
      this.dailyCache.clear();
      return work();
    });
  }

  /** Writes the changes to the daily rows and roll-ups that wait (after the batches queued before). */
  flushAggregates(): Promise<void> {
    return this.serial(() => this.storeAggregates());
  }

  private async storeAggregates(): Promise<void> {
    // A pipeline that writes them with every batch (tests, tools) leaves none waiting.
    if (this.aggregatesSince === null || !this.deps.aggregateEveryMs) return;
    await this.store({ entries: [] }, { aggregateNow: true });
  }

  private noteAggregates(since: number | null): void {
    this.aggregatesSince = since;
    if (since === null) {
      if (this.aggregateTimer !== null) clearTimeout(this.aggregateTimer);
      this.aggregateTimer = null;
      return;
    }
    if (this.aggregateTimer !== null) return;
    const every = this.deps.aggregateEveryMs ?? 0;
    this.aggregateTimer = setTimeout(
      () => {
        this.aggregateTimer = null;
        void this.flushAggregates().catch(() => undefined);
      },
      Math.max(0, since + every - Date.now()),
    );
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Stores everything waiting (and, the first time, what an earlier worker left behind).
   * A flush that has not started yet will take everything journaled by the time it does,
   * so asking again meanwhile joins it: while the store is slow (a burst, a busy disk),
   * each event past FLUSH_MAX_EVENTS asked for one, and thousands queued behind each other.
   */
  flush(paced = false): Promise<void> {
    // Asked for (a command, a test): everything now, even if a paced flush was queued.
    if (!paced) this.unpaced = true;
    this.waitingFlush ??= this.serial(async () => {
      this.waitingFlush = null;
      const paced = !this.unpaced;
      this.unpaced = false;
      try {
        await this.storeWaiting(paced);
      } finally {
        // Stored means released too: a flush asked for leaves no stored event in the journal
        // (paced ones leave the removal of batches' chunks to the journal's own timer).
        if (!paced) this.releases.push(this.deps.journal.removeReleased());
        await this.releasesDone();
      }
    });
    return this.waitingFlush;
  }

  private async storeWaiting(paced: boolean): Promise<void> {
    if (this.scansDone < LEFTOVER_SCANS_MS.length && Date.now() - this.started >= LEFTOVER_SCANS_MS[this.scansDone]!) {
      this.scansDone++;
      const leftovers = await this.deps.journal.leftovers();
      for (let i = 0; i < leftovers.entries.length; i += MAX_BATCH) {
        await this.store({ entries: leftovers.entries.slice(i, i + MAX_BATCH) });
      }
      const next = LEFTOVER_SCANS_MS[this.scansDone];
      if (next !== undefined) setTimeout(() => void this.flush(true), Math.max(0, this.started + next - Date.now()));
    }
    while (this.deps.journal.size > 0) {
      // In a burst, the next batch waits as the first did after a quiet spell: until its
      // oldest event has waited FLUSH_DELAY_MS (or a full batch waits). Back to back, a page
      // load made a batch of a few events every few ms on a fast machine, each paying a
      // transaction and the capture state; this keeps the promise (DURABLE_WITHIN_MS) as it is.
      const wait = FLUSH_DELAY_MS - this.deps.journal.oldestWait;
      if (paced && wait > 1 && this.deps.journal.size < FLUSH_MAX_EVENTS) {
        this.flushSoon(wait);
        return;
      }
      const batch = this.deps.journal.take(MAX_BATCH);
      try {
        await this.store(batch, { releaseLater: paced });
      } catch {
        this.deps.journal.putBack(batch);
        setTimeout(() => void this.flush(true), RETRY_DELAY_MS);
        return;
      }
    }
  }

  /** Waits for the journal releases still on their way (one failed leaves its events for a successor, which skips them as stored). */
  private async releasesDone(): Promise<void> {
    const releases = this.releases;
    this.releases = [];
    for (const result of await Promise.allSettled(releases)) {
      if (result.status === 'rejected') console.error('Upstream: could not release stored events from the journal', result.reason);
    }
  }

  private async store(batch: JournalBatch, { aggregateNow = false, releaseLater = false } = {}): Promise<void> {
    const [classifier, settings] = await Promise.all([this.deps.classifier(), this.deps.settings()]);
    let result: IngestResult | null = null;
    for (let attempt = 0; !result; attempt++) {
      try {
        const db = this.deps.ingestDb ?? this.deps.db;
        result = await ingest(db, batch.entries, classifier, settings, this.interner, this.dailyCache, {
          aggregateEveryMs: this.deps.aggregateEveryMs ?? 0,
          aggregateNow,
          onAggregates: (since) => this.noteAggregates(since),
          onFirstPartyHosts: this.deps.onFirstPartyHosts,
        });
        this.dailyCache.commit();
        if (db !== this.deps.db) announceWrites(db, captureTables(db));
      } catch (error) {
        this.dailyCache.clear();
        this.stats.failures++;
        this.stats.lastError = String((error as Error)?.message ?? error);
        // A failed transaction may have left ids in the cache that were rolled back.
        this.interner.reset();
        if (attempt < 3 && isQuotaError(error)) {
          await pruneOldestRequests(this.deps.db, 0.1);
          continue;
        }
        console.error('Upstream: could not store a batch; it stays journaled and is retried', error);
        throw error;
      }
    }
    this.stats.stored += result.stored;
    this.stats.skipped += result.skipped;
    this.stats.duplicates += result.duplicates;
    if (batch.entries.length) this.stats.batches++;
    // Not awaited here: the next batch need not wait for the browser to drop this one's
    // journal keys (a round trip to another process, about a fifth of a batch's time in a
    // backlog); the flush waits for them before it returns.
    this.releases.push(this.deps.journal.release(batch.entries, releaseLater));
  }
}
