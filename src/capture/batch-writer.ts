/** One batch of capture events as rows: accumulated in memory, written with a handful of bulk operations (ingest.ts runs it in its transaction). */
import { attributeRequest, type VisitChange } from './page-context.js';
import type { Observation, WitnessReport } from '../shared/types.js';
import { DOCUMENT_MATCH_MS, recoveredOriginals, unmatched, witnessCandidates, type Candidate } from './witness-ingest.js';
import type { Classifier } from '../store/classifier.js';
import { type CaptureState } from './capture-state.js';
import type { UpstreamDb } from '../store/db.js';
import type { Interner } from '../store/interner.js';
import { RollupBatch } from '../store/rollups.js';
import type { DailyRowCache } from '../store/daily-cache.js';
import { updateRollups } from '../store/visit-rollups.js';
import { markVisit, newVisitRow, noteVisitRequest, showVisit, visitSite, type VisitRow } from '../store/visit-row.js';
import { answeredPlace, requestRow, type RecoveredEvidence, type RequestRow } from '../store/request-row.js';
import { deleteRequestsOfVisits } from '../store/visit-requests.js';
import type { Settings } from '../store/settings.js';
import { siteOf, isExcluded } from '../store/sites.js';
import { dayOf, isWebPage, memoUrlParts, storedUrl, urlParts } from '../store/url-parts.js';
import { keepWaiting, mayWait, withWaiting, type AggregatesToWrite, type BatchAggregates } from './pending-aggregates.js';
import { serverAddress } from './server-address.js';
import { evidenceOf, evidenceText } from './witness-evidence.js';
import { OwnHostFindings } from '../store/cloaking.js';

export interface IngestOptions {
  /**
   * Write the daily rows and the visit roll-ups at most this often (ms), rather than with
   * every batch: meanwhile what the batches changed in them waits in the capture state
   * (pending-aggregates.ts), committed with their rows. 0 (the default): with every batch.
   */
  aggregateEveryMs?: number;
  /** Write what waits now, whatever aggregateEveryMs says (a flush, other work on the store). */
  aggregateNow?: boolean;
  /** Told when changes to the aggregates are left waiting (the time the oldest came), or null when none wait. */
  onAggregates?: (since: number | null) => void;
  /**
   * Told the hosts the batch stored as pages' own (their page's registrable domain): those
   * whose DNS alias is worth asking (cname-uncloak.ts); null when a request of the batch went
   * through a proxy that resolves names itself, so nothing may be asked locally.
   */
  onFirstPartyHosts?: (hosts: readonly string[] | null) => void;
  /** the clock (tests) */
  now?: () => number;
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

/** Accumulates one batch in memory, then writes it with a handful of bulk operations. */
export class BatchWriter {
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
    private readonly options: IngestOptions = {},
  ) {}

  visit(change: VisitChange | null): void {
    if (change) this.changes.push(change);
  }

  request(obs: Observation): void {
    const { visitId, visit } = attributeRequest(this.state.pages, obs);
    this.visit(visit);
    // A record told after a page's list recovered its request (Firefox hands a starting
    // background the events it queued; a stopped worker's journal is read late) completes that row.
    const recovered = this.state.witness.recovered;
    const mayBeRecovered = obs.outcome !== 'redirected' && recovered !== undefined && obs.time <= recovered + DOCUMENT_MATCH_MS;
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
  async commit(saveState: () => Promise<void>): Promise<{ stored: number; skipped: number; firstPartyHosts: string[] | null }> {
    const visits = await this.applyVisitChanges();
    const rollups = new RollupBatch();
    const rows: RequestRow[] = [];
    const replacements: RequestRow[] = [];
    const partsOf = memoUrlParts();
    // Decide first what is kept, then store hosts and IPs of those only.
    const keep = ({ obs, visitId }: { obs: Observation; visitId: number }) => {
      const visit = visitId ? visits.get(visitId) : undefined;
      const parts = partsOf(obs.url);
      const pageSite = visit ? visitSite(visit) : siteOf(obs.initiator, this.classifier);
      return !!parts?.host && !this.paused(obs.time) && !(visitId && !visit) && !isExcluded(pageSite, this.settings);
    };
    await this.recoverWitnessed(this.witnessed.filter(keep));
    const kept = this.pending.filter(keep);
    const skipped = this.pending.length - kept.length;
    await this.interner.prepare(
      this.db,
      this.classifier,
      kept.map(({ obs }) => ({ url: obs.url, ip: serverAddress(obs), host: partsOf(obs.url)!.host })),
    );
    await this.findOriginals(kept);
    const ownHosts = new OwnHostFindings();
    for (const { obs, visitId, recovered, replaces } of kept) {
      const visit = visitId ? visits.get(visitId) : undefined;
      const parts = partsOf(obs.url)!;
      const pageSite = visit ? visitSite(visit) : siteOf(obs.initiator, this.classifier);
      const host = this.interner.host(parts.host)!;
      const address = serverAddress(obs);
      const ip = address ? this.interner.ip(address) : undefined;
      const { row, reached } = requestRow(
        obs,
        parts,
        { visitId, visit, pageSite, host, ip, recovered: recovered === undefined ? undefined : evidence(recovered) },
        this.classifier,
        this.interner,
        this.settings,
      );
      if (visit)
        noteVisitRequest(visit, host.id!, ip?.id ?? 0, reached, replaces === undefined, parts.cleartext, answeredPlace(obs, reached, ip));
      ownHosts.note(row, host, ip, pageSite, obs.proxyDns === true);
      if (replaces !== undefined) {
        // Already counted when it was recovered: only the row gets the fuller details.
        replacements.push({ ...row, id: replaces });
        continue;
      }
      rows.push(row);
      rollups.add(dayOf(obs.time), pageSite ?? '', host.id!, ip?.id ?? 0, {
        clear: parts.cleartext,
        cookies: obs.cookies === true,
        referrer: obs.referrer === true,
        failed: obs.outcome === 'failed',
        blocked: !reached,
        edge: obs.edge,
      });
    }
    const aggregates = await this.aggregates({
      rollups,
      touched: new Set([...this.before.keys(), ...visits.keys()]),
      before: this.before,
      after: visits,
    });
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
      aggregates && aggregates.rollups.write(this.db, this.dailyCache),
      aggregates &&
        updateRollups(this.db, aggregates.visits, {
          host: (id) => this.interner.hostById(id),
          ip: (id) => this.interner.ipById(id),
        }),
      ownHosts.store(this.db),
      saveState(),
    ]);
    return { stored: rows.length + replacements.length, skipped, firstPartyHosts: ownHosts.proxiedDns ? null : [...ownHosts.askAlias] };
  }

  /**
   * What this batch writes to the daily rows and the visit roll-ups, with what earlier
   * batches left waiting; null when it all waits for a later batch (pending-aggregates.ts).
   */
  private async aggregates(batch: BatchAggregates): Promise<AggregatesToWrite | null> {
    const now = (this.options.now ?? Date.now)();
    const waiting = this.state.agg;
    if (mayWait(waiting, this.options.aggregateEveryMs ?? 0, this.options.aggregateNow === true, now)) {
      this.state.agg = keepWaiting(waiting, batch, now);
      return null;
    }
    delete this.state.agg;
    return withWaiting(this.db, waiting, batch);
  }

  /** The pages' entries no stored or recorded request matches were missed: recorded now. */
  private async recoverWitnessed(candidates: Candidate[]): Promise<void> {
    if (!candidates.length) return;
    await this.interner.prepare(
      this.db,
      this.classifier,
      candidates.map(({ obs }) => ({ url: obs.url, ip: null })),
    );
    const missed = await unmatched(
      this.db,
      this.interner,
      candidates,
      this.pending.map((p) => p.obs),
    );
    for (const { obs, visitId, facts } of missed) this.pending.push({ obs, visitId, recovered: facts });
    const latest = Math.max(...missed.map(({ obs }) => obs.time));
    if (missed.length) this.state.witness.recovered = Math.max(this.state.witness.recovered ?? latest, latest);
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
    const ids = [
      ...new Set([...this.changes.map((c) => c.visitId), ...this.pending.map((p) => p.visitId), ...this.witnessed.map((c) => c.visitId)]),
    ].filter((id) => id > 0);
    const loaded = await this.db.visits.bulkGet(ids);
    const visits = new Map<number, VisitRow>();
    loaded.forEach((visit) => visit && visits.set(visit.id, visit));
    loaded.forEach((visit) => visit && this.before.set(visit.id, structuredClone(visit)));
    // Only hosts of pages that will be kept are stored: a paused or excluded page leaves nothing.
    const wanted = this.changes.filter((c) => !this.paused(c.time) && !isExcluded(siteOf(c.url, this.classifier), this.settings));
    await this.interner.prepare(
      this.db,
      this.classifier,
      wanted.map((c) => ({ url: c.url, ip: null })),
    );
    for (const change of this.changes) {
      if (this.paused(change.time)) continue;
      let visit = visits.get(change.visitId);
      if (!visit) {
        const parts = urlParts(change.url);
        // The rule an imported visit meets too (import-boundary.ts).
        if (!parts || !isWebPage(change.url)) continue;
        if (isExcluded(this.classifier.host(parts.host).domain, this.settings)) continue;
        const host = this.interner.host(parts.host)!;
        visit = newVisitRow(change.visitId, change.time, change.tabId, storedUrl(change.url, this.settings.storeQueryStrings), host);
        visits.set(visit.id, visit);
      }
      if (change.committed) {
        const host = wanted.includes(change) ? this.interner.host(urlParts(change.url)?.host ?? '') : undefined;
        showVisit(visit, storedUrl(change.url, this.settings.storeQueryStrings), host);
      }
      markVisit(visit, change);
    }
    const excluded = [...visits.values()].filter((visit) => isExcluded(visitSite(visit), this.settings)).map((visit) => visit.id);
    if (excluded.length) {
      // A navigation that redirected onto an excluded site: drop what its first hops left.
      excluded.forEach((id) => visits.delete(id));
      await this.db.visits.bulkDelete(excluded);
      await deleteRequestsOfVisits(this.db, excluded);
    }
    return visits;
  }
}

/** What a recovered request's facts (witness-page.ts FACTS) showed of how it was answered, as its row records it. */
function evidence(facts: number): RecoveredEvidence {
  return { unverified: evidenceOf(facts) === 'unverified', text: evidenceText(facts) };
}
