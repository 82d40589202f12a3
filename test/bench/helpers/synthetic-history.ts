/**
 * A large, realistic browsing history written straight into Upstream's database, for the
 * report benchmarks: N page visits spread over D days on a few hundred sites, each with its
 * third parties drawn (Zipf-like: a few companies everywhere, a long tail) from real tracker
 * hosts classified by the real knowledge, M request rows, and the daily roll-ups.
 *
 * Hosts and server IPs are classified in Node with the same classifier and knowledge
 * version the worker uses, so the worker sees them as current and leaves them alone; rows
 * are generated inside the extension page from a seed (shipping a million rows over CDP
 * would measure CDP).
 */
import type { Page } from 'playwright-core';
import { knowledgeClassifier, knowledgeVersion } from '../../../src/capture/knowledge-classifier.js';
import { loadBuiltKnowledge } from '../../../src/cli/knowledge-fs.js';
import type { HostRow, IpRow } from '../../../src/store/schema.js';
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
  const hosts = names.map((n, i): HostRow => ({ id: i + 1, n, kv: classifier.version, ...classifier.host(n) }));
  // Public addresses spread over the IPv4 space, located by the real tables.
  const ips = Array.from({ length: shape.ips }, (_, i): IpRow => {
    const a = `${(i * 37) % 223 + 1}.${(i * 91) % 256}.${(i * 13) % 256}.${(i % 250) + 1}`;
    return { id: i + 1, a, kv: classifier.version, ...classifier.ip(a) };
  });
  return { hosts, ips, sites: shape.sites, thirdParties: shape.thirdPartyHosts };
}

interface GenerateArgs {
  shape: HistoryShape;
  tables: HistoryTables;
  now: number;
}

/** Writes the history into the extension's database from one of its pages; returns the rows written. */
export async function writeHistory(page: Page, shape: HistoryShape, tables: HistoryTables, now: number): Promise<Record<string, number>> {
  // tsx compiles named inner functions with esbuild's keepNames, which calls a `__name` helper the page lacks.
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  return page.evaluate(generate, { shape, tables, now });
}

/** Runs in the extension page. Self-contained: no imports, only its arguments. */
async function generate({ shape, tables, now }: GenerateArgs): Promise<Record<string, number>> {
  let seed = 42;
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  // Zipf-like pick in [0, n): small indices much more often.
  const zipf = (n: number) => Math.min(n - 1, Math.floor(n ** random()) - 1);
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

  const DAY = 86_400_000;
  const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
  const ipOf = (host: number) => ((host * 7919) % tables.ips.length) + 1;
  const perVisit = Math.max(1, Math.round(shape.requests / shape.visits));
  const times = Array.from({ length: shape.visits }, () => now - random() * shape.days * DAY).sort((a, b) => a - b);
  const visits: unknown[] = [];
  const daily = new Map<string, { day: string; site: string; host: number; n: number; clear: number; cookies: number; referrer: number; failed: number }>();
  const dailyIps = new Map<string, { day: string; site: string; ip: number; n: number }>();
  let requests: unknown[] = [];
  let written = 0;
  const firstVisitId = 1_000_000; // clear of the ids capture hands out
  for (let v = 0; v < shape.visits; v++) {
    const siteIndex = zipf(tables.sites);
    const own = siteIndex + 1;
    const site = tables.hosts[own - 1]!.d;
    const third = new Set<number>();
    const wanted = 3 + Math.floor(random() * 30);
    for (let k = 0; k < wanted; k++) third.add(tables.sites + 1 + zipf(tables.thirdParties));
    const d = [own, ...third];
    const ipIds = [...new Set(d.map(ipOf))];
    const t = times[v]!;
    const n = v === shape.visits - 1 ? shape.requests - written : perVisit;
    let clear = 0;
    for (let r = 0; r < n; r++) {
      const h = d[r % d.length]!;
      const cleartext = random() < 0.02;
      if (cleartext) clear++;
      requests.push({ t: Math.round(t + r * 40), v: firstVisitId + v, f: 0, h, c: cleartext ? 2 : 1, p: `/asset/${r}.js`, m: 1, y: 4, o: 0, s: 200, i: ipOf(h), b: h === own ? 0 : 1 });
      const key = `${dayOf(t)}|${site}|${h}`;
      const row = daily.get(key) ?? { day: dayOf(t), site, host: h, n: 0, clear: 0, cookies: 0, referrer: 0, failed: 0 };
      row.n++;
      if (cleartext) row.clear++;
      daily.set(key, row);
      const ipKey = `${dayOf(t)}|${site}|${ipOf(h)}`;
      const ipRow = dailyIps.get(ipKey) ?? { day: dayOf(t), site, ip: ipOf(h), n: 0 };
      ipRow.n++;
      dailyIps.set(ipKey, ipRow);
    }
    written += n;
    visits.push({ id: firstVisitId + v, t: Math.round(t), tab: 1_000_000 + (v % 50), u: `https://${tables.hosts[own - 1]!.n}/article/${v}`, s: site, h: own, c: 1, pr: 0, inf: 0, d, ip: ipIds, n, x: clear });
    if (requests.length >= 25_000) {
      await write('requests', requests);
      requests = [];
    }
  }
  await write('requests', requests);
  await write('visits', visits);
  await write('daily', [...daily.values()]);
  await write('dailyIps', [...dailyIps.values()]);
  db.close();
  return { visits: visits.length, requests: written, daily: daily.size, dailyIps: dailyIps.size, hosts: tables.hosts.length, ips: tables.ips.length };
}
