/**
 * Everything the extension keeps, read from one of its own pages with the plain web APIs:
 * every row of every object store of every IndexedDB database it has (not only the tables
 * the code knows about), storage.local, storage.session, its localStorage and Cache Storage.
 */
import type { BrowserPage } from '../../../src/audit/extension-browser.js';

/** Place ("idb:upstream/requests", "storage.local", …) → what it holds. */
export type EverythingStored = Record<string, unknown>;

export function readEverything(page: BrowserPage): Promise<EverythingStored> {
  return page.evaluate(async () => {
    const out: Record<string, unknown> = {};
    const asPromise = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    for (const info of await indexedDB.databases()) {
      const db = await asPromise(indexedDB.open(info.name!));
      for (const store of [...db.objectStoreNames]) {
        out[`idb:${info.name}/${store}`] = await asPromise(db.transaction(store, 'readonly').objectStore(store).getAll());
      }
      db.close();
    }
    type Area = { get(keys: null): Promise<Record<string, unknown>> };
    const scope = globalThis as unknown as { browser?: { storage: Record<string, Area> }; chrome?: { storage: Record<string, Area> } };
    const storage = (scope.browser ?? scope.chrome!).storage;
    out['storage.local'] = await storage.local!.get(null);
    out['storage.session'] = await storage.session!.get(null);
    out.localStorage = { ...localStorage };
    out.caches = await caches.keys();
    return out;
  });
}

/** The places whose JSON text contains `needle`, each with a little context. */
export function placesHolding(everything: EverythingStored, needle: string): string[] {
  return Object.entries(everything).flatMap(([place, content]) => {
    const text = JSON.stringify(content);
    const at = text.indexOf(needle);
    return at < 0 ? [] : [`${place}: …${text.slice(Math.max(0, at - 80), at + 40)}…`];
  });
}
