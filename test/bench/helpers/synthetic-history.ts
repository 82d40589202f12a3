/**
 * A large, realistic browsing history written straight into Upstream's database, for the
 * report benchmarks: N page visits spread over D days on a few hundred sites, each with its
 * third parties drawn (Zipf-like: a few companies everywhere, a long tail) from real tracker
 * hosts classified by the real knowledge, M request rows, and the daily roll-ups.
 *
 * Hosts and server IPs are classified in Node with the same classifier and knowledge
 * version the worker uses, so the worker sees them as current and leaves them alone; rows
 * are generated inside the extension page (shipping a million rows over CDP would measure
 * CDP); visits and their hour roll-ups are made in Node, with the store's own code.
 */
import type { Page } from 'playwright-core';
import { knowledgeClassifier, knowledgeVersion } from '../../../src/capture/knowledge-classifier.js';
import { hostRowOf } from '../../../src/store/classifier.js';
import { loadBuiltKnowledge } from '../../../src/cli/knowledge-fs.js';
import type { HostRow, IpRow, VisitRow } from '../../../src/store/schema.js';
import { buildRollupsOfRows } from '../../../src/store/visit-rollup-build.js';
import { DAYS, HOURS } from '../../../src/store/rollup-grains.js';
import { encodeRollup, type StoredRollup } from '../../../src/store/visit-rollup.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './variants.js';

export interface HistoryShape {
  visits: number;
  requests: number;
  days: number;
  sites: number;
  thirdPartyHosts: number;
  ips: number;
}

export interface HistoryTables {
  hosts: HostRow[];
  ips: IpRow[];
  /** host id of each site's own host; sites are hosts 1..sites */
  sites: number;
  /** third-party hosts are ids sites+1..sites+thirdPartyHosts */
  thirdParties: number;
}

/** Hosts and IPs, classified in Node by the real knowledge. */
export async function classifiedTables(shape: HistoryShape): Promise<HistoryTables> {
  const knowledge = await loadBuiltKnowledge(() => undefined);
  const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
  const classifier = knowledgeClassifier(knowledge, knowledgeVersion(knowledge, version));
  const owners = JSON.parse(readFileSync(path.join(ROOT, 'build', 'knowledge', 'owners.json'), 'utf8')) as { hosts: { keys: string } };
  // Every k-th catalogued host, so that big and small companies both appear.
  const catalogued = owners.hosts.keys.split('\n').filter(Boolean);
  const step = Math.max(1, Math.floor(catalogued.length / shape.thirdPartyHosts));
  const names = [
    ...Array.from({ length: shape.sites }, (_, i) => `www.site-${i}.example`),
    ...Array.from({ length: shape.thirdPartyHosts }, (_, i) => catalogued[(i * step) % catalogued.length]!),
  ];
  const hosts = names.map((n, i): HostRow => ({ id: i + 1, ...hostRowOf(n, classifier.version, classifier.host(n)) }));
  // Public addresses spread over the IPv4 space, located by the real tables.
  const ips = Array.from({ length: shape.ips }, (_, i): IpRow => {
    const a = `${((i * 37) % 223) + 1}.${(i * 91) % 256}.${(i * 13) % 256}.${(i % 250) + 1}`;
    return { id: i + 1, a, kv: classifier.version, asn: null, network: null, ...classifier.ip(a) };
  });
  return { hosts, ips, sites: shape.sites, thirdParties: shape.thirdPartyHosts };
}

/** Page visits over the history, drawn from a seed (Zipf-like: a few sites and third parties everywhere, a long tail). */
export function syntheticVisits(shape: HistoryShape, tables: HistoryTables, now: number): VisitRow[] {
  let seed = 42;
  const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const zipf = (n: number) => Math.min(n - 1, Math.floor(n ** random()) - 1);
  const ipOf = (host: number) => ((host * 7919) % tables.ips.length) + 1;
  const perVisit = Math.max(1, Math.round(shape.requests / shape.visits));
  const times = Array.from({ length: shape.visits }, () => now - random() * shape.days * DAY).sort((a, b) => a - b);
  return times.map((t, v): VisitRow => {
    const own = zipf(tables.sites) + 1;
    const third = new Set<number>();
    const wanted = 3 + Math.floor(random() * 30);
    for (let k = 0; k < wanted; k++) third.add(tables.sites + 1 + zipf(tables.thirdParties));
    const d = [own, ...third];
    const n = v === shape.visits - 1 ? shape.requests - perVisit * (shape.visits - 1) : perVisit;
    return {
      id: FIRST_VISIT_ID + v,
      t: Math.round(t),
      tab: 1_000_000 + (v % 50),
      u: `https://${tables.hosts[own - 1]!.n}/article/${v}`,
      s: tables.hosts[own - 1]!.d,
      h: own,
      c: 1,
      pr: 0,
      inf: 0,
      d,
      ip: [...new Set(d.map(ipOf))],
      n,
      x: Math.round(n * 0.02),
    };
  });
}

const DAY = 86_400_000;
/** clear of the ids capture hands out */
const FIRST_VISIT_ID = 1_000_000;

/**
 * Writes the history into the extension's database from one of its pages: hosts, IPs,
 * visits and their roll-ups per hour and per day (built here by the store's own code), then the request
 * rows and daily roll-ups, generated in the page. Returns the rows written per table.
 */
export async function writeHistory(page: Page, tables: HistoryTables, visits: VisitRow[]): Promise<Record<string, number>> {
  const hostTable = new Map(tables.hosts.map((h) => [h.id!, h]));
  const ipTable = new Map(tables.ips.map((i) => [i.id!, i]));
  const hours = [...buildRollupsOfRows(visits, hostTable, ipTable, HOURS).values()].map(encodeRollup);
  const days = [...buildRollupsOfRows(visits, hostTable, ipTable, DAYS).values()].map(encodeRollup);
  // tsx compiles named inner functions with esbuild's keepNames, which calls a `__name` helper the page lacks.
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  return page.evaluate(generate, { tables, visits, hours, days });
}

interface GenerateArgs {
  tables: HistoryTables;
  visits: VisitRow[];
  hours: StoredRollup[];
  days: StoredRollup[];
}

/** Runs in the extension page. Self-contained: no imports, only its arguments. */
async function generate({ tables, visits, hours, days }: GenerateArgs): Promise<Record<string, number>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('upstream');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const write = (store: string, rows: unknown[]) =>
    new Promise<void>((resolve, reject) => {
      const tx = db.transaction(store, 'readwrite');
      const target = tx.objectStore(store);
      for (const row of rows) target.put(row);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  await write('hosts', tables.hosts);
  await write('ips', tables.ips);
  await write('visits', visits);
  await write('hours', hours);
  await write('days', days);
  const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
  const ipOf = (host: number) => ((host * 7919) % tables.ips.length) + 1;
  const daily = new Map<
    string,
    { day: string; site: string; host: number; n: number; clear: number; cookies: number; referrer: number; failed: number }
  >();
  const dailyIps = new Map<string, { day: string; site: string; host: number; ip: number; n: number }>();
  let requests: unknown[] = [];
  let written = 0;
  for (const visit of visits) {
    const day = dayOf(visit.t);
    for (let r = 0; r < visit.n; r++) {
      const h = visit.d[r % visit.d.length]!;
      const cleartext = r < (visit.x ?? 0);
      requests.push({
        t: visit.t + r * 40,
        v: visit.id,
        f: 0,
        h,
        c: cleartext ? 2 : 1,
        p: `/asset/${r}.js`,
        m: 1,
        y: 4,
        o: 0,
        s: 200,
        i: ipOf(h),
        b: h === visit.h ? 0 : 1,
      });
      const key = `${day}|${visit.s}|${h}`;
      const row = daily.get(key) ?? { day, site: visit.s, host: h, n: 0, clear: 0, cookies: 0, referrer: 0, failed: 0 };
      row.n++;
      if (cleartext) row.clear++;
      daily.set(key, row);
      const ipKey = `${day}|${visit.s}|${h}|${ipOf(h)}`;
      const ipRow = dailyIps.get(ipKey) ?? { day, site: visit.s, host: h, ip: ipOf(h), n: 0 };
      ipRow.n++;
      dailyIps.set(ipKey, ipRow);
    }
    written += visit.n;
    if (requests.length >= 25_000) {
      await write('requests', requests);
      requests = [];
    }
  }
  await write('requests', requests);
  await write('daily', [...daily.values()]);
  await write('dailyIps', [...dailyIps.values()]);
  db.close();
  return {
    visits: visits.length,
    hours: hours.length,
    days: days.length,
    requests: written,
    daily: daily.size,
    dailyIps: dailyIps.size,
    hosts: tables.hosts.length,
    ips: tables.ips.length,
  };
}
