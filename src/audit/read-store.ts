import type { BrowserPage } from './extension-browser.js';
import type { RequestRow } from '../store/db.js';

/**
 * Reads every row of one object store of the extension's database, from one of the
 * extension's own pages. Plain IndexedDB on purpose: it reads what is really on disk,
 * whatever the extension's code thinks it wrote.
 */
export function readStore<T>(page: BrowserPage, storeName: string, dbName = 'upstream'): Promise<T[]> {
  return page.evaluate(
    ({ dbName, storeName }) =>
      new Promise<T[]>(async (resolve, reject) => {
        // Opening a database that does not exist yet would create it, empty, under the extension's feet.
        if (!(await indexedDB.databases()).some((info) => info.name === dbName)) {
          resolve([]);
          return;
        }
        const open = indexedDB.open(dbName);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(storeName)) {
            db.close();
            resolve([]);
            return;
          }
          const request = db.transaction(storeName, 'readonly').objectStore(storeName).getAll();
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            db.close();
            resolve(request.result as T[]);
          };
        };
      }),
    { dbName, storeName },
  );
}

export const readRequests = (page: BrowserPage) => readStore<RequestRow>(page, 'requests');
