import type { Observation } from '../shared/types.js';
import type { UpstreamDb } from './db.js';

export const FLUSH_DELAY_MS = 250;
export const FLUSH_MAX_EVENTS = 500;

/**
 * Buffers observations and writes them in one transaction per batch, at most
 * FLUSH_DELAY_MS after the first buffered event or as soon as FLUSH_MAX_EVENTS are waiting.
 * The MV3 worker can be stopped at any moment, so nothing stays buffered for long.
 */
export class BatchWriter {
  private buffer: Observation[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly db: UpstreamDb) {}

  add(observation: Observation): void {
    this.buffer.push(observation);
    if (this.buffer.length >= FLUSH_MAX_EVENTS) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
  }

  /** Writes whatever is buffered; resolves when it is committed. */
  flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length === 0) return this.writing;
    this.writing = this.writing.then(() => this.write(batch));
    return this.writing;
  }

  private async write(batch: Observation[]): Promise<void> {
    try {
      await this.db.requests.bulkAdd(batch);
    } catch (error) {
      // Keep the worker alive; the batch is reported so that the loss is visible, never silent.
      console.error(`Upstream: could not store ${batch.length} requests`, error);
    }
  }
}
