/**
 * Helpers for end-to-end tests of the controls: send the worker a command from one of the
 * extension's pages, read every table as it is on disk, and read the fixture server's log.
 */
import type { BrowserPage } from '../../../src/audit/extension-browser.js';
import type { LoggedRequest } from '../../../src/audit/fixture-server.js';
import { readRecords, readStore, type StoreSnapshot } from '../../../src/audit/read-store.js';
import type { Command, CommandReplies, CommandReply } from '../../../src/store/worker-commands.js';
import type { Settings } from '../../../src/store/settings.js';
import type { DailyIpRow, DailyRow, HostRow, IpRow, MetaRow, RequestRow, VisitRow } from '../../../src/store/schema.js';
import type { StoredRollup } from '../../../src/store/visit-rollup.js';

/** Sends one message to the worker, as the popup does, and returns its reply as is (any message: tests send bad ones too). */
export function sendCommand(page: BrowserPage, command: unknown): Promise<CommandReply> {
  return page.evaluate(async (message) => {
    type Runtime = { runtime: { sendMessage(message: unknown): Promise<unknown> } };
    const scope = globalThis as unknown as { browser?: Runtime; chrome?: Runtime };
    return (await (scope.browser ?? scope.chrome!).runtime.sendMessage(message)) as CommandReply;
  }, command);
}

/** Sends a command that must succeed, and returns its reply. */
export async function command<C extends Command>(page: BrowserPage, message: C): Promise<CommandReplies[C['type']]> {
  const reply = (await sendCommand(page, message)) as CommandReply<C['type']>;
  if (!reply.ok) throw new Error(`${JSON.stringify(message)} failed: ${reply.error}`);
  return reply.value;
}

/** The settings the worker uses now. */
export async function currentSettings(page: BrowserPage): Promise<Settings> {
  return (await command(page, { type: 'status' })).settings;
}

/** Everything in one of the extension's storage areas. */
export function storageArea(page: BrowserPage, area: 'local' | 'session'): Promise<Record<string, unknown>> {
  return page.evaluate(async (name) => {
    type Area = { get(keys: null): Promise<Record<string, unknown>> };
    type Storage = { storage: Record<string, Area> };
    const scope = globalThis as unknown as { browser?: Storage; chrome?: Storage };
    return (scope.browser ?? scope.chrome!).storage[name]!.get(null);
  }, area);
}

export const TABLES = ['requests', 'visits', 'hosts', 'ips', 'daily', 'dailyIps', 'meta', 'hours', 'days'] as const;

/** Every row of every table, as on disk. */
export interface RawTables {
  requests: RequestRow[];
  visits: VisitRow[];
  hosts: HostRow[];
  ips: IpRow[];
  daily: DailyRow[];
  dailyIps: DailyIpRow[];
  meta: MetaRow[];
  hours: StoredRollup[];
  days: StoredRollup[];
}

export async function readTables(page: BrowserPage): Promise<RawTables> {
  const [requests, visits, hosts, ips, daily, dailyIps, meta, hours, days] = await Promise.all(
    TABLES.map((name) => readStore<never>(page, name)),
  );
  return { requests, visits, hosts, ips, daily, dailyIps, meta, hours, days } as RawTables;
}

export async function rowCounts(page: BrowserPage): Promise<Record<(typeof TABLES)[number], number>> {
  const tables = await readTables(page);
  return Object.fromEntries(TABLES.map((name) => [name, tables[name].length])) as Record<(typeof TABLES)[number], number>;
}

/** Asks the worker to store what it holds, then reads everything back (decoded requests too). */
export async function settle(page: BrowserPage): Promise<StoreSnapshot> {
  await command(page, { type: 'flush' });
  return readRecords(page);
}

/**
 * Waits until the browser has gone quiet: nothing waits in the worker's journal and the
 * fixture server has received nothing new for `quietMs` (late favicons, beacons, pages'
 * own reports of what they loaded, which come about a second after the last load, …).
 */
export async function quiesce(page: BrowserPage, log: LoggedRequest[], quietMs = 1500, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = log.length;
  let since = Date.now();
  for (;;) {
    await command(page, { type: 'flush' });
    const { waiting } = await command(page, { type: 'status' });
    if (log.length !== seen || waiting > 0) {
      seen = log.length;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return;
    }
    if (Date.now() > deadline) throw new Error('the browser never went quiet');
    await sleep(100);
  }
}

/** Log entries of one test run: their path names the run (see test/fixtures/sites/_template, which every ctl-*.example serves). */
export function logOfRun(log: LoggedRequest[], run: string): LoggedRequest[] {
  return log.filter((entry) => entry.path.includes(run));
}

/** A logged request as Upstream stores it by default: scheme, host and path, no query string. */
export function storedForm(entry: LoggedRequest): string {
  return `${entry.scheme}://${entry.host}${entry.path.replace(/[?#].*$/, '')}`;
}

/**
 * The page a request of a fixture run belongs to: the page's own host for the page itself
 * (`/?run=R&v=V`), else the host named in the path (`/R/V/<page host>/…`).
 */
export function pageOfLogged(entry: LoggedRequest, run: string): string {
  const inPath = new RegExp(`/${run}/[^/]+/([^/]+)/`).exec(entry.path);
  return inPath ? inPath[1]! : entry.host;
}

/** The fixture page URL for a run and visit number. */
export function fixturePage(host: string, run: string, v = 1): string {
  return `https://${host}/?run=${run}&v=${v}`;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh token for one test run, found in every fixture request path of that run. */
export function newRun(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}
