import type { BrowserPage } from './extension-browser.js';
import type { DailyRow, HostRow, IpRow, RequestRow, VisitRow } from '../store/db.js';
import {
  decodeHost,
  decodeIp,
  decodeRequest,
  decodeVisit,
  lookups,
  type RecordedHost,
  type RecordedIp,
  type RecordedRequest,
  type RecordedVisit,
} from '../store/decode.js';
import { dailyFacts } from '../store/rows-to-facts.js';
import type { DailyFacts } from '../store/visit-facts.js';

/**
 * Reads every row of one object store of the extension's database, from one of the
 * extension's own pages. Plain IndexedDB on purpose: it reads what is really on disk,
 * whatever the extension's code thinks it wrote.
 */
export function readStore<T>(page: BrowserPage, storeName: string, dbName = 'upstream'): Promise<T[]> {
  return page.evaluate(
    async ({ dbName, storeName }) => {
      // Opening a database that does not exist yet would create it, empty, under the extension's feet.
      if (!(await indexedDB.databases()).some((info) => info.name === dbName)) return [];
      return new Promise<T[]>((resolve, reject) => {
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
      });
    },
    { dbName, storeName },
  );
}

/** Everything recorded, spelt out (src/store/decode.ts): what tests and audits read. */
export interface StoreSnapshot {
  requests: RecordedRequest[];
  visits: RecordedVisit[];
  hosts: RecordedHost[];
  ips: RecordedIp[];
  daily: DailyFacts[];
}

/** The tables an export is made of, rows as stored. */
export interface StoredTables {
  requests: RequestRow[];
  visits: VisitRow[];
  hosts: HostRow[];
  ips: IpRow[];
  daily: DailyRow[];
}

export async function readTables(page: BrowserPage): Promise<StoredTables> {
  const [requests, visits, hosts, ips, daily] = await Promise.all([
    readStore<RequestRow>(page, 'requests'),
    readStore<VisitRow>(page, 'visits'),
    readStore<HostRow>(page, 'hosts'),
    readStore<IpRow>(page, 'ips'),
    readStore<DailyRow>(page, 'daily'),
  ]);
  return { requests, visits, hosts, ips, daily };
}

/** Everything recorded, spelt out: requests with their hosts, pages and flags resolved, visits, hosts and addresses named. */
export async function readRecords(page: BrowserPage): Promise<StoreSnapshot> {
  return recordsOfTables(await readTables(page));
}

/** Tables read as stored, spelt out: each request's host, page and address looked up in the same tables. */
export function recordsOfTables({ requests, visits, hosts, ips, daily }: StoredTables): StoreSnapshot {
  const refs = lookups(hosts, ips, visits);
  return {
    requests: requests.map((row) => decodeRequest(row, refs)),
    visits: visits.map(decodeVisit),
    hosts: hosts.map(decodeHost),
    ips: ips.map(decodeIp),
    daily: daily.map(dailyFacts),
  };
}

/** Asks the worker to store everything it holds now (and waits for it). */
export async function flushWorker(page: BrowserPage): Promise<void> {
  await page.evaluate(async () => {
    type Runtime = { runtime: { sendMessage(message: unknown): Promise<unknown> } };
    const scope = globalThis as unknown as { browser?: Runtime; chrome?: Runtime };
    const api = scope.browser ?? scope.chrome!;
    const reply = (await api.runtime.sendMessage({ type: 'flush' })) as { ok: boolean; error?: string } | undefined;
    if (!reply?.ok) throw new Error(`flush failed: ${reply?.error}`);
  });
}

/**
 * Opens the extension's database and reads every object store in it, whatever the schema
 * holds: the row count of each, or the error that stopped it (a store that cannot be read
 * is reported, not thrown, so a damaged database shows where it is damaged).
 */
export function readEveryStore(page: BrowserPage, dbName = 'upstream'): Promise<Record<string, number | string>> {
  return page.evaluate(
    (dbName) =>
      new Promise<Record<string, number | string>>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onerror = () => reject(open.error);
        open.onsuccess = async () => {
          const db = open.result;
          const counts: Record<string, number | string> = {};
          for (const name of Array.from(db.objectStoreNames)) {
            counts[name] = await new Promise<number | string>((done) => {
              try {
                const request = db.transaction(name, 'readonly').objectStore(name).getAll();
                request.onsuccess = () => done((request.result as unknown[]).length);
                request.onerror = () => done(String(request.error));
              } catch (error) {
                done(String(error));
              }
            });
          }
          db.close();
          resolve(counts);
        };
      }),
    dbName,
  );
}
