import type { UpstreamDb } from './db.js';
import type { DailyIpRow, DailyRow } from './schema.js';

export interface RollupFlags {
  clear: boolean;
  cookies: boolean;
  referrer: boolean;
  failed: boolean;
  /** failed before anything was sent (store/reach.ts) */
  blocked: boolean;
}

/**
 * Daily roll-ups, maintained as requests are written, so that reports over weeks and
 * months read a few thousand rows instead of every request.
 */
export class RollupBatch {
  private readonly daily = new Map<string, DailyRow>();
  private readonly dailyIps = new Map<string, DailyIpRow>();

  add(day: string, site: string, host: number, ip: number, flags: RollupFlags): void {
    const key = `${day}\u0000${site}\u0000${host}`;
    let row = this.daily.get(key);
    if (!row) this.daily.set(key, (row = { day, site, host, n: 0, clear: 0, cookies: 0, referrer: 0, failed: 0, blocked: 0 }));
    row.n++;
    if (flags.clear) row.clear++;
    if (flags.cookies) row.cookies++;
    if (flags.referrer) row.referrer++;
    if (flags.failed) row.failed++;
    if (flags.blocked) row.blocked = (row.blocked ?? 0) + 1;
    if (ip) {
      const ipKey = `${day}\u0000${site}\u0000${host}\u0000${ip}`;
      const ipRow = this.dailyIps.get(ipKey) ?? { day, site, host, ip, n: 0 };
      ipRow.n++;
      this.dailyIps.set(ipKey, ipRow);
    }
  }

  /**
   * Adds this batch's counts to the stored rows (inside the caller's transaction), the two
   * tables side by side: each awaited round trip is one more wait for the worker to be
   * scheduled, which is most of a batch's time on a busy machine (pipeline.ts, DURABLE_WITHIN_MS).
   */
  async write(db: UpstreamDb): Promise<void> {
    await Promise.all([this.writeDaily(db), this.writeDailyIps(db)]);
  }

  private async writeDaily(db: UpstreamDb): Promise<void> {
    const rows = [...this.daily.values()];
    if (!rows.length) return;
    const stored = await db.daily.bulkGet(rows.map((r) => [r.day, r.site, r.host] as [string, string, number]));
    rows.forEach((row, i) => {
      const old = stored[i];
      if (old) {
        row.n += old.n;
        row.clear += old.clear;
        row.cookies += old.cookies;
        row.referrer += old.referrer;
        row.failed += old.failed;
        row.blocked = (row.blocked ?? 0) + (old.blocked ?? 0);
      }
    });
    await db.daily.bulkPut(rows);
  }

  private async writeDailyIps(db: UpstreamDb): Promise<void> {
    const ipRows = [...this.dailyIps.values()];
    if (!ipRows.length) return;
    const storedIps = await db.dailyIps.bulkGet(ipRows.map((r) => [r.day, r.site, r.host, r.ip] as [string, string, number, number]));
    ipRows.forEach((row, i) => (row.n += storedIps[i]?.n ?? 0));
    await db.dailyIps.bulkPut(ipRows);
  }
}
