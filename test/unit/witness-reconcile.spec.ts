import { test, expect } from '@playwright/test';
import { emptyWitnessState, firstReport, noteRecorded, noteWorkerEvent, noteWorkerStart, reconcile, type WitnessedRequest } from '../../src/capture/witness-reconcile.js';

let starts = 0;
const seen = (url: string, end: number): WitnessedRequest => ({ tabId: 1, frameId: 0, visitId: 7, url, start: ++starts, end });

/**
 * Worker A ran events from 1,000 to 2,000 and was stopped; worker B was created at 2,100
 * but, on a loaded machine, only ran its script at 3,500 (the timeline measured in
 * `npm run test:reliability`: up to 1.7 s between a worker's creation and its first event).
 */
function twoWorkers(withReady: boolean) {
  const state = emptyWitnessState();
  noteWorkerStart(state, 'A', 900, 1000);
  noteWorkerEvent(state, 'A', 1000);
  noteWorkerEvent(state, 'A', 2000);
  noteWorkerStart(state, 'B', 2100, withReady ? 3500 : undefined);
  noteWorkerEvent(state, 'B', 2050); // queued for B while it started: older than B itself
  noteWorkerEvent(state, 'B', 3600);
  noteWorkerEvent(state, 'B', 6000);
  return state;
}

test('a request that ended after the stopped worker\'s last event and before the next worker could take events is recovered', () => {
  const state = twoWorkers(true);
  expect(reconcile(state, seen('https://t.example/a.gif', 2010))).toBe('recover');
  // Created after B but before B's script had run: queued for B, lost if B is stopped first.
  expect(reconcile(state, seen('https://t.example/b.gif', 3200))).toBe('recover');
});

test('without the ready time (state journaled by an older build) the gap ends at the next worker\'s creation', () => {
  const state = twoWorkers(false);
  expect(reconcile(state, seen('https://t.example/a.gif', 2010))).toBe('recover');
  expect(reconcile(state, seen('https://t.example/b.gif', 3200))).toBe('ignore');
});

test('a witnessed request while a worker was running and nothing recorded is a memory-cache hit: not recovered', () => {
  const state = twoWorkers(true);
  expect(reconcile(state, seen('https://t.example/c.gif', 1500))).toBe('ignore');
  expect(reconcile(state, seen('https://t.example/d.gif', 5000))).toBe('ignore');
});

test('a request webRequest recorded is matched once per recording; a resent report entry is ignored', () => {
  const state = twoWorkers(true);
  noteRecorded(state, 7, 'https://t.example/e.gif', 2010);
  const entry = seen('https://t.example/e.gif', 2010);
  expect(reconcile(state, entry)).toBe('matched');
  expect(reconcile(state, entry)).toBe('ignore');
  // A second load of the same URL in the gap, with no second recording, is recovered.
  expect(reconcile(state, seen('https://t.example/e.gif', 2020))).toBe('recover');
});

test('a report resent under its id is handled once; the state keeps one key per report and no matched recording', () => {
  const state = twoWorkers(true);
  noteRecorded(state, 7, 'https://t.example/f.gif', 4000);
  expect(firstReport(state, 1, 0, 'page.0', 4100)).toBe(true);
  expect(reconcile(state, seen('https://t.example/f.gif', 4000), false)).toBe('matched');
  expect(reconcile(state, seen('https://t.example/g.gif', 2010), false)).toBe('recover');
  expect(firstReport(state, 1, 0, 'page.0', 4200)).toBe(false);
  expect(firstReport(state, 1, 3, 'page.0', 4200), 'another frame\'s report').toBe(true);
  expect(Object.keys(state.done)).toEqual(['r 1 0 page.0', 'r 1 3 page.0']);
  expect(state.seen).toEqual({});
});
