/** The pages' own lists as the witness-ingest specs feed them: entries, reports, and batches stored as one worker's. */
import { ingest } from '../../../src/capture/ingest.js';
import { FACTS } from '../../../src/capture/witness-page.js';
import { Interner } from '../../../src/store/interner.js';
import { domainOnlyClassifier } from '../../../src/store/domain-only-classifier.js';
import type { CaptureEvent, JournalEntry, WitnessEntry, WitnessReport } from '../../../src/shared/types.js';
import type { UpstreamDb } from '../../../src/store/db.js';
import { records, settings } from './test-store.js';
import { nav, req } from './page-events.js';

/** Bytes came over the network (Firefox, or Chromium with Timing-Allow-Origin). */
export const NETWORK: number = FACTS.transfer;
/** Chromium, cross-origin without Timing-Allow-Origin: network, HTTP cache or failure, no telling which. */
export const AMBIGUOUS: number = FACTS.deliveryKnown;
/** Times are offsets from now: the stored state forgets spans older than a few minutes. */
export const T = Date.now() - 30_000;
export const entry = (url: string, end: number, facts = NETWORK): WitnessEntry => ({
  url,
  kind: 'img',
  start: end - 20,
  end,
  status: 0,
  facts,
});
export const report = (entries: WitnessEntry[], over: Partial<WitnessReport> = {}): WitnessReport => ({
  tabId: 1,
  frameId: 0,
  documentUrl: 'https://a.example/',
  navigation: null,
  entries,
  ...over,
});

let seq = 0;
export async function store(db: UpstreamDb, worker: string, events: CaptureEvent[]) {
  const entries: JournalEntry[] = events.map((event) => ({ worker, seq: seq++, event }));
  return ingest(db, entries, domainOnlyClassifier, settings(), new Interner());
}

/** Worker A saw a.example load and one pixel, then was stopped at 2,000; B could take events from 3,100. */
export async function aThenB(db: UpstreamDb) {
  await store(db, 'A', [
    { kind: 'worker-start', time: T + 900, ready: T + 950 },
    { kind: 'navigation', navigation: nav({ time: T + 1000 }) },
    // Answered from an address: the browser did contact t.example from this tab.
    {
      kind: 'request',
      request: req({ url: 'https://t.example/seen.gif', type: 'image', time: T + 1100, ip: '192.0.2.7', initiator: 'https://a.example' }),
    },
    { kind: 'request', request: req({ url: 'https://cdn.example/last.js', time: T + 2000, initiator: 'https://a.example' }) },
  ]);
  await store(db, 'B', [{ kind: 'worker-start', time: T + 3000, ready: T + 3100 }]);
}

export const urls = async (db: UpstreamDb) => (await records(db)).map((r) => `${r.url}${r.recovered ? ' (recovered)' : ''}`).sort();
