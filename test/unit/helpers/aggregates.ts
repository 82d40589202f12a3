/**
 * For the tests of aggregates that wait (capture/pending-aggregates.ts): a few batches of
 * browsing, what the daily rows and roll-ups hold, and the check that the roll-ups are what
 * the stored visits make.
 */
import { expect } from '@playwright/test';
import type { UpstreamDb } from '../../../src/store/db.js';
import { tryDecodeRollup } from '../../../src/store/visit-rollup.js';
import { buildRollupsOfRows } from '../../../src/store/visit-rollup-build.js';
import { GRAINS } from '../../../src/store/rollup-grains.js';
import type { JournalEntry } from '../../../src/shared/types.js';
import { JournalWriter } from './journal.js';

const T0 = Date.UTC(2026, 11, 7, 9, 59, 59, 500);

/** Three batches of one tab: a page, more of its requests (one blocked), the next page of another site. */
export function threeBatches(worker = 'test-worker'): JournalEntry[][] {
  const j = new JournalWriter(worker);
  j.navigate('https://news.example/a', 1, T0);
  j.request({ url: 'https://news.example/logo.png', ip: '192.0.2.1', time: T0 + 10 });
  j.request({ url: 'https://www.google-analytics.com/collect', ip: '192.0.2.2', cookies: true, time: T0 + 20 });
  const first = j.take();
  j.request({ url: 'http://cdn.example/a.js', type: 'script', ip: '192.0.2.2', time: T0 + 600 });
  j.request({
    url: 'https://tracker.example/p',
    type: 'ping',
    ip: '192.0.2.3',
    outcome: 'failed',
    error: 'net::ERR_BLOCKED_BY_CLIENT',
    time: T0 + 700,
  });
  const second = j.take();
  j.navigate('https://shop.example/', 1, T0 + 2000);
  j.request({ url: 'https://www.google-analytics.com/collect', ip: '192.0.2.2', time: T0 + 2100 });
  const third = j.take();
  return [first, second, third];
}

/** The daily rows and roll-ups, in an order that does not depend on how they were written. */
export async function aggregates(db: UpstreamDb) {
  const sort = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  return {
    daily: sort(await db.daily.toArray()),
    dailyIps: sort(await db.dailyIps.toArray()),
    hours: (await db.hours.orderBy('h').toArray()).map(tryDecodeRollup),
    days: (await db.days.orderBy('h').toArray()).map(tryDecodeRollup),
  };
}

/** The roll-ups at every grain are exactly what the stored visits make. */
export async function expectRollupsMatchVisits(db: UpstreamDb): Promise<void> {
  const visits = await db.visits.toArray();
  const hosts = new Map((await db.hosts.toArray()).map((h) => [h.id!, h]));
  const ips = new Map((await db.ips.toArray()).map((i) => [i.id!, i]));
  for (const grain of GRAINS) {
    // Keyed by the start of their hour (or day): in that order, as the table is.
    const built = [...buildRollupsOfRows(visits, hosts, ips, grain).entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
    expect((await db[grain.table].orderBy('h').toArray()).map(tryDecodeRollup), grain.table).toEqual(built);
  }
}
