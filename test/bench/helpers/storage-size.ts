/** How much room a benchmark's stored requests take: the origin's estimate, each object store's rows and JSON size, the files on disk. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Worker } from 'playwright-core';

export interface Estimate {
  usage: number;
  indexedDB: number | null;
}

/** Runs in a page or worker of the origin to measure. */
export function estimateHere(): Promise<Estimate> {
  return navigator.storage.estimate().then((estimate) => {
    const details = (estimate as { usageDetails?: Record<string, number> }).usageDetails;
    return { usage: estimate.usage ?? 0, indexedDB: details?.indexedDB ?? null };
  });
}

export interface TableSize {
  table: string;
  rows: number;
  jsonBytes: number;
}

/** Rows and serialised size of every object store of Upstream's database (in its worker). */
export function tableSizes(worker: Worker): Promise<TableSize[]> {
  return worker.evaluate(
    () =>
      new Promise<TableSize[]>((resolve, reject) => {
        const open = indexedDB.open('upstream');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = Array.from(db.objectStoreNames);
          const transaction = db.transaction(names, 'readonly');
          const sizes: TableSize[] = [];
          for (const name of names) {
            const request = transaction.objectStore(name).getAll();
            request.onsuccess = () => {
              const rows = request.result as unknown[];
              let jsonBytes = 0;
              for (const row of rows) jsonBytes += JSON.stringify(row).length;
              sizes.push({ table: name, rows: rows.length, jsonBytes });
            };
          }
          transaction.oncomplete = () => {
            db.close();
            resolve(sizes.sort((a, b) => b.jsonBytes - a.jsonBytes));
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
  );
}

/** Total size of the files under the profile's IndexedDB folders whose path mentions `key`. */
export async function indexedDbOnDisk(profileDir: string, key: string): Promise<number> {
  let total = 0;
  const walk = async (dir: string, inside: boolean): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const matches = inside || (/indexeddb/i.test(full) && full.includes(key));
      if (entry.isDirectory()) await walk(full, matches);
      else if (matches) total += (await stat(full).catch(() => ({ size: 0 }))).size;
    }
  };
  await walk(profileDir, false);
  return total;
}
