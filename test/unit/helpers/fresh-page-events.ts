/** Capture events of a new page visit, for the store upkeep tests of the pipeline and the journal. */
import type { CaptureEvent } from '../../../src/shared/types.js';
import { JournalWriter } from './journal.js';

/** A page visit (a navigation event and its page request) and count - 1 more requests: count rows. */
export function newEvents(count: number, tabId = 3): CaptureEvent[] {
  const j = new JournalWriter('unused');
  j.navigate('https://fresh.example/', tabId, Date.now());
  for (let i = 1; i < count; i++) j.request({ url: `https://fresh-cdn.example/${i}.gif`, tabId });
  return j.take().map((entry) => entry.event);
}
