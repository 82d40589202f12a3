/**
 * The request log's rows, read in chunks and kept live: the first chunk is shown as soon as it
 * is read, the rest are appended as they come; when the worker stores more, only the rows
 * above the last id read are read (a wipe, a forgotten site or pruned rows read all again).
 */
import { useEffect, useState } from 'preact/hooks';
import { openDb } from '../../../store/db.js';
import {
  logChunks,
  logHosts,
  logVersion,
  logVisits,
  type LogEntry,
  type LogHost,
  type LogScope,
  type LogVersion,
  type LogVisit,
} from '../../../store/request-log.js';
import { useLiveQuery } from '../../use-live-query.js';

/** Rows read before the first paint, then per read: small enough to show soon, large enough to read 100,000 rows in few reads. */
const CHUNKS = { first: 1_000, next: 25_000 };

export interface RequestLog {
  /** in time order; the same array grows as chunks come, `revision` tells a new state */
  entries: LogEntry[];
  hosts: Map<number, LogHost>;
  visits: Map<number, LogVisit>;
  revision: number;
  /** still reading the scope's rows */
  loading: boolean;
}

/** Counted across loaders, so that a new scope's first state never repeats the previous one's revision. */
let revisions = 0;

const byTime = (a: LogEntry, b: LogEntry) => a.time - b.time || a.id - b.id;

class LogLoader {
  private entries: LogEntry[] = [];
  private hosts = new Map<number, LogHost>();
  private visits = new Map<number, LogVisit>();
  private lastId = 0;
  private seen: LogVersion | null = null;
  private chain: Promise<void> = Promise.resolve();
  cancelled = false;

  constructor(
    private readonly scope: LogScope,
    private readonly publish: (log: RequestLog) => void,
  ) {}

  update(version: LogVersion): void {
    this.chain = this.chain
      .then(() => this.read(version))
      .catch((error: unknown) => console.error('Upstream: request log read failed', error));
  }

  private async read(version: LogVersion): Promise<void> {
    const seen = this.seen;
    if (this.cancelled || (seen && seen.first === version.first && seen.last === version.last && seen.visits === version.visits)) return;
    const fresh = !seen || version.first !== seen.first || version.last < seen.last || version.visits < seen.visits;
    this.seen = version;
    const db = openDb();
    let entries = this.entries;
    if (fresh) {
      // Hosts too: a wiped database hands out its ids again, and a new knowledge changes verdicts.
      entries = this.entries = [];
      this.hosts = new Map();
      this.visits = new Map();
      this.lastId = 0;
    }
    let unsorted = false;
    let started = performance.now();
    for await (const chunk of logChunks(db, this.scope, CHUNKS, this.lastId)) {
      if (this.cancelled) return;
      performance.measure('upstream:log-chunk', { start: started, detail: { rows: chunk.length } });
      const newHosts = chunk.filter((e) => !this.hosts.has(e.host)).map((e) => e.host);
      const newVisits = chunk.filter((e) => e.visit !== 0 && !this.visits.has(e.visit)).map((e) => e.visit);
      const [hosts, visits] = await Promise.all([logHosts(db, newHosts), logVisits(db, newVisits)]);
      if (this.cancelled) return;
      for (const [id, host] of hosts) this.hosts.set(id, host);
      for (const [id, visit] of visits) this.visits.set(id, visit);
      chunk.sort(byTime);
      const last = entries[entries.length - 1];
      if (last && chunk[0] && byTime(chunk[0], last) < 0) unsorted = true;
      for (const entry of chunk) entries.push(entry);
      for (const entry of chunk) if (entry.id > this.lastId) this.lastId = entry.id;
      this.entries = entries;
      this.show(true);
      started = performance.now();
    }
    if (this.cancelled) return;
    if (unsorted) this.entries.sort(byTime);
    this.show(false);
  }

  private show(loading: boolean): void {
    this.publish({ entries: this.entries, hosts: this.hosts, visits: this.visits, revision: ++revisions, loading });
  }
}

const EMPTY: RequestLog = { entries: [], hosts: new Map(), visits: new Map(), revision: 0, loading: true };

/** The scope's requests, live. `scopeKey` names the scope: a new key reads a new log. */
export function useRequestLog(scope: LogScope, scopeKey: string): RequestLog {
  const version = useLiveQuery(() => logVersion(openDb()), []);
  const [log, setLog] = useState<RequestLog>(EMPTY);
  const [loader, setLoader] = useState<LogLoader | null>(null);
  useEffect(() => {
    const next = new LogLoader(scope, setLog);
    setLog(EMPTY);
    setLoader(next);
    return () => {
      next.cancelled = true;
    };
  }, [scopeKey]);
  useEffect(() => {
    if (loader && version) loader.update(version);
  }, [loader, version]);
  return log;
}
