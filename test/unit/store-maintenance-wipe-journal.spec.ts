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
