import { edgeFromText, edgeText } from '../classify/edge-headers.js';
import type { UpstreamDb } from './db.js';
import type { DailyIpRow, DailyRow } from './schema.js';
import { DailyRowCache } from './daily-cache.js';

export interface RollupFlags {
  clear: boolean;
  cookies: boolean;
  referrer: boolean;
  failed: boolean;
  /** failed before anything was sent (store/reach.ts) */
  blocked: boolean;
  /** the CDN point of presence that answered, `cdn:POP`, when its headers named one */
  edge?: string | null;
}

/** Adds one row's answers by CDN point of presence to another's. */
function addEdges(to: DailyIpRow, from: Readonly<Record<string, number>> | undefined): void {
  if (!from) return;
  const edges = (to.edges ??= {});
  for (const edge of Object.keys(from)) edges[edge] = (Object.hasOwn(edges, edge) ? edges[edge]! : 0) + from[edge]!;
}

/**
 * Daily roll-ups, maintained as requests are written, so that reports over weeks and
 * months read a few thousand rows instead of every request.
 */
export class RollupBatch {
  private readonly daily = new Map<string, DailyRow>();
  private readonly dailyIps = new Map<string, DailyIpRow>();

  add(day: string, site: string, host: number, ip: number, flags: RollupFlags): void {
    const key = DailyRowCache.dailyKey({ day, site, host });
    let row = this.daily.get(key);
    if (!row) this.daily.set(key, (row = { day, site, host, n: 0, clear: 0, cookies: 0, referrer: 0, failed: 0, blocked: 0 }));
    row.n++;
    if (flags.clear) row.clear++;
    if (flags.cookies) row.cookies++;
    if (flags.referrer) row.referrer++;
    if (flags.failed) row.failed++;
    if (flags.blocked) row.blocked = (row.blocked ?? 0) + 1;
    if (ip) {
      const ipKey = DailyRowCache.ipKey({ day, site, host, ip });
      const ipRow = this.dailyIps.get(ipKey) ?? { day, site, host, ip, n: 0 };
      ipRow.n++;
      const edge = edgeFromText(flags.edge);
      if (edge !== null) addEdges(ipRow, { [edgeText(edge)]: 1 });
      this.dailyIps.set(ipKey, ipRow);
    }
  }

  /** This batch's counts, before they are written (write adds the stored counts to them). */
  counts(): { daily: DailyRow[]; ips: DailyIpRow[] } {
    return {
      daily: [...this.daily.values()].map((row) => ({ ...row })),
      ips: [...this.dailyIps.values()].map((row) => ({ ...row, ...(row.edges ? { edges: { ...row.edges } } : {}) })),
    };
  }

  /** Adds counts kept from earlier batches (capture/pending-aggregates.ts). */
  addCounts(counts: { daily: DailyRow[]; ips: DailyIpRow[] }): void {
    for (const row of counts.daily) {
      const key = DailyRowCache.dailyKey(row);
      const mine = this.daily.get(key);
      if (!mine) {
        this.daily.set(key, { ...row });
        continue;
      }
      mine.n += row.n;
      mine.clear += row.clear;
      mine.cookies += row.cookies;
      mine.referrer += row.referrer;
      mine.failed += row.failed;
      if (row.blocked) mine.blocked = (mine.blocked ?? 0) + row.blocked;
    }
    for (const row of counts.ips) {
      const key = DailyRowCache.ipKey(row);
      const mine = this.dailyIps.get(key);
      if (mine) {
        mine.n += row.n;
        addEdges(mine, row.edges);
      } else this.dailyIps.set(key, { ...row, ...(row.edges ? { edges: { ...row.edges } } : {}) });
    }
  }

  /**
   * Adds this batch's counts to the stored rows (inside the caller's transaction), the two
   * tables side by side: each awaited round trip is one more wait for the worker to be
   * scheduled, which is most of a batch's time on a busy machine (pipeline.ts, DURABLE_WITHIN_MS).
   * With `cache`, rows this worker wrote last are added to without being read again.
   */
  async write(db: UpstreamDb, cache?: DailyRowCache): Promise<void> {
    const [daily, ips] = await Promise.all([this.writeDaily(db, cache), this.writeDailyIps(db, cache)]);
    cache?.stage(daily, ips);
  }

  private async writeDaily(db: UpstreamDb, cache: DailyRowCache | undefined): Promise<DailyRow[]> {
    const rows = [...this.daily.entries()];
    if (!rows.length) return [];
    const unknown = rows.filter(([key]) => !cache?.dailyRow(key));
    // Nothing to read when the cache knows every row (each call costs a round of Dexie's promise machinery).
    const stored = unknown.length
      ? await db.daily.bulkGet(unknown.map(([, r]) => [r.day, r.site, r.host] as [string, string, number]))
      : [];
    const before = new Map(unknown.map(([key], i) => [key, stored[i]]));
    for (const [key, row] of rows) {
      const old = cache?.dailyRow(key) ?? before.get(key);
      if (old) {
        row.n += old.n;
        row.clear += old.clear;
        row.cookies += old.cookies;
        row.referrer += old.referrer;
        row.failed += old.failed;
        row.blocked = (row.blocked ?? 0) + (old.blocked ?? 0);
      }
    }
    const written = rows.map(([, row]) => row);
    await db.daily.bulkPut(written);
    return written;
  }

  private async writeDailyIps(db: UpstreamDb, cache: DailyRowCache | undefined): Promise<DailyIpRow[]> {
    const rows = [...this.dailyIps.entries()];
    if (!rows.length) return [];
    const unknown = rows.filter(([key]) => !cache?.ipRow(key));
    const stored = unknown.length
      ? await db.dailyIps.bulkGet(unknown.map(([, r]) => [r.day, r.site, r.host, r.ip] as [string, string, number, number]))
      : [];
    const before = new Map(unknown.map(([key], i) => [key, stored[i]]));
    for (const [key, row] of rows) {
      const old = cache?.ipRow(key) ?? before.get(key);
      if (!old) continue;
      row.n += old.n;
      addEdges(row, old.edges);
    }
    const written = rows.map(([, row]) => row);
    await db.dailyIps.bulkPut(written);
    return written;
  }
}
