import { attributeRequest, closeTab, startNavigation, type VisitChange } from './page-context.js';
import type { CaptureEvent, JournalEntry, Observation, WitnessReport } from '../shared/types.js';
import { addSeq, hasSeq } from './seq-set.js';
import { inGap, noteSwept, noteWorkerEvent, noteWorkerStart, SLACK_MS } from './witness-reconcile.js';
import { recoveredOriginals, unmatched, witnessCandidates, type Candidate } from './witness-ingest.js';
import { evidenceOf, evidenceText } from './witness-evidence.js';
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
import { dayOf, isWebPage, storedUrl, urlParts } from '../store/url-parts.js';
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
        noteWorkerStart(state.witness, entry.worker, event.time, event.ready, event.browserStart === true);
        continue;
      }
      if (event.kind === 'swept') {
        noteSwept(state.witness, event.until);
        continue;
      }
      if (event.kind === 'tab-closed') closeTab(state.pages, event.tabId, event.time);
      else if (event.kind === 'navigation') batch.visit(startNavigation(state.pages, event.navigation).visit);
      else if (event.kind === 'witness') batch.witness(event.witness);
      else batch.request(event.request);
    }
    // The state is complete once the batch is read, so it is written with the batch's rows.
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
  /** recovered from a page's list: what it showed of how it was answered (witness-page.ts FACTS) */
  recovered?: number;
  /** id of the recovered row this webRequest record completes */
  replaces?: number;
  /** it ended in a gap the pages' lists were read for: its request may have been recovered already */
  mayBeRecovered?: boolean;
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

/** Accumulates one batch in memory, then writes it with a handful of bulk operations. */
class BatchWriter {
  private readonly changes: VisitChange[] = [];
  private readonly pending: PendingRequest[] = [];
  /** entries of the pages' lists that may be missed requests, matched in commit() */
  private readonly witnessed: Candidate[] = [];
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
    const swept = this.state.witness.swept;
    const mayBeRecovered = obs.outcome !== 'redirected' && swept !== undefined && obs.time <= swept + SLACK_MS && inGap(this.state.witness, obs.time);
    this.pending.push(mayBeRecovered ? { obs, visitId, mayBeRecovered } : { obs, visitId });
  }

  /** A frame's own list of what it loaded: what webRequest missed is recovered from it (witness-ingest.ts). */
  witness(report: WitnessReport): void {
    const { candidates, visits } = witnessCandidates(this.state.pages, this.state.witness, report);
    visits.forEach((visit) => this.visit(visit));
    this.witnessed.push(...candidates);
  }

  private paused(time: number): boolean {
    return this.settings.pausedSince !== null && time >= this.settings.pausedSince;
  }

  /** `saveState` writes the capture state, with the batch's writes. */
  async commit(saveState: () => Promise<void>): Promise<{ stored: number; skipped: number }> {
    const visits = await this.applyVisitChanges();
    const rollups = new RollupBatch();
    const rows: RequestRow[] = [];
    const replacements: RequestRow[] = [];
    // Decide first what is kept, then store hosts and IPs of those only.
    const keep = ({ obs, visitId }: { obs: Observation; visitId: number }) => {
      const visit = visitId ? visits.get(visitId) : undefined;
      const parts = urlParts(obs.url);
      const pageSite = visit?.s ?? siteOf(obs.initiator, this.classifier);
      return !!parts?.host && !this.paused(obs.time) && !(visitId && !visit) && !isExcluded(pageSite, this.settings);
    };
    await this.recoverWitnessed(this.witnessed.filter(keep));
    const kept = this.pending.filter(keep);
    const skipped = this.pending.length - kept.length;
    await this.interner.prepare(this.db, this.classifier, kept.map(({ obs }) => ({ url: obs.url, ip: serverAddress(obs) })));
    await this.findOriginals(kept);
    for (const { obs, visitId, recovered, replaces } of kept) {
      const visit = visitId ? visits.get(visitId) : undefined;
      const parts = urlParts(obs.url)!;
      const pageSite = visit?.s ?? siteOf(obs.initiator, this.classifier);
      const host = this.interner.host(parts.host)!;
      const address = serverAddress(obs);
      const ip = address ? this.interner.ip(address) : undefined;
      const pageHost = visit ? this.interner.hostById(visit.h) : undefined;
      const thirdParty = pageHost ? this.classifier.thirdParty(pageHost.n, host.n) : !!pageSite && pageSite !== host.d;
      const unverified = recovered !== undefined && evidenceOf(recovered) === 'unverified';
      const cookies = obs.cookies === true;
      const referrer = obs.referrer === true;
      // Nothing goes out for answers from the cache or requests that failed before sending.
      const headersUnknown = obs.cookies === null && !obs.fromCache && obs.outcome !== 'failed';
      const bits =
        (thirdParty ? FLAGS.thirdParty : 0) | (cookies ? FLAGS.cookies : 0) | (referrer ? FLAGS.referrer : 0) |
        (obs.fromCache ? FLAGS.fromCache : 0) | (parts.cleartext ? FLAGS.cleartext : 0) |
        (headersUnknown ? FLAGS.headersUnknown : 0) | (recovered !== undefined ? FLAGS.recovered : 0) | (unverified ? FLAGS.unverified : 0);
      const row: RequestRow = {
        t: Math.round(obs.time), v: visitId, f: obs.frameType === 'outermost_frame' ? 0 : obs.frameId, h: host.id!, c: parts.scheme, p: parts.path,
        m: code(METHODS, obs.method), y: code(TYPES, obs.type), o: code(OUTCOMES, obs.outcome), s: obs.statusCode ?? 0,
        i: ip?.id ?? 0, b: bits,
      };
      if (this.settings.storeQueryStrings && parts.rest) row.q = parts.rest.slice(0, 2048);
      if (!visitId && pageSite) row.ps = pageSite;
      if (obs.error) row.e = obs.error;
      else if (obs.redirectUrl) row.e = urlParts(obs.redirectUrl)?.host ?? '';
      else if (recovered !== undefined) row.e = evidenceText(recovered);
      // Its receivers are those its requests reached: not a tracker an ad blocker stopped.
      const reached = !unverified && reachedReceiver(obs.outcome === 'failed', obs.error, obs.ip !== null);
      if (visit) {
        if (!visit.d.includes(host.id!) && reached) visit.d.push(host.id!);
        if (ip && !visit.ip.includes(ip.id!)) visit.ip.push(ip.id!);
      }
      if (replaces !== undefined) {
        // Already counted when it was recovered: only the row gets the fuller details.
        replacements.push({ ...row, id: replaces });
        continue;
      }
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
    await Promise.all([
      this.db.requests.bulkAdd(rows),
      replacements.length ? this.db.requests.bulkPut(replacements) : undefined,
      visits.size ? this.db.visits.bulkPut([...visits.values()]) : undefined,
      rollups.write(this.db, this.dailyCache),
      updateRollups(this.db, [...touched].map((id) => ({ before: this.before.get(id), after: visits.get(id) })), {
        host: (id) => this.interner.hostById(id),
        ip: (id) => this.interner.ipById(id),
      }),
      saveState(),
    ]);
    return { stored: rows.length + replacements.length, skipped };
  }

  /** The pages' entries no stored or recorded request matches were missed: recorded now. */
  private async recoverWitnessed(candidates: Candidate[]): Promise<void> {
    if (!candidates.length) return;
    await this.interner.prepare(this.db, this.classifier, candidates.map(({ obs }) => ({ url: obs.url, ip: null })));
    const missed = await unmatched(this.db, this.interner, candidates, this.pending.map((p) => p.obs));
    for (const { obs, visitId, facts } of missed) this.pending.push({ obs, visitId, recovered: facts });
  }

  /** Records of requests recovered before them complete the recovered row instead of adding one. */
  private async findOriginals(kept: PendingRequest[]): Promise<void> {
    const late = kept.filter((p) => p.mayBeRecovered);
    const ids = await recoveredOriginals(this.db, this.interner, late);
    late.forEach((item, i) => {
      if (ids[i] !== null) item.replaces = ids[i]!;
    });
  }

  /** Loads the visits this batch touches, applies new and changed visits, and drops excluded ones. */
  private async applyVisitChanges(): Promise<Map<number, VisitRow>> {
    const ids = [...new Set([...this.changes.map((c) => c.visitId), ...this.pending.map((p) => p.visitId), ...this.witnessed.map((c) => c.visitId)])].filter((id) => id > 0);
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
        // The rule an imported visit meets too (import-boundary.ts).
        if (!parts || !isWebPage(change.url)) continue;
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
