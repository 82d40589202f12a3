import type { DailyIpRow, DailyRow } from './schema.js';

/** Entries kept per table at most; past it the cache starts again (a day with that many site × host pairs is rare). */
const MAX_ENTRIES = 20_000;

/**
 * The daily rows the capture wrote last, so that its next batch adds to them without reading
 * them back first: those reads were most of a batch's round trips to the database (one per
 * site × host and per site × host × address the batch touched, several times its request
 * rows: docs/measurements.md). It holds only what this worker itself committed, so it
 * is right only while nothing else writes the daily tables: the pipeline empties it before
 * any other work on the store (forget, wipe, retention, import and repairs all run through
 * Pipeline.exclusive) and after a batch that failed. Rows a batch wrote are staged, and kept
 * only once its transaction has committed. Only the newest day is kept.
 */
export class DailyRowCache {
  private daily = new Map<string, DailyRow>();
  private ips = new Map<string, DailyIpRow>();
  private day = '';
  private staged: { daily: DailyRow[]; ips: DailyIpRow[] } = { daily: [], ips: [] };

  static dailyKey(row: Pick<DailyRow, 'day' | 'site' | 'host'>): string {
    return `${row.day}\u0000${row.site}\u0000${row.host}`;
  }

  static ipKey(row: Pick<DailyIpRow, 'day' | 'site' | 'host' | 'ip'>): string {
    return `${row.day}\u0000${row.site}\u0000${row.host}\u0000${row.ip}`;
  }

  /** The row as this worker last committed it; undefined when not known here (read it). */
  dailyRow(key: string): DailyRow | undefined {
    return this.daily.get(key);
  }

  ipRow(key: string): DailyIpRow | undefined {
    return this.ips.get(key);
  }

  /** Rows written by the batch in progress, kept if it commits. */
  stage(daily: DailyRow[], ips: DailyIpRow[]): void {
    this.staged.daily.push(...daily);
    this.staged.ips.push(...ips);
  }

  /** The batch committed: its rows are what the database holds now. */
  commit(): void {
    const { daily, ips } = this.staged;
    this.staged = { daily: [], ips: [] };
    for (const row of [...daily, ...ips]) if (row.day > this.day) this.newDay(row.day);
    for (const row of daily) if (row.day === this.day) this.daily.set(DailyRowCache.dailyKey(row), row);
    for (const row of ips) if (row.day === this.day) this.ips.set(DailyRowCache.ipKey(row), row);
    if (this.daily.size > MAX_ENTRIES || this.ips.size > MAX_ENTRIES) this.clear();
  }

  /** Something else may have written the daily tables, or a batch failed: nothing here can be trusted. */
  clear(): void {
    this.daily = new Map();
    this.ips = new Map();
    this.staged = { daily: [], ips: [] };
  }

  private newDay(day: string): void {
    this.daily = new Map();
    this.ips = new Map();
    this.day = day;
  }

  get size(): number {
    return this.daily.size + this.ips.size;
  }
}
