import { test, expect } from '@playwright/test';
import { attributeRequest, closeTab, emptyPageState, startNavigation } from '../../src/capture/page-context.js';
import { nav, req } from './helpers/page-events.js';

test('a navigation starts a visit; its redirect hops and its own request belong to it', () => {
  const state = emptyPageState();
  const hop = attributeRequest(state, req({ requestId: 'n1', type: 'main_frame', url: 'http://a.example/', outcome: 'redirected' }));
  expect(hop.visit).toMatchObject({ visitId: 1, url: 'http://a.example/' });
  const start = startNavigation(state, nav({ requestId: 'n1', url: 'https://a.example/' }));
  expect(start).toMatchObject({ visitId: 1, visit: { committed: true, url: 'https://a.example/' } });
  const sub = attributeRequest(state, req({ initiator: 'https://a.example' }));
  expect(sub).toEqual({ visitId: 1, visit: null });
  const done = attributeRequest(state, req({ requestId: 'n1', type: 'main_frame', url: 'https://a.example/' }));
  expect(done).toEqual({ visitId: 1, visit: null });
  expect(state.navigations).toEqual({});
});

test('an unload beacon that comes after the tab moved on twice (A, B, A again) belongs to the first A, by its documentId', () => {
  const state = emptyPageState();
  const first = startNavigation(state, nav({ url: 'https://a.example/?v=1' })).visitId;
  const ofFirst = { initiator: 'https://a.example', documentId: 'D-A1', documentLifecycle: 'active' };
  expect(attributeRequest(state, req(ofFirst)).visitId).toBe(first);
  const second = startNavigation(state, nav({ url: 'https://b.example/' })).visitId;
  expect(attributeRequest(state, req({ initiator: 'https://b.example', documentId: 'D-B', documentLifecycle: 'active' })).visitId).toBe(
    second,
  );
  const third = startNavigation(state, nav({ url: 'https://a.example/?v=3' })).visitId;
  // Same origin as the page now shown: only the document tells them apart.
  expect(attributeRequest(state, req({ url: 'https://beacon.example/unload', type: 'ping', ...ofFirst })).visitId).toBe(first);
  expect(attributeRequest(state, req({ initiator: 'https://a.example', documentId: 'D-A3', documentLifecycle: 'active' })).visitId).toBe(
    third,
  );
  expect(attributeRequest(state, req({ url: 'https://beacon.example/unload', type: 'ping', ...ofFirst })).visitId).toBe(first);
});

test("Firefox, A → B → A: the first A's unload beacon told after the second A started belongs to the first A, by when it was sent", () => {
  const state = emptyPageState();
  const first = startNavigation(state, nav({ url: 'https://a.example/', time: 1000 })).visitId;
  const second = startNavigation(state, nav({ url: 'https://b.example/', time: 2000 })).visitId;
  const third = startNavigation(state, nav({ url: 'https://a.example/', time: 3000 })).visitId;
  // Sent as the first A was left (B's response had started), told after the second A started.
  const beacon = { url: 'https://beacon.example/unload', type: 'beacon', topUrl: 'https://a.example/', time: 3100 };
  expect(attributeRequest(state, req({ ...beacon, sent: 2050 })).visitId).toBe(first);
  // The second A's own beacons, and any request whose sending was not seen, are the shown page's.
  expect(attributeRequest(state, req({ ...beacon, sent: 3050 })).visitId).toBe(third);
  expect(attributeRequest(state, req(beacon)).visitId).toBe(third);
  expect(attributeRequest(state, req({ topUrl: 'https://b.example/', time: 3200 })).visitId).toBe(second);
});

test('requests follow the tab to its next page; a late unload beacon stays with the page that sent it', () => {
  const state = emptyPageState();
  startNavigation(state, nav({ url: 'https://a.example/' }));
  startNavigation(state, nav({ url: 'https://b.example/' }));
  expect(attributeRequest(state, req({ initiator: 'https://b.example' })).visitId).toBe(2);
  expect(attributeRequest(state, req({ type: 'ping', initiator: 'https://a.example' })).visitId).toBe(1);
});

test('frames belong to the page that made them, even for requests sent after the tab moved on', () => {
  const state = emptyPageState();
  startNavigation(state, nav({ url: 'https://a.example/' }));
  expect(attributeRequest(state, req({ type: 'sub_frame', frameId: 5, parentFrameId: 0, url: 'https://w.example/f.html' })).visitId).toBe(
    1,
  );
  expect(attributeRequest(state, req({ type: 'sub_frame', frameId: 6, parentFrameId: 5, url: 'https://x.example/g.html' })).visitId).toBe(
    1,
  );
  expect(attributeRequest(state, req({ frameId: 6, initiator: 'https://x.example' })).visitId).toBe(1);
  startNavigation(state, nav({ url: 'https://b.example/' }));
  // A new page clears the frame map: its frames are its own.
  expect(attributeRequest(state, req({ frameId: 6 })).visitId).toBe(2);
});

test("Firefox's top document URL decides, whatever the tab shows now", () => {
  const state = emptyPageState();
  startNavigation(state, nav({ url: 'https://a.example/p#x' }));
  startNavigation(state, nav({ url: 'https://b.example/' }));
  expect(attributeRequest(state, req({ topUrl: 'https://a.example/p', frameId: 0 })).visitId).toBe(1);
});

test('downloads and 204 answers start no page; prerenders are visits of their own until shown', () => {
  const state = emptyPageState();
  startNavigation(state, nav({ url: 'https://a.example/' }));
  const download = startNavigation(state, nav({ url: 'https://a.example/file.zip', commits: false }));
  expect(download.visit?.committed).toBeUndefined();
  expect(attributeRequest(state, req({})).visitId).toBe(1);
  const pre = startNavigation(state, nav({ url: 'https://next.example/', frameId: 9, documentLifecycle: 'prerender' }));
  expect(pre.visit).toMatchObject({ prerender: true, committed: true });
  expect(attributeRequest(state, req({ frameId: 9, documentLifecycle: 'prerender' })).visitId).toBe(pre.visitId);
  expect(attributeRequest(state, req({ frameId: 0 })).visitId).toBe(1);
  const shown = attributeRequest(state, req({ frameId: 9, documentLifecycle: 'active' }));
  expect(shown.visit).toMatchObject({ visitId: pre.visitId, activated: true });
  expect(attributeRequest(state, req({ frameId: 0 })).visitId).toBe(pre.visitId);
});

test('no tab, closed tabs and tabs opened before Upstream started', () => {
  const state = emptyPageState();
  expect(attributeRequest(state, req({ tabId: -1 }))).toEqual({ visitId: 0, visit: null });
  // Unknown tab: the page is inferred from the request's initiator (top frame only).
  const inferred = attributeRequest(state, req({ tabId: 7, initiator: 'https://old.example' }));
  expect(inferred.visit).toMatchObject({ inferred: true, url: 'https://old.example' });
  expect(attributeRequest(state, req({ tabId: 8, frameId: 3 })).visitId).toBe(0);
  closeTab(state, 7, 5000);
  expect(state.tabs['7']).toBeUndefined();
  // A beacon sent as the tab closes still belongs to the page it showed, and re-creates no tab state.
  expect(attributeRequest(state, req({ tabId: 7, type: 'ping', initiator: 'https://old.example' }))).toEqual({
    visitId: inferred.visitId,
    visit: null,
  });
  expect(state.tabs['7']).toBeUndefined();
});

test('Firefox: a restored tab that takes the id of a tab closed at quit is a tab of its own', () => {
  const state = emptyPageState();
  const before = startNavigation(state, nav({ tabId: 2, url: 'https://old.example/' }));
  closeTab(state, 2, 5000);
  // The next session numbers tabs from 1 again: tab 2 restores another page within the minute.
  const restored = startNavigation(state, nav({ tabId: 2, url: 'https://restored.example/', time: 5100 }));
  expect(restored.visitId).not.toBe(before.visitId);
  expect(attributeRequest(state, req({ tabId: 2, time: 5200, topUrl: 'https://restored.example/' })).visitId).toBe(restored.visitId);
});
