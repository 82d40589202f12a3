/**
 * A fixture run's requests as the store holds them. Every fixture page of a run names the
 * run, the visit and itself in each request path (test/fixtures/sites/_template/index.html,
 * which every ctl-*.example serves), so the fixture server's log tells which requests each page really sent; these
 * wait until the store holds exactly those it should, and assert it.
 */
import { expect } from '@playwright/test';
import type { BrowserPage } from '../../../src/audit/extension-browser.js';
import type { FixtureServer } from '../../../src/audit/fixture-server.js';
import type { StoreSnapshot } from '../../../src/audit/read-store.js';
import type { RecordedRequest } from '../../../src/store/decode.js';
import { logOfRun, pageOfLogged, settle, sleep, storedForm } from './commands.js';

/**
 * The requests of a run as the store holds them: those whose path names the run, and the
 * run's page requests (stored without their query string, so found by host and time).
 */
export function recordedOfRun(requests: RecordedRequest[], run: string, pageHosts: string[], since: number): RecordedRequest[] {
  return requests.filter((r) => r.url.includes(`/${run}/`) || (r.type === 'main_frame' && r.time >= since && pageHosts.includes(r.host)));
}

/**
 * Waits until the store holds, for this run, exactly the logged requests of `recordedPages`
 * (each once) and nothing of the other pages; returns the last comparison for the asserts.
 */
export async function expectRecordedExactly(
  popup: BrowserPage,
  server: FixtureServer,
  run: string,
  since: number,
  recordedPages: string[],
  allPages: string[],
) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const snapshot = await settle(popup);
    const logged = logOfRun(server.log, run);
    const expected = logged
      .filter((e) => recordedPages.includes(pageOfLogged(e, run)))
      .map(storedForm)
      .sort();
    const missing = logged
      .filter((e) => !recordedPages.includes(pageOfLogged(e, run)))
      .map(storedForm)
      .sort();
    const recorded = recordedOfRun(snapshot.requests, run, allPages, since)
      .map((r) => r.url)
      .sort();
    if (JSON.stringify(recorded) === JSON.stringify(expected) || Date.now() > deadline) {
      expect(recorded, 'recorded: exactly the requests the recorded pages sent, each once').toEqual(expected);
      return { snapshot, logged, expected, missing, recorded };
    }
    await sleep(200);
  }
}

/** Waits until every request the server got for this run is in the store, once. */
export async function waitForRun(
  popup: BrowserPage,
  server: FixtureServer,
  run: string,
  pageHosts: string[],
  since: number,
): Promise<StoreSnapshot> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const snapshot = await settle(popup);
    const expected = logOfRun(server.log, run).map(storedForm).sort();
    const recorded = recordedOfRun(snapshot.requests, run, pageHosts, since)
      .map((r) => r.url)
      .sort();
    if (JSON.stringify(recorded) === JSON.stringify(expected) || Date.now() > deadline) {
      expect(recorded, 'every request the pages sent is recorded once').toEqual(expected);
      return snapshot;
    }
    await sleep(200);
  }
}

/** The fixture visit number a request path names (/run/V/host/…), or null for a page request. */
export function visitNumber(r: RecordedRequest, run: string): number | null {
  const match = new RegExp(`/${run}/(\\d+)/`).exec(r.url);
  return match ? Number(match[1]) : null;
}
