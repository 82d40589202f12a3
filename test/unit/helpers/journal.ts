import type { JournalEntry, NavigationStart, Observation } from '../../../src/shared/types.js';
import { req } from './page-events.js';

/** Builds journal entries the way capture does, for store tests. */
export class JournalWriter {
  private seq = 0;
  private requestIds = 0;
  readonly entries: JournalEntry[] = [];

  constructor(readonly worker = 'test-worker') {}

  navigate(url: string, tabId = 1, time = Date.now()): string {
    const requestId = `n${++this.requestIds}`;
    const navigation: NavigationStart = {
      requestId,
      time,
      url,
      tabId,
      frameId: 0,
      statusCode: 200,
      documentLifecycle: null,
      commits: true,
    };
    this.entries.push({ worker: this.worker, seq: this.seq++, event: { kind: 'navigation', navigation } });
    this.request({ requestId, url, type: 'main_frame', tabId, time });
    return requestId;
  }

  request(over: Partial<Observation> & { url: string }): void {
    // Every other field as page-events.ts's req() gives it; these as the store tests expect them.
    const request = req({ requestId: `r${++this.requestIds}`, time: Date.now(), type: 'image', cookies: false, referrer: true, ...over });
    this.entries.push({ worker: this.worker, seq: this.seq++, event: { kind: 'request', request } });
  }

  take(): JournalEntry[] {
    return this.entries.splice(0);
  }
}
