/**
 * Upkeep of the store: a wipe and the journal. Events seen just before or during a wipe
 * must not be left in storage.session, where nothing would release them.
 */
import { test, expect } from '@playwright/test';
import { Journal } from '../../src/capture/journal.js';
import { newEvents } from './helpers/fresh-page-events.js';
import { SessionArea } from './helpers/session-area.js';

/** A storage area whose answers the test releases by hand, to order them as a busy browser may. */
class GatedArea extends SessionArea {
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
// waiting, so Journal.clear (called by the wipe command) empties the in-memory queue first,
// awaits the writes in flight, then lists and removes every journal key. Listing first would
// miss an entry whose write lands meanwhile: released by nobody, the next worker instance
// would store it as a leftover, and a request from before the wipe would reappear in the wiped
// store (as it did in the browser: docs/measurements.md).
test('after a wipe, no journal entry is left that nothing will release', async () => {
  const area = new GatedArea();
  const journal = new Journal(area);
  const [before, during] = newEvents(2);
  void journal.append(before!); // seen before the wipe; its write is still on its way
  const clearing = journal.clear();
  void journal.append(during!); // arrives while the wipe lists the journal
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
  expect(
    left.filter((seq) => !queued.includes(seq)),
    'journaled, but neither queued nor removed',
  ).toEqual([]);
});
