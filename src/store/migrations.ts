/**
 * The database's schema history, oldest first. Dexie upgrades an old profile by walking
 * these steps in order, so a step is never removed or edited once released: a change to the
 * schema is a new step at the end, named after what it fixes.
 */
import type { Transaction } from 'dexie';
import type { DailyIpRow, HostRow, IpRow, RequestRow, VisitRow } from './schema.js';
import { encodeRollup } from './visit-rollup.js';
import { hostTable, visitFacts } from './rows-to-facts.js';
import { buildRollups } from './visit-rollup-build.js';
import { DAYS, HOURS, type Grain } from './rollup-grains.js';
import { dayOf } from './url-parts.js';

export interface SchemaStep {
  version: number;
  /** Dexie's store specs: primary key, then indexes; null drops the table */
  stores: Record<string, string | null>;
  /** fills what the new tables or keys need from the rows already stored */
  upgrade?: (tx: Transaction) => Promise<void>;
}

/** Builds one grain of page-visit roll-ups from every visit already stored. */
async function buildStoredRollups(tx: Transaction, grain: Grain): Promise<void> {
  const visits = ((await tx.table('visits').toArray()) as VisitRow[]).map(visitFacts);
  const hosts = hostTable((await tx.table('hosts').toArray()) as HostRow[]);
  const ips = new Map(((await tx.table('ips').toArray()) as IpRow[]).map((i) => [i.id!, i]));
  await tx.table(grain.table).bulkPut([...buildRollups(visits, hosts, ips, grain).values()].map(encodeRollup));
}

/** v3: reports read a few hundred hour rows instead of every visit (visit-rollup.ts). */
function buildHourRollups(tx: Transaction): Promise<void> {
  return buildStoredRollups(tx, HOURS);
}

/** v4: a week reads 7 day rows instead of 168 hour rows. */
function buildDayRollups(tx: Transaction): Promise<void> {
  return buildStoredRollups(tx, DAYS);
}

/**
 * v6: server addresses per day gain the host, so a company's servers can be told from the
 * others'. Rebuilt from the raw requests still kept; older days lose their server addresses.
 */
async function rebuildDailyServersWithHosts(tx: Transaction): Promise<void> {
  const siteOf = new Map(((await tx.table('visits').toArray()) as VisitRow[]).map((v) => [v.id, v.s]));
  const rows = new Map<string, DailyIpRow>();
  await tx.table('requests').each((r: RequestRow) => {
    if (!r.i) return;
    const site = r.v ? siteOf.get(r.v) : r.ps;
    if (site === undefined) return;
    const day = dayOf(r.t);
    const key = `${day}\u0000${site}\u0000${r.h}\u0000${r.i}`;
    const row = rows.get(key) ?? { day, site, host: r.h, ip: r.i, n: 0 };
    row.n++;
    rows.set(key, row);
  });
  await tx.table('dailyIps').bulkPut([...rows.values()]);
}

export const SCHEMA_STEPS: readonly SchemaStep[] = [
  // The first schema. Requests are found by visit (a page's requests, forgetting a site) and
  // pruned by id, which grows with time, so they need no time index.
  {
    version: 1,
    stores: {
      requests: '++id, v',
      visits: 'id, t, s',
      hosts: '++id, &n',
      ips: '++id, &a',
      daily: '[day+site+host], day, site',
      dailyIps: '[day+site+ip], day, site',
      meta: 'key',
    },
  },
  // The popup finds the page a tab shows by the tab's newest visit.
  { version: 2, stores: { visits: 'id, t, s, [tab+t]' } },
  { version: 3, stores: { hours: 'h' }, upgrade: buildHourRollups },
  { version: 4, stores: { days: 'h' }, upgrade: buildDayRollups },
  // IndexedDB cannot change a primary key: the table goes (5), then comes back keyed by host too (6).
  { version: 5, stores: { dailyIps: null } },
  { version: 6, stores: { dailyIps: '[day+site+host+ip], day, site' }, upgrade: rebuildDailyServersWithHosts },
];
