/**
 * Puts a recorded database (test/fixtures/old-databases/*.json) back into IndexedDB as the
 * older build left it: opened with plain IndexedDB at that build's version, its object
 * stores and indexes created as that build declared them, every row put as recorded.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface RecordedStore {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }[];
  rows: Record<string, unknown>[];
}

export interface RecordedDatabase {
  recordedWith: { commit: string; idbVersion: number; schemaVersion: number; visits: number };
  stores: RecordedStore[];
}

const FOLDER = path.resolve(import.meta.dirname, '../../fixtures/old-databases');

export function readRecording(file: string): RecordedDatabase {
  return JSON.parse(readFileSync(path.join(FOLDER, file), 'utf8')) as RecordedDatabase;
}

export function rowsOf(recording: RecordedDatabase, store: string): Record<string, unknown>[] {
  return recording.stores.find((s) => s.name === store)?.rows ?? [];
}

export async function restoreRecording(name: string, recording: RecordedDatabase): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name, recording.recordedWith.idbVersion);
    open.onupgradeneeded = () => {
      for (const store of recording.stores) {
        const created = open.result.createObjectStore(store.name, { keyPath: store.keyPath, autoIncrement: store.autoIncrement });
        for (const index of store.indexes)
          created.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
      }
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(
      recording.stores.map((s) => s.name),
      'readwrite',
    );
    for (const store of recording.stores) for (const row of store.rows) tx.objectStore(store.name).put(row);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}
