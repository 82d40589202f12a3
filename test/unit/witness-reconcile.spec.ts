import { test, expect } from '@playwright/test';
import {
  atStartup,
  emptyWitnessState,
  FIRST_START_LOOKBACK_MS,
  gaps,
  inGap,
  noteSwept,
  noteWorkerEvent,
  noteWorkerStart,
  pruneWitnessState,
  SLACK_MS,
  sweepSince,
} from '../../src/capture/witness-reconcile.js';

/**
 * Worker A ran events from 1,000 to 2,000 and was stopped; worker B was created at 2,100
 * but, on a loaded machine, only ran its script at 3,500 (such gaps between a worker's
 * creation and its first event: docs/measurements.md).
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

test("a request that ended after the stopped worker's last event and before the next worker could take events is in a gap", () => {
  const state = twoWorkers(true);
  expect(inGap(state, 2010)).toBe(true);
  // Created after B but before B's script had run: queued for B, lost if B is stopped first.
  expect(inGap(state, 3200)).toBe(true);
});

test("without the ready time (state journaled by an older build) the gap ends at the next worker's creation", () => {
  const state = twoWorkers(false);
  expect(inGap(state, 2010)).toBe(true);
  expect(inGap(state, 3200)).toBe(false);
});

test('while a worker was running webRequest saw everything: no gap', () => {
  const state = twoWorkers(true);
  expect(inGap(state, 1500)).toBe(false);
  expect(inGap(state, 5000)).toBe(false);
});

test('the first worker of a profile leaves a gap before it: the pages the browser opened while it started', () => {
  const state = emptyWitnessState();
  noteWorkerStart(state, 'A', 10_000, 10_400);
  noteWorkerEvent(state, 'A', 10_500);
  expect(gaps(state)).toEqual([[10_000 - FIRST_START_LOOKBACK_MS, 10_400 + SLACK_MS]]);
  expect(inGap(state, 9_000)).toBe(true);
  expect(inGap(state, 10_000 - FIRST_START_LOOKBACK_MS - 1)).toBe(false);
  expect(inGap(state, 11_000)).toBe(false);
  // A later worker of the same profile is not a first one: its gap starts at A's last event.
  noteWorkerStart(state, 'B', 20_000, 20_100);
  expect(gaps(state).at(-1)).toEqual([10_500 - SLACK_MS, 20_100 + SLACK_MS]);
});

test("the first worker of a browser session opens the start-up gap again; its own events journaled before its start do not hide a profile's first", () => {
  const state = emptyWitnessState();
  // The worker's first request was journaled before its start (the start is noted after its script ran).
  noteWorkerEvent(state, 'A', 10_200);
  noteWorkerStart(state, 'A', 10_000, 10_400);
  expect(state.initial).toEqual([10_000 - FIRST_START_LOOKBACK_MS, 10_400]);
  noteSwept(state, 11_000);
  // A worker woken later in the same browser session: no start-up gap.
  noteWorkerStart(state, 'B', 50_000, 50_100);
  expect(state.initial).toEqual([10_000 - FIRST_START_LOOKBACK_MS, 10_400]);
  // The browser quit and started again (the session area was empty): the tabs it restored loaded meanwhile.
  noteWorkerStart(state, 'C', 900_000, 900_500, true);
  expect(state.initial).toEqual([900_000 - FIRST_START_LOOKBACK_MS, 900_500]);
  expect(atStartup(state, 899_000)).toBe(true);
  expect(atStartup(state, 50_050)).toBe(false);
});

test('a worker after a wipe of the capture state is not a first start once the profile was swept', () => {
  const state = emptyWitnessState();
  noteSwept(state, 5_000);
  noteWorkerStart(state, 'A', 10_000, 10_100);
  expect(state.initial).toBeUndefined();
});

test('the pages are read from the oldest gap not read yet, and not again once read', () => {
  const state = twoWorkers(true);
  // A was the profile's first worker: its own start is a gap too.
  expect(sweepSince(state)).toBe(900 - FIRST_START_LOOKBACK_MS);
  noteSwept(state, 3500 + SLACK_MS);
  expect(sweepSince(state)).toBeNull();
  noteWorkerStart(state, 'C', 9000, 9100);
  expect(sweepSince(state)).toBe(6000 - SLACK_MS);
  // Reading an older window again never moves the mark back.
  noteSwept(state, 100);
  expect(state.swept).toBe(3500 + SLACK_MS);
});

test("old spans are dropped but the newest, and the first start's gap once read", () => {
  const state = twoWorkers(true);
  noteWorkerStart(state, 'C', 9000, 9100);
  state.initial = [0, 1000];
  pruneWitnessState(state, 1_000_000);
  expect(Object.keys(state.workers)).toEqual(['C']);
  expect(state.initial).toEqual([0, 1000]);
  noteSwept(state, 9500);
  pruneWitnessState(state, 1_000_000);
  expect(state.initial).toBeUndefined();
});
