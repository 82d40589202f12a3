/**
 * Upkeep of the store, in Node over fake-indexeddb: retention, re-classification when the
 * knowledge changes, and what the pipeline does when the disk is full.
 */
import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import type { DBCore, DBCoreMutateRequest, DBCoreTable } from 'dexie';
import { UpstreamDb } from '../../src/store/db.js';
import { ingest } from '../../src/capture/ingest.js';
import { Journal, JOURNAL_PREFIX } from '../../src/capture/journal.js';
import { parseChunk } from '../../src/capture/journal-chunk.js';
import { Pipeline } from '../../src/capture/pipeline.js';
import { Interner } from '../../src/store/interner.js';
import { DEFAULT_SETTINGS, validateSettings, type Settings } from '../../src/store/settings.js';
import { domainOnlyClassifier } from '../../src/store/domain-only-classifier.js';
import { decodeRequest, lookups } from '../../src/store/decode.js';
import { applyRetention, isQuotaError } from '../../src/store/retention.js';
import { reclassify } from '../../src/store/reclassify.js';
import { forgetSite } from '../../src/store/controls.js';
import { dayOf } from '../../src/store/url-parts.js';
import type { Classifier } from '../../src/store/classifier.js';
import type { RequestRow } from '../../src/store/schema.js';
import type { StorageArea } from '../../src/shared/browser.js';
import type { CaptureEvent, JournalEntry } from '../../src/shared/types.js';
import { JournalWriter } from './helpers/journal.js';

let n = 0;
const freshDb = () => new UpstreamDb(`maintenance-${process.pid}-${++n}`);
const settings = (over: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, excludedSites: [], ...over });

const DAY = 24 * 60 * 60_000;
// Noon in mid-June: month arithmetic and day boundaries stay clear of edge cases.
const NOW = new Date(2026, 5, 15, 12, 0, 0).getTime();
const monthsAgo = (months: number, days = 0) => {
  const d = new Date(NOW);
  d.setMonth(d.getMonth() - months);
  return d.getTime() - days * DAY;
};

async function records(db: UpstreamDb) {
  const refs = lookups(await db.hosts.toArray(), await db.ips.toArray(), await db.visits.toArray());
  return (await db.requests.toArray()).map((row) => decodeRequest(row, refs));
}

// ---------------------------------------------------------------------------------------
// Retention
// ---------------------------------------------------------------------------------------

/** One page visit per entry, in time order (ids grow with time, as in real capture), each with two requests. */
async function browseHistory(db: UpstreamDb, pages: { site: string; time: number }[], tabId = 1) {
  const j = new JournalWriter();
  for (const { site, time } of pages) {
    j.navigate(`https://${site}/`, tabId, time);
    j.request({ url: `https://${site}/own.png`, tabId, time: time + 1, ip: '192.0.2.1' });
    j.request({ url: `https://tracker-of-${site}/p.gif`, tabId, time: time + 2, ip: '192.0.2.2' });
  }
  const result = await ingest(db, j.take(), domainOnlyClassifier, settings(), new Interner());
  expect(result.skipped).toBe(0);
}

// applyRetention (src/store/retention.ts line 41) reads
//   db.requests.orderBy(':id').until((r) => r.t >= rawCutoff).limit(5000).primaryKeys()
// `primaryKeys()` makes Dexie walk a key-only cursor (ctx.keysOnly, as nothing set isMatch),
// so the row handed to `until` is undefined and `r.t` throws a TypeError as soon as one
// request row exists. Retention never runs: every maintenance round fails ("maintenance
// failed" in the worker console) and nothing is ever pruned. Reading the rows
// (`.until(…).limit(5000).toArray()` then their ids) fixes it. The two tests below are the
// specification of retention; they fail only because of that crash.
test('retention: raw rows older than N days go, visits and roll-ups older than M months go, everything newer stays', async () => {
  const db = freshDb();
  const retention = settings({ rawRetentionDays: 10, rollupRetentionMonths: 2 });
  const rawCutoff = NOW - 10 * DAY;
  await browseHistory(db, [
    { site: 'ancient.example', time: monthsAgo(2, 5) }, // older than both limits
    { site: 'month-old.example', time: NOW - 31 * DAY }, // raw rows go, visit and roll-ups stay
    { site: 'edge.example', time: rawCutoff - 1 }, // its page request is 1 ms too old; its sub-resources (1 and 2 ms later) are not
    { site: 'recent.example', time: NOW - 3 * DAY },
    { site: 'today.example', time: NOW - 60_000 },
  ]);
  const before = await records(db);
  expect(before).toHaveLength(15);

  const result = await applyRetention(db, retention, NOW);

  const after = await records(db);
  const expectedKept = before.filter((r) => r.time >= rawCutoff);
  expect(after.map((r) => r.url)).toEqual(expectedKept.map((r) => r.url));
  expect(after.map((r) => r.url)).toEqual([
    'https://edge.example/own.png', 'https://tracker-of-edge.example/p.gif',
    'https://recent.example/', 'https://recent.example/own.png', 'https://tracker-of-recent.example/p.gif',
    'https://today.example/', 'https://today.example/own.png', 'https://tracker-of-today.example/p.gif',
  ]);
  expect(result.requests).toBe(before.length - after.length);
  // Visits: only the one older than 2 months is gone.
  expect((await db.visits.toArray()).map((v) => v.s)).toEqual(['month-old.example', 'edge.example', 'recent.example', 'today.example']);
  expect(result.visits).toBe(1);
  // Roll-ups: by day; the first day kept is the day of the cutoff.
  const firstDay = dayOf(monthsAgo(2));
  const days = [...new Set((await db.daily.toArray()).map((d) => d.day))];
  expect(days.every((day) => day >= firstDay)).toBe(true);
  expect(days).not.toContain(dayOf(monthsAgo(2, 5)));
  // One roll-up row per day, site and host: the page's own host and its tracker.
  expect((await db.daily.toArray()).map((d) => d.site).sort()).toEqual(
    ['edge.example', 'month-old.example', 'recent.example', 'today.example'].flatMap((s) => [s, s]).sort(),
  );
  expect((await db.dailyIps.toArray()).every((d) => d.day >= firstDay)).toBe(true);
  expect((await db.dailyIps.toArray()).map((d) => d.site)).not.toContain('ancient.example');
  expect(result.daily).toBe(2);
  // Running it again removes nothing more.
  expect(await applyRetention(db, retention, NOW)).toEqual({ requests: 0, visits: 0, daily: 0 });
});

test('retention prunes many thousand old raw rows in chunks and keeps the newer ones', async () => {
  const db = freshDb();
  const row = (t: number): RequestRow => ({ t, v: 0, f: 0, h: 1, c: 1, p: '/x', m: 1, y: 5, o: 0, s: 200, i: 0, b: 0 });
  const old = Array.from({ length: 12_345 }, (_, i) => row(NOW - 40 * DAY + i));
  const fresh = Array.from({ length: 100 }, (_, i) => row(NOW - DAY + i));
  await db.requests.bulkAdd([...old, ...fresh]);
  const result = await applyRetention(db, settings({ rawRetentionDays: 30 }), NOW);
  expect(result.requests).toBe(12_345);
  expect(await db.requests.count()).toBe(100);
  expect((await db.requests.toArray()).every((r) => r.t >= NOW - 30 * DAY)).toBe(true);
});

// The next two fail today first because of the crash above; with that fixed (checked with a
// corrected copy of applyRetention) each still fails for its own reason, described here.
//
// A privacy tool's retention must leave nothing of what it pruned. It deletes requests,
// visits and roll-ups, but the interned host and IP rows of the pruned pages stay for ever
// (src/store/retention.ts applyRetention never calls collectUnreferenced), so the hosts table
// still lists every site visited years ago.
test('retention leaves no trace of a site whose every visit, request and roll-up it pruned', async () => {
  const db = freshDb();
  await browseHistory(db, [
    { site: 'secret-clinic.example', time: monthsAgo(14) },
    { site: 'today.example', time: NOW - 60_000 },
  ]);
  const j = new JournalWriter('closer');
  j.entries.push({ worker: 'closer', seq: 0, event: { kind: 'tab-closed', tabId: 1, time: NOW } });
  await ingest(db, j.take(), domainOnlyClassifier, settings(), new Interner());
  await applyRetention(db, settings(), NOW);
  expect(await db.visits.where('s').equals('secret-clinic.example').count()).toBe(0);
  expect(await db.daily.where('site').equals('secret-clinic.example').count()).toBe(0);
  const everything = JSON.stringify(await Promise.all(db.tables.map((t) => t.toArray())));
  expect(everything).not.toContain('secret-clinic.example');
});

// Settings allow raw rows to be kept longer than visits (rawRetentionDays up to 3650,
// rollupRetentionMonths down to 1). Retention then deletes the visits of raw rows it keeps,
// and the next forget-site drops the hosts those rows point to (collectUnreferenced looks at
// visits and roll-ups, not at request rows): kept requests lose their page and their host.
test('requests cannot be kept longer than their page visits; with valid settings kept requests keep their page and host', async () => {
  // 60 days of requests with 1 month of visits would leave requests without their page.
  expect(() => validateSettings({ ...DEFAULT_SETTINGS, rawRetentionDays: 60, rollupRetentionMonths: 1 })).toThrow(/must not be longer/);
  const db = freshDb();
  await browseHistory(db, [
    { site: 'kept.example', time: NOW - 20 * DAY },
    { site: 'other.example', time: NOW - DAY },
  ]);
  await applyRetention(db, validateSettings({ ...DEFAULT_SETTINGS, rawRetentionDays: 28, rollupRetentionMonths: 1 }), NOW);
  await forgetSite(db, 'other.example');
  const kept = await records(db);
  expect(kept.map((r) => r.url)).toEqual(['https://kept.example/', 'https://kept.example/own.png', 'https://tracker-of-kept.example/p.gif']);
  for (const r of kept) {
    expect(r.host, `host of request ${r.id}`).not.toBe('');
    expect(r.pageUrl, `page of ${r.url}`).toBe('https://kept.example/');
  }
});

// ---------------------------------------------------------------------------------------
// Re-classification
// ---------------------------------------------------------------------------------------

/** A classifier whose verdicts say which version made them, and which counts what it was asked. */
function versioned(version: string) {
  const asked = { hosts: [] as string[], ips: [] as string[] };
  const classifier: Classifier = {
    version,
    host(host) {
      asked.hosts.push(host);
      return { ...domainOnlyClassifier.host(host), company: `${version} company of ${host}`, jurisdiction: version === 'v1' ? 'FR' : 'US', tracker: version === 'v1' ? null : { name: `t-${host}`, category: 'advertising' } };
    },
    ip(address) {
      asked.ips.push(address);
      return { country: version === 'v1' ? 'FR' : 'DE', asn: version === 'v1' ? 1 : 2, network: `${version} net ${address}` };
    },
    thirdParty: (page, request) => domainOnlyClassifier.thirdParty(page, request),
  };
  return { classifier, asked };
}

test('reclassify: every host and IP row of an older knowledge version gets the new verdict; rows of the current version are untouched', async () => {
  const db = freshDb();
  const v1 = versioned('v1');
  const v2 = versioned('v2');
  // 1,203 hosts and 40 IPs classified by v1 (more than two chunks of 500), through real ingestion.
  const j = new JournalWriter();
  j.navigate('https://page.example/', 1, NOW - 1000);
  for (let i = 0; i < 1202; i++) j.request({ url: `https://h${i}.example/x.gif`, ip: `192.0.2.${i % 40}`, time: NOW - 999 + i });
  await ingest(db, j.take(), v1.classifier, settings(), new Interner());
  // Then v2 arrives and classifies what is new; one of its rows carries a mark that a rewrite would erase.
  const k = new JournalWriter('second-worker');
  k.navigate('https://page.example/', 2, NOW);
  for (let i = 0; i < 30; i++) k.request({ url: `https://new${i}.example/x.gif`, ip: `198.51.100.${i}`, tabId: 2, time: NOW + i });
  await ingest(db, k.take(), v2.classifier, settings(), new Interner());
  const marked = (await db.hosts.where('n').equals('new0.example').first())!;
  await db.hosts.put({ ...marked, company: 'untouched mark' });
  const markedIp = (await db.ips.where('a').equals('198.51.100.0').first())!;
  await db.ips.put({ ...markedIp, network: 'untouched mark' });

  const hostsBefore = await db.hosts.toArray();
  const ipsBefore = await db.ips.toArray();
  const requestsBefore = await db.requests.toArray();
  expect(hostsBefore.filter((h) => h.kv === 'v1')).toHaveLength(1203);
  expect(hostsBefore.filter((h) => h.kv === 'v2')).toHaveLength(30);
  expect(ipsBefore.filter((h) => h.kv === 'v1')).toHaveLength(40);

  v2.asked.hosts.length = 0;
  v2.asked.ips.length = 0;
  let steps = 0;
  const changed = await reclassify(db, v2.classifier, (work) => {
    steps++;
    return work();
  });

  expect(changed).toBe(1203 + 40);
  // Small transactions: three chunks of hosts (500, 500, 203) and one of IPs, each its own step.
  expect(steps).toBeGreaterThanOrEqual(4);
  const hostsAfter = await db.hosts.toArray();
  const ipsAfter = await db.ips.toArray();
  expect(hostsAfter.map((h) => [h.id, h.n])).toEqual(hostsBefore.map((h) => [h.id, h.n]));
  for (const host of hostsAfter) {
    expect(host.kv).toBe('v2');
    if (host.n === 'new0.example') expect(host.company).toBe('untouched mark');
    else expect(host).toMatchObject({ company: `v2 company of ${host.n}`, jurisdiction: 'US', tracker: { name: `t-${host.n}` } });
  }
  for (const ip of ipsAfter) {
    expect(ip.kv).toBe('v2');
    if (ip.a === '198.51.100.0') expect(ip.network).toBe('untouched mark');
    else expect(ip).toMatchObject({ country: 'DE', asn: 2, network: `v2 net ${ip.a}` });
  }
  // The classifier was asked about the stale rows only, each once.
  expect(v2.asked.hosts.sort()).toEqual(hostsBefore.filter((h) => h.kv === 'v1').map((h) => h.n).sort());
  expect(v2.asked.ips.sort()).toEqual(ipsBefore.filter((h) => h.kv === 'v1').map((h) => h.a).sort());
  // Request rows are not touched: they refer to the host and IP rows by id.
  expect(await db.requests.toArray()).toEqual(requestsBefore);
  // Nothing left to do the second time.
  expect(await reclassify(db, v2.classifier, (work) => work())).toBe(0);
});

// ---------------------------------------------------------------------------------------
// Quota
// ---------------------------------------------------------------------------------------

/** storage.session stand-in: an in-memory area with the same four methods. */
class FakeArea implements StorageArea {
  readonly items = new Map<string, unknown>();
  async get(keys: string | string[] | null): Promise<Record<string, unknown>> {
    const wanted = keys === null ? [...this.items.keys()] : Array.isArray(keys) ? keys : [keys];
    return Object.fromEntries(wanted.filter((k) => this.items.has(k)).map((k) => [k, structuredClone(this.items.get(k))]));
  }
  async set(items: Record<string, unknown>): Promise<void> {
    for (const [k, v] of Object.entries(items)) this.items.set(k, structuredClone(v));
  }
  async remove(keys: string | string[]): Promise<void> {
    for (const k of Array.isArray(keys) ? keys : [keys]) this.items.delete(k);
  }
  async clear(): Promise<void> {
    this.items.clear();
  }
  /** Events journaled: one write of the journal (a chunk) holds several. */
  journaled(): number {
    return this.journalEntries().length;
  }
  journalEntries(): JournalEntry[] {
    return [...this.items].filter(([k]) => k.startsWith(JOURNAL_PREFIX)).flatMap(([, value]) => parseChunk(value));
  }
}

/**
 * A full disk, as the browser reports it: once `left` is set to N, the next N writes
 * (add/put) to the requests table throw a DOMException named QuotaExceededError. Deleting
 * still works. Installed before the database opens (Dexie builds its stack on open).
 */
function fullDisk(db: UpstreamDb) {
  const state = { left: 0, thrown: 0 };
  db.use({
    stack: 'dbcore',
    name: 'full-disk',
    create: (down: DBCore) => ({
      ...down,
      table: (name: string): DBCoreTable => {
        const table = down.table(name);
        if (name !== 'requests') return table;
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) => {
            if ((req.type === 'add' || req.type === 'put') && state.left > 0) {
              state.left--;
              state.thrown++;
              return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
            }
            return table.mutate(req);
          },
        };
      },
    }),
  });
  return state;
}

/** Fills the store with `count` old raw rows (on one old page visit). */
async function fillWithOldRows(db: UpstreamDb, count: number) {
  const j = new JournalWriter('old-worker');
  j.navigate('https://old.example/', 9, NOW - 5 * DAY);
  for (let i = 1; i < count; i++) j.request({ url: `https://old-cdn.example/${i}.gif`, tabId: 9, time: NOW - 5 * DAY + i });
  await ingest(db, j.take(), domainOnlyClassifier, settings(), new Interner());
  expect(await db.requests.count()).toBe(count);
}

/** A page visit (a navigation event and its page request) and count - 1 more requests: count rows. */
function newEvents(count: number, tabId = 3): CaptureEvent[] {
  const j = new JournalWriter('unused');
  j.navigate('https://fresh.example/', tabId, Date.now());
  for (let i = 1; i < count; i++) j.request({ url: `https://fresh-cdn.example/${i}.gif`, tabId });
  return j.take().map((entry) => entry.event);
}

function pipelineOver(db: UpstreamDb) {
  const area = new FakeArea();
  const journal = new Journal(area);
  const pipeline = new Pipeline({ db, journal, classifier: async () => domainOnlyClassifier, settings: async () => settings() });
  return { area, journal, pipeline };
}

test('the quota stand-in really looks like a full disk to the store', async () => {
  const db = freshDb();
  const disk = fullDisk(db);
  disk.left = 1;
  const error = await db.requests.add({ t: 1, v: 0, f: 0, h: 1, c: 1, p: '/', m: 1, y: 5, o: 0, s: 200, i: 0, b: 0 }).catch((e: unknown) => e);
  expect(isQuotaError(error)).toBe(true);
  await db.requests.add({ t: 1, v: 0, f: 0, h: 1, c: 1, p: '/', m: 1, y: 5, o: 0, s: 200, i: 0, b: 0 });
  expect(await db.requests.count()).toBe(1);
});

test('quota: the pipeline prunes the oldest raw rows, retries, and stores every new event', async () => {
  const db = freshDb();
  const disk = fullDisk(db);
  await fillWithOldRows(db, 3000);
  const oldIds = (await db.requests.toCollection().primaryKeys()) as number[];
  disk.left = 2;
  const { area, journal, pipeline } = pipelineOver(db);
  const events = newEvents(40);
  for (const event of events) pipeline.push(event);
  await pipeline.flush();

  expect(disk.thrown).toBe(2);
  expect(pipeline.stats).toMatchObject({ stored: 40, skipped: 0, failures: 2 });
  expect(pipeline.stats.lastError).toMatch(/quota/i);
  // Every new event is there, attributed to its page.
  const stored = await records(db);
  const fresh = stored.filter((r) => r.url.includes('fresh'));
  expect(fresh).toHaveLength(40);
  expect(new Set(fresh.map((r) => r.pageUrl))).toEqual(new Set(['https://fresh.example/']));
  // Room was made by dropping the oldest raw rows: 1,000 per failed attempt, oldest first.
  const remainingOld = ((await db.requests.toCollection().primaryKeys()) as number[]).filter((id) => oldIds.includes(id));
  expect(remainingOld).toEqual(oldIds.slice(2000));
  // The roll-ups still count the pruned requests: only raw detail was given up.
  const oldDaily = (await db.daily.where('site').equals('old.example').toArray()).reduce((sum, d) => sum + d.n, 0);
  expect(oldDaily).toBe(3000);
  // Nothing waits any more, in memory or in the session journal.
  expect(journal.size).toBe(0);
  expect(area.journaled()).toBe(0);
});

test('quota: when pruning does not help at once, the batch stays journaled and is stored on a later retry', async () => {
  test.setTimeout(20_000);
  const db = freshDb();
  const disk = fullDisk(db);
  await fillWithOldRows(db, 6000);
  disk.left = 5; // more failures than one flush retries
  const { area, journal, pipeline } = pipelineOver(db);
  const events = newEvents(25); // a navigation and 25 requests
  expect(events).toHaveLength(26);
  for (const event of events) pipeline.push(event);
  await pipeline.flush();
  // The first flush gave up after its retries: nothing of the batch is lost, it waits.
  expect(pipeline.stats.stored).toBe(0);
  expect(pipeline.stats.failures).toBe(4);
  expect(journal.size).toBe(26);
  expect(area.journaled()).toBe(26);
  // The pipeline retries by itself.
  await expect.poll(async () => (await records(db)).filter((r) => r.url.includes('fresh')).length, { timeout: 10_000 }).toBe(25);
  expect(disk.thrown).toBe(5);
  expect(pipeline.stats.stored).toBe(25);
  await expect.poll(() => area.journaled()).toBe(0);
  expect(journal.size).toBe(0);
});

// ---------------------------------------------------------------------------------------
// Wipe and the journal
// ---------------------------------------------------------------------------------------

/** A storage area whose answers the test releases by hand, to order them as a busy browser may. */
class GatedArea extends FakeArea {
  private readonly gates: { kind: 'get' | 'set'; open: () => void }[] = [];
  private gate(kind: 'get' | 'set'): Promise<void> {
    return new Promise((open) => this.gates.push({ kind, open }));
  }
  override async get(keys: string | string[] | null) {
    await this.gate('get');
    return super.get(keys);
  }
  override async set(items: Record<string, unknown>) {
    await this.gate('set');
    return super.set(items);
  }
  /** Lets the waiting calls of one kind through. */
  async release(kind: 'get' | 'set'): Promise<void> {
    for (const gate of this.gates.filter((g) => g.kind === kind)) {
      this.gates.splice(this.gates.indexOf(gate), 1);
      gate.open();
    }
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

// Journal.append (src/capture/journal.ts) writes each event to storage.session without
// waiting; Journal.clear (called by the wipe command) awaits the list of journal keys, then
// empties the in-memory queue and removes the keys it listed. An event whose write is still
// in flight when the list is taken, or that arrives while clear awaits it, is dropped from
// memory while its entry lands in storage.session, released by nobody. This worker never
// looks at its own entries again; the next worker instance stores them as leftovers: events
// that arrived during the wipe are recorded only after a restart, and one written just before
// the wipe is recorded after it (a request from before the wipe reappears in the wiped store).
// Seen in the browser too: wiping during a burst of requests left such entries in 4 of 6
// runs (e.g. "j:…:69 request https://tick-sink.example/…/68.gif at wipe +109 ms").
// Suggested fix: in clear, empty the queue first, await the writes in flight (keep their
// promises), then list and remove every journal key; or bump a journal generation on wipe
// and drop leftovers of older generations.
test('after a wipe, no journal entry is left that nothing will release', async () => {
  const area = new GatedArea();
  const journal = new Journal(area);
  const [before, during] = newEvents(2);
  journal.append(before!); // seen before the wipe; its write is still on its way
  const clearing = journal.clear();
  journal.append(during!); // arrives while the wipe lists the journal
  // Let every gated call through, in whatever order the wipe makes them, until it is done.
  let cleared = false;
  void clearing.then(() => (cleared = true));
  while (!cleared) {
    await area.release('get');
    await area.release('set');
  }
  const queued = journal.take(100).entries.map((entry) => entry.seq);
  const left = area.journalEntries().map((entry) => entry.seq);
  // Both are in storage.session, in no queue: the next worker stores them as leftovers,
  // the event from before the wipe included.
  expect(left.filter((seq) => !queued.includes(seq)), 'journaled, but neither queued nor removed').toEqual([]);
});
