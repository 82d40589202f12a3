import { attributeRequest, closeTab, startNavigation, type VisitChange } from './page-context.js';
import type { CaptureEvent, JournalEntry, Observation, WitnessReport } from '../shared/types.js';
import { addSeq, hasSeq } from './seq-set.js';
import { firstReport, noteRecorded, noteRecoveredRow, noteWorkerEvent, noteWorkerStart, reconcile, takeRecoveredRow, typeOfKind, urlHash } from './witness-reconcile.js';
import type { Classifier } from '../store/classifier.js';
import { loadCaptureState, saveCaptureState, type CaptureState } from './capture-state.js';
import type { UpstreamDb } from '../store/db.js';
import type { Interner } from '../store/interner.js';
import { RollupBatch } from '../store/rollups.js';
import type { DailyRowCache } from '../store/daily-cache.js';
import { updateRollups } from '../store/visit-rollups.js';
import { FLAGS, METHODS, OUTCOMES, TYPES, code, type RequestRow, type VisitRow } from '../store/schema.js';
import type { Settings } from '../store/settings.js';
import { siteOf, isExcluded } from '../store/sites.js';
import { dayOf, storedUrl, urlParts } from '../store/url-parts.js';
import { reachedReceiver } from '../store/reach.js';

export interface IngestResult {
  stored: number;
  /** dropped on purpose: paused, excluded site, not a network URL */
  skipped: number;
  /** already stored by an earlier batch (a restarted worker re-reading its journal) */
  duplicates: number;
}

/**
 * Stores a batch of journal entries in one transaction: request rows, page visits,
 * daily roll-ups, interned hosts and IPs, and the capture state. Either all of it lands
 * or none does, so a batch can be retried safely. `dailyCache`: the daily rows this worker
 * wrote last (daily-cache.ts); the caller commits or clears it once the transaction is over.
 */
export async function ingest(db: UpstreamDb, entries: JournalEntry[], classifier: Classifier, settings: Settings, interner: Interner, dailyCache?: DailyRowCache): Promise<IngestResult> {
  const result: IngestResult = { stored: 0, skipped: 0, duplicates: 0 };
  await db.transaction('rw', [db.requests, db.visits, db.hosts, db.ips, db.daily, db.dailyIps, db.meta, db.hours, db.days], async () => {
    const state = await loadCaptureState(db);
    const fresh = entries.filter((entry) => !hasSeq(state.drained[entry.worker]?.[0] ?? [], entry.seq));
    result.duplicates = entries.length - fresh.length;
    const batch = new BatchWriter(db, classifier, settings, interner, state, dailyCache);
    for (const entry of fresh) {
      const drained = (state.drained[entry.worker] ??= [[], 0]);
      addSeq(drained[0], entry.seq);
      drained[1] = Date.now();
      const { event } = entry;
      if (event.kind === 'request' || event.kind === 'navigation') noteWorkerEvent(state.witness, entry.worker, eventTime(event));
      if (event.kind === 'worker-start') {
        noteWorkerStart(state.witness, entry.worker, event.time, event.ready);
        continue;
      }
      if (event.kind === 'tab-closed') closeTab(state.pages, event.tabId, event.time);
      else if (event.kind === 'navigation') batch.visit(startNavigation(state.pages, event.navigation).visit);
      else if (event.kind === 'witness') batch.witness(event.witness, event.time);
      else batch.request(event.request);
    }
    // The state is complete once the batch is read (only rows recovered from a page's report
    // add to it, once their ids are known), so it is written with the batch's rows, not after.
    const { stored, skipped } = await batch.commit(() => saveCaptureState(db, state, Date.now()));
    result.stored = stored;
    result.skipped = skipped;
  });
  return result;
}

function eventTime(event: CaptureEvent): number {
  if (event.kind === 'request') return event.request.time;
  if (event.kind === 'navigation') return event.navigation.time;
  return event.time;
}

interface PendingRequest {
  obs: Observation;
  visitId: number;
  recovered?: boolean;
  /** id of the recovered row this webRequest record completes */
  replaces?: number;
}

/**
 * The server a request reached, as far as it is known. An answer from the cache places none
 * (docs/report-figures.md): both browsers say fromCache for a copy used as it was and for one
 * the server was asked about first (304); Chrome gives the address the copy once came from
 * for both, Firefox only for the second (seen in Chromium 156 and Firefox ESR with
 * test/fixtures/sites/cache.example). One rule for both browsers: no address.
 */
function serverAddress(obs: Observation): string | null {
  return obs.fromCache ? null : obs.ip;
}

/** A request as webRequest would have reported it, from a page's witness entry. */
function witnessedObservation(report: WitnessReport, index: number, entry: WitnessReport['entries'][number]): Observation {
  const type = typeOfKind(entry.kind);
  return {
    requestId: `w${report.tabId}.${report.frameId}.${entry.start}.${index}`, time: entry.end, url: entry.url,
    method: entry.kind === 'beacon' ? 'POST' : 'GET', type, tabId: report.tabId, frameId: report.frameId, parentFrameId: -1,
    initiator: report.documentUrl, topUrl: null, documentId: null, documentLifecycle: null, frameType: null, outcome: 'completed',
    statusCode: entry.status || null, ip: null, fromCache: false, redirectUrl: null, error: null, cookies: null, referrer: null,
  };
}

/** Accumulates one batch in memory, then writes it with a handful of bulk operations. */
class BatchWriter {
  private readonly changes: VisitChange[] = [];
  private readonly pending: PendingRequest[] = [];
  /** "visit url" → pending items recovered in this batch, not yet stored */
  private readonly recoveredHere = new Map<string, PendingRequest[]>();
  /** the visits this batch touches, as they were before it (for the hour roll-ups) */
  private readonly before = new Map<number, VisitRow>();

  constructor(
    private readonly db: UpstreamDb,
    private readonly classifier: Classifier,
    private readonly settings: Settings,
    private readonly interner: Interner,
    private readonly state: CaptureState,
    private readonly dailyCache: DailyRowCache | undefined,
  ) {}

  visit(change: VisitChange | null): void {
    if (change) this.changes.push(change);
  }

  request(obs: Observation): void {
    const { visitId, visit } = attributeRequest(this.state.pages, obs);
    this.visit(visit);
    const key = `${visitId} ${urlHash(obs.url)}`;
    const inBatch = obs.outcome === 'redirected' ? undefined : this.recoveredHere.get(key)?.shift();
    if (inBatch) {
      // Its page's report came first in this very batch: the original takes the recovered one's place.
      inBatch.obs = obs;
      inBatch.recovered = false;
      return;
    }
    const replaces = obs.outcome === 'redirected' ? null : takeRecoveredRow(this.state.witness, visitId, obs.url);
    if (replaces !== null) this.pending.push({ obs, visitId, replaces });
    else {
      if (obs.outcome !== 'redirected') noteRecorded(this.state.witness, visitId, obs.url, obs.time);
      this.pending.push({ obs, visitId });
    }
  }

  /** A page's own list of what it loaded: what webRequest missed is recorded from it. */
  witness(report: WitnessReport, time: number): void {
    if (report.id !== undefined && !firstReport(this.state.witness, report.tabId, report.frameId, report.id, time)) return;
    report.entries.forEach((entry, index) => {
      const obs = witnessedObservation(report, index, entry);
      // Frames' own documents are reported by their parent frame's webRequest records, not here.
      const { visitId } = attributeRequest(this.state.pages, { ...obs, type: obs.type === 'sub_frame' ? 'other' : obs.type });
      if (visitId && reconcile(this.state.witness, { tabId: report.tabId, frameId: report.frameId, visitId, url: entry.url, start: entry.start, end: entry.end }, report.id === undefined) === 'recover') {
        const item: PendingRequest = { obs, visitId, recovered: true };
        this.pending.push(item);
        const key = `${visitId} ${urlHash(entry.url)}`;
        this.recoveredHere.set(key, [...(this.recoveredHere.get(key) ?? []), item]);
      }
    });
  }

  private paused(time: number): boolean {
    return this.settings.pausedSince !== null && time >= this.settings.pausedSince;
  }

  /** `saveState` writes the capture state; it runs with the batch's writes, or after them when recovered rows add to the state. */
  async commit(saveState: () => Promise<void>): Promise<{ stored: number; skipped: number }> {
    const visits = await this.applyVisitChanges();
    const rollups = new RollupBatch();
    const rows: RequestRow[] = [];
    const recoveredRows: { index: number; visitId: number; url: string; time: number }[] = [];
    const replacements: RequestRow[] = [];
    let skipped = 0;
    // Decide first what is kept, then store hosts and IPs of those only.
    const kept = this.pending.filter(({ obs, visitId }) => {
      const visit = visitId ? visits.get(visitId) : undefined;
      const parts = urlParts(obs.url);
      const pageSite = visit?.s ?? siteOf(obs.initiator, this.classifier);
      return !!parts?.host && !this.paused(obs.time) && !(visitId && !visit) && !isExcluded(pageSite, this.settings);
    });
    skipped = this.pending.length - kept.length;
    await this.interner.prepare(this.db, this.classifier, kept.map(({ obs }) => ({ url: obs.url, ip: serverAddress(obs) })));
    for (const { obs, visitId, recovered, replaces } of kept) {
      const visit = visitId ? visits.get(visitId) : undefined;
      const parts = urlParts(obs.url)!;
      const pageSite = visit?.s ?? siteOf(obs.initiator, this.classifier);
      const host = this.interner.host(parts.host)!;
      const address = serverAddress(obs);
      const ip = address ? this.interner.ip(address) : undefined;
      const pageHost = visit ? this.interner.hostById(visit.h) : undefined;
      const thirdParty = pageHost ? this.classifier.thirdParty(pageHost.n, host.n) : !!pageSite && pageSite !== host.d;
      const cookies = obs.cookies === true;
      const referrer = obs.referrer === true;
      // Nothing goes out for answers from the cache or requests that failed before sending.
      const headersUnknown = obs.cookies === null && !obs.fromCache && obs.outcome !== 'failed';
      const bits =
        (thirdParty ? FLAGS.thirdParty : 0) | (cookies ? FLAGS.cookies : 0) | (referrer ? FLAGS.referrer : 0) |
        (obs.fromCache ? FLAGS.fromCache : 0) | (parts.cleartext ? FLAGS.cleartext : 0) |
        (headersUnknown ? FLAGS.headersUnknown : 0) | (recovered ? FLAGS.recovered : 0);
      const row: RequestRow = {
        t: Math.round(obs.time), v: visitId, f: obs.frameType === 'outermost_frame' ? 0 : obs.frameId, h: host.id!, c: parts.scheme, p: parts.path,
        m: code(METHODS, obs.method), y: code(TYPES, obs.type), o: code(OUTCOMES, obs.outcome), s: obs.statusCode ?? 0,
        i: ip?.id ?? 0, b: bits,
      };
      if (this.settings.storeQueryStrings && parts.rest) row.q = parts.rest.slice(0, 2048);
      if (!visitId && pageSite) row.ps = pageSite;
      if (obs.error) row.e = obs.error;
      else if (obs.redirectUrl) row.e = urlParts(obs.redirectUrl)?.host ?? '';
      // Its receivers are those its requests reached: not a tracker an ad blocker stopped.
      const reached = reachedReceiver(obs.outcome === 'failed', obs.error, obs.ip !== null);
      if (visit) {
        if (!visit.d.includes(host.id!) && reached) visit.d.push(host.id!);
        if (ip && !visit.ip.includes(ip.id!)) visit.ip.push(ip.id!);
      }
      if (replaces !== undefined) {
        // Already counted when it was recovered: only the row gets the fuller details.
        replacements.push({ ...row, id: replaces });
        continue;
      }
      if (recovered) recoveredRows.push({ index: rows.length, visitId, url: obs.url, time: obs.time });
      rows.push(row);
      if (visit) {
        visit.n++;
        if (parts.cleartext) visit.x = (visit.x ?? 0) + 1;
      }
      rollups.add(dayOf(obs.time), pageSite ?? '', host.id!, ip?.id ?? 0, {
        clear: parts.cleartext, cookies, referrer, failed: obs.outcome === 'failed', blocked: !reached,
      });
    }
    const touched = new Set([...this.before.keys(), ...visits.keys()]);
    // Issued together rather than one after the other: each round trip awaited on its own is
    // one more wait for a busy machine to schedule the worker, and such waits are most of a
    // batch's time under load (DURABLE_WITHIN_MS in pipeline.ts counts on batches staying
    // short). Safe because a transaction runs its requests in the order they were issued:
    // the visits are put before updateRollups issues its first read (it rebuilds a damaged
    // bucket from the visits, this batch's changes included), and the other writes touch
    // tables nothing else here reads.
    const [ids] = await Promise.all([
      this.db.requests.bulkAdd(rows, { allKeys: true }),
      replacements.length ? this.db.requests.bulkPut(replacements) : undefined,
      visits.size ? this.db.visits.bulkPut([...visits.values()]) : undefined,
      rollups.write(this.db, this.dailyCache),
      updateRollups(this.db, [...touched].map((id) => ({ before: this.before.get(id), after: visits.get(id) })), {
        host: (id) => this.interner.hostById(id),
        ip: (id) => this.interner.ipById(id),
      }),
      recoveredRows.length ? undefined : saveState(),
    ]);
    if (recoveredRows.length) {
      for (const r of recoveredRows) noteRecoveredRow(this.state.witness, r.visitId, r.url, ids[r.index] as number, r.time);
      await saveState();
    }
    return { stored: rows.length + replacements.length, skipped };
  }

  /** Loads the visits this batch touches, applies new and changed visits, and drops excluded ones. */
  private async applyVisitChanges(): Promise<Map<number, VisitRow>> {
    const ids = [...new Set([...this.changes.map((c) => c.visitId), ...this.pending.map((p) => p.visitId)])].filter((id) => id > 0);
    const loaded = await this.db.visits.bulkGet(ids);
    const visits = new Map<number, VisitRow>();
    loaded.forEach((visit) => visit && visits.set(visit.id, visit));
    loaded.forEach((visit) => visit && this.before.set(visit.id, structuredClone(visit)));
    // Only hosts of pages that will be kept are stored: a paused or excluded page leaves nothing.
    const wanted = this.changes.filter((c) => !this.paused(c.time) && !isExcluded(siteOf(c.url, this.classifier), this.settings));
    await this.interner.prepare(this.db, this.classifier, wanted.map((c) => ({ url: c.url, ip: null })));
    for (const change of this.changes) {
      if (this.paused(change.time)) continue;
      let visit = visits.get(change.visitId);
      if (!visit) {
        const parts = urlParts(change.url);
        if (!parts?.host) continue;
        if (isExcluded(this.classifier.host(parts.host).d, this.settings)) continue;
        const host = this.interner.host(parts.host)!;
        visit = {
          id: change.visitId, t: Math.round(change.time), tab: change.tabId, u: storedUrl(change.url, this.settings.storeQueryStrings),
          s: host.d, h: host.id!, c: 0, pr: 0, inf: 0, d: [], ip: [], n: 0,
        };
        visits.set(visit.id, visit);
      }
      if (change.committed) {
        visit.c = 1;
        visit.u = storedUrl(change.url, this.settings.storeQueryStrings);
        const host = wanted.includes(change) ? this.interner.host(urlParts(change.url)?.host ?? '') : undefined;
        if (host) {
          visit.h = host.id!;
          visit.s = host.d;
        }
      }
      if (change.prerender) visit.pr = 1;
      if (change.activated) visit.pr = 0;
      if (change.inferred) visit.inf = 1;
    }
    const excluded = [...visits.values()].filter((visit) => isExcluded(visit.s, this.settings)).map((visit) => visit.id);
    if (excluded.length) {
      // A navigation that redirected onto an excluded site: drop what its first hops left.
      excluded.forEach((id) => visits.delete(id));
      await this.db.visits.bulkDelete(excluded);
      await this.db.requests.where('v').anyOf(excluded).delete();
    }
    return visits;
  }
}
