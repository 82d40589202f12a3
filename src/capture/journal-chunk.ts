import type { CaptureEvent, JournalEntry } from '../shared/types.js';

/**
 * What one write of the journal puts under one key of the session area, as a JSON string:
 * the worker instance and its events with their seqs. (A session value is converted field
 * by field on both sides of the extension's IPC; one string is converted once.)
 */
export interface JournalChunk {
  w: string;
  e: [number, CaptureEvent][];
}

/** True for an entry stored under its own key, as versions before chunks wrote them. */
export function isJournalEntry(value: unknown): value is JournalEntry {
  const entry = value as JournalEntry | null;
  return !!entry && typeof entry === 'object' && typeof entry.worker === 'string' && typeof entry.seq === 'number' && isEvent(entry.event);
}

function isEvent(value: unknown): value is CaptureEvent {
  return !!value && typeof value === 'object' && typeof (value as { kind?: unknown }).kind === 'string';
}

/** The entries of a chunk; none for anything else (a session value is not to be trusted blindly). */
export function parseChunk(value: unknown): JournalEntry[] {
  if (typeof value !== 'string') return [];
  let chunk: Partial<JournalChunk>;
  try {
    chunk = JSON.parse(value) as Partial<JournalChunk>;
  } catch {
    return [];
  }
  if (!chunk || typeof chunk.w !== 'string' || !Array.isArray(chunk.e)) return [];
  const worker = chunk.w;
  return chunk.e
    .filter((item): item is [number, CaptureEvent] => Array.isArray(item) && typeof item[0] === 'number' && isEvent(item[1]))
    .map(([seq, event]) => ({ worker, seq, event }));
}
