/**
 * storage.session stand-ins for the journal: in-memory areas with the same four methods.
 */
import { JOURNAL_PREFIX } from '../../../src/capture/journal.js';
import { parseChunk } from '../../../src/capture/journal-chunk.js';
import type { StorageArea } from '../../../src/shared/browser.js';
import type { JournalEntry } from '../../../src/shared/types.js';

/** As storage.session: takes JSON only (what is set comes back as it would after JSON). */
export class JsonSessionArea implements StorageArea {
  readonly items = new Map<string, unknown>();
  async get(keys: string | string[] | null): Promise<Record<string, unknown>> {
    const wanted = keys === null ? [...this.items.keys()] : Array.isArray(keys) ? keys : [keys];
    return Object.fromEntries(wanted.filter((k) => this.items.has(k)).map((k) => [k, this.items.get(k)]));
  }
  async set(items: Record<string, unknown>): Promise<void> {
    // As storage.session: JSON only.
    for (const [k, v] of Object.entries(items)) this.items.set(k, JSON.parse(JSON.stringify(v)));
  }
  async remove(keys: string | string[]): Promise<void> {
    for (const k of Array.isArray(keys) ? keys : [keys]) this.items.delete(k);
  }
  async clear(): Promise<void> {
    this.items.clear();
  }
}

/** Keeps structured clones of what is set, and reads back the journal it holds. */
export class SessionArea implements StorageArea {
  readonly items = new Map<string, unknown>();
  async get(keys: string | string[] | null): Promise<Record<string, unknown>> {
    const wanted = keys === null ? [...this.items.keys()] : Array.isArray(keys) ? keys : [keys];
    return Object.fromEntries(wanted.filter((k) => this.items.has(k)).map((k) => [k, structuredClone(this.items.get(k))]));
  }
  async set(items: Record<string, unknown>): Promise<void> {
    for (const [k, v] of Object.entries(items)) this.items.set(k, structuredClone(v));
  }
  async remove(keys: string | string[]): Promise<void> {
    for (const k of Array.isArray(keys) ? keys : [keys]) this.items.delete(k);
  }
  async clear(): Promise<void> {
    this.items.clear();
  }
  /** Events journaled: one write of the journal (a chunk) holds several. */
  journaled(): number {
    return this.journalEntries().length;
  }
  journalEntries(): JournalEntry[] {
    return [...this.items].filter(([k]) => k.startsWith(JOURNAL_PREFIX)).flatMap(([, value]) => parseChunk(value));
  }
}
