/**
 * A page's start told after its own requests. Firefox hands a background page that was not
 * running the events it queued one listener at a time (every onCompleted, then every
 * onResponseStarted): seen at a session restore in Firefox ESR 153, where each restored tab's
 * main-frame request and sub-resources came before its start (page-context.ts, startNavigation).
 */
import { test, expect } from '@playwright/test';
import { attributeRequest, closeTab, emptyPageState, startNavigation, type PageState } from '../../src/capture/page-context.js';
import { knownPage } from '../../src/capture/page-order.js';
import type { Observation } from '../../src/shared/types.js';
import { nav, req } from './helpers/page-events.js';

/** Firefox names the top document of every request. */
const ff = (tabId: number, page: string, time: number, over: Partial<Observation> = {}) => req({ tabId, topUrl: page, time, ...over });
const main = (tabId: number, requestId: string, url: string, time: number, over: Partial<Observation> = {}) =>
  req({ tabId, requestId, type: 'main_frame', url, time, ...over });

/** The visit ids each request went to, and every visit change made along the way. */
function fold(state: PageState, events: (Observation | ReturnType<typeof nav>)[]): { visits: number[]; changes: object[] } {
  const visits: number[] = [];
  const changes: object[] = [];
  for (const event of events) {
    const { visitId, visit } = 'type' in event ? attributeRequest(state, event) : startNavigation(state, event);
    if ('type' in event) visits.push(visitId);
    if (visit) changes.push(visit);
  }
  return { visits, changes };
}

test('Firefox session restore: requests told before their start, in a tab whose id showed another page the session before, are one visit of their page', () => {
  const state = emptyPageState();
  // The session before: tab 3 showed restore-1.
  const before = startNavigation(
    state,
    nav({ tabId: 3, requestId: '4', url: 'https://restore-1.example/index.html?v=1', time: 100 }),
  ).visitId;
  const page = 'https://restore-2.example/index.html?v=2';
  // The next session numbers tabs from 1 again; the order the restored tab's events came in.
  const { visits, changes } = fold(state, [
    main(3, '10', page, 1818),
    ff(3, page, 2111, { url: 'https://restore-2.example/app.js' }),
    ff(3, page, 2135, { url: 'https://fonts.example/fonts.css' }),
    ff(3, page, 2207, { type: 'sub_frame', frameId: 12884901889, parentFrameId: 0, url: 'https://widget.example/frame.html' }),
    ff(3, page, 2549, { type: 'beacon', url: 'https://analytics.example/beacon' }),
    nav({ tabId: 3, requestId: '10', url: page, time: 1750 }),
    ff(3, page, 2600, { url: 'https://restore-2.example/late.json' }),
  ]);
  const [visit] = visits;
  expect(visit).not.toBe(before);
  expect(visits, "every request in the page's one visit").toEqual(visits.map(() => visit));
  expect(changes.every((change) => (change as { visitId: number }).visitId === visit)).toBe(true);
  expect(changes).toContainEqual(expect.objectContaining({ visitId: visit, committed: true, url: page }));
  expect(
    changes.some((change) => (change as { inferred?: boolean }).inferred),
    'its main-frame request was seen: nothing inferred',
  ).toBe(false);
  expect(state.tabs['3']!.current).toMatchObject({ visitId: visit, url: 'https://restore-2.example/index.html', start: 1750 });
});

test('Firefox session restore, same tab id and same page as the session before: the restored page is a visit of its own', () => {
  const state = emptyPageState();
  const page = 'https://mail.example/inbox';
  const before = startNavigation(state, nav({ tabId: 1, requestId: '3', url: page, time: 100 })).visitId;
  attributeRequest(state, main(1, '3', page, 150));
  // Request ids start again too.
  const { visits } = fold(state, [
    main(1, '3', page, 5200),
    ff(1, page, 5300),
    nav({ tabId: 1, requestId: '3', url: page, time: 5100 }),
    ff(1, page, 5400),
  ]);
  expect(visits[0]).not.toBe(before);
  expect(visits).toEqual(visits.map(() => visits[0]));
});

test("a tab with no page yet: sub-resources before the main-frame request's end and the start are one visit; the main-frame request joins it", () => {
  const state = emptyPageState();
  const page = 'https://big.example/long-page';
  const { visits, changes } = fold(state, [
    ff(2, page, 2000, { url: 'https://cdn.example/early.js' }),
    main(2, '9', page, 2100),
    ff(2, page, 2200, { url: 'https://cdn.example/late.js' }),
    nav({ tabId: 2, requestId: '9', url: page, time: 1500 }),
  ]);
  expect(new Set(visits).size).toBe(1);
  expect(new Set(changes.map((change) => (change as { visitId: number }).visitId))).toEqual(new Set(visits));
  // The start after the requests is still a start: a request after it is the same page's.
  expect(attributeRequest(state, ff(2, page, 2300)).visitId).toBe(visits[0]);
});

test('a start that comes while the main-frame request is still on its way: the request brings about the same visit', () => {
  const state = emptyPageState();
  const page = 'https://slow.example/';
  const first = attributeRequest(state, ff(2, page, 2000, { url: 'https://cdn.example/a.js' })).visitId;
  // A redirect hop told before the start was given a visit of its own; the page's start is the page's.
  const hop = attributeRequest(state, main(2, '9', 'http://slow.example/', 1400, { outcome: 'redirected', redirectUrl: page })).visitId;
  expect(startNavigation(state, nav({ tabId: 2, requestId: '9', url: page, time: 1500 })).visitId).toBe(first);
  expect(attributeRequest(state, main(2, '9', page, 2500))).toEqual({ visitId: first, visit: null });
  expect(hop).not.toBe(first);
  expect(state.navigations).toEqual({});
});

test('two pages of a tab in one queue (a page that moved on at once): the tab ends on the later one, and the earlier one is not shown again', () => {
  const state = emptyPageState();
  startNavigation(state, nav({ tabId: 4, url: 'https://old.example/', time: 100 }));
  const a = 'https://a.example/',
    b = 'https://b.example/';
  const { visits } = fold(state, [
    main(4, '20', a, 1100),
    ff(4, a, 1150),
    main(4, '21', b, 1300),
    ff(4, b, 1400),
    ff(4, a, 1450, { type: 'beacon' }),
    nav({ tabId: 4, requestId: '20', url: a, time: 1000 }),
    nav({ tabId: 4, requestId: '21', url: b, time: 1200 }),
  ]);
  const [ofA, , ofB, , beaconOfA] = visits;
  expect(ofA).not.toBe(ofB);
  expect(beaconOfA).toBe(ofA);
  expect(state.tabs['4']!.current?.visitId).toBe(ofB);
  expect(attributeRequest(state, ff(4, b, 1500)).visitId).toBe(ofB);
});

test("A, B, A again in one queue: the first A's unload beacon, ended after the second A's main-frame request, is the first A's", () => {
  const state = emptyPageState();
  const a = 'https://tab-first.example/',
    b = 'https://tab-second.example/';
  const { visits } = fold(state, [
    main(5, '40', a, 1100),
    ff(5, a, 1150),
    main(5, '41', b, 1300),
    ff(5, b, 1350),
    main(5, '42', a, 1500),
    ff(5, a, 1520, { type: 'beacon', url: 'https://beacon-sink.example/unload' }),
    ff(5, a, 1550),
    nav({ tabId: 5, requestId: '40', url: a, time: 1000 }),
    nav({ tabId: 5, requestId: '41', url: b, time: 1200 }),
    nav({ tabId: 5, requestId: '42', url: a, time: 1400 }),
  ]);
  const [first, , second, , third, beacon, ofThird] = visits;
  expect(new Set([first, second, third]).size).toBe(3);
  expect(beacon).toBe(first);
  expect(ofThird).toBe(third);
  expect(state.tabs['5']!.current?.visitId).toBe(third);
});

test("a start told late behind a page that started later does not move the tab back; one told after the page's first request is a new visit (a reload)", () => {
  const state = emptyPageState();
  const shown = startNavigation(state, nav({ tabId: 5, url: 'https://c.example/', time: 2000 })).visitId;
  // A navigation of the tab before c, told after it (its main-frame request was cancelled).
  const older = startNavigation(state, nav({ tabId: 5, url: 'https://aborted.example/', time: 1900 }));
  expect(older.visit).toMatchObject({ committed: true });
  expect(state.tabs['5']!.current?.visitId).toBe(shown);
  // A page known from its requests only, then reloaded: the reload starts after them.
  const inferred = attributeRequest(state, ff(6, 'https://d.example/', 3000)).visitId;
  const reload = startNavigation(state, nav({ tabId: 6, url: 'https://d.example/', time: 3100 })).visitId;
  expect(reload).not.toBe(inferred);
  expect(attributeRequest(state, ff(6, 'https://d.example/', 3200)).visitId).toBe(reload);
});

test('a download whose request ended before its start shows nothing: the tab stays on its page', () => {
  const state = emptyPageState();
  const shown = startNavigation(state, nav({ tabId: 7, url: 'https://shop.example/', time: 100 })).visitId;
  const download = attributeRequest(state, main(7, '30', 'https://shop.example/invoice.pdf', 1200));
  expect(
    startNavigation(state, nav({ tabId: 7, requestId: '30', url: 'https://shop.example/invoice.pdf', time: 1100, commits: false })).visitId,
  ).toBe(download.visitId);
  expect(attributeRequest(state, ff(7, 'https://shop.example/', 1300)).visitId).toBe(shown);
  expect(state.tabs['7']!.ended ?? []).toEqual([]);
});

test('Firefox: a restored tab whose id a tab closed at quit had, told before its start, is not the closed tab', () => {
  const state = emptyPageState();
  const closed = startNavigation(state, nav({ tabId: 2, url: 'https://old.example/', time: 100 })).visitId;
  closeTab(state, 2, 5000);
  const page = 'https://restored.example/';
  // A late beacon of the closed tab's page is still its own.
  expect(attributeRequest(state, ff(2, 'https://old.example/', 5050, { type: 'beacon' })).visitId).toBe(closed);
  const { visits } = fold(state, [main(2, '5', page, 5200), ff(2, page, 5300), nav({ tabId: 2, requestId: '5', url: page, time: 5100 })]);
  expect(visits[0]).not.toBe(closed);
  expect(visits[1]).toBe(visits[0]);
});

test("a start inferred from a page's own list, until a bound: the browser's own start of that page told late is the same visit, a later one is a reload", () => {
  const state = emptyPageState();
  const page = 'https://startup.example/index.html?v=1';
  // The list was read before Firefox handed over the page's start (a background still starting).
  const inferred = startNavigation(state, nav({ tabId: 1, requestId: 'w1.7647', url: page, time: 7647 }), 8000).visitId;
  expect(startNavigation(state, nav({ tabId: 1, requestId: '11', url: page, time: 7766 })).visitId).toBe(inferred);
  expect(attributeRequest(state, main(1, '11', page, 7866))).toEqual({ visitId: inferred, visit: null });
  expect(attributeRequest(state, ff(1, page, 8054)).visitId).toBe(inferred);
  const reload = startNavigation(state, nav({ tabId: 1, requestId: '12', url: page, time: 9000 })).visitId;
  expect(reload).not.toBe(inferred);
  // Without a bound, an inferred start is final: a start of the same address after it is another page.
  const other = emptyPageState();
  const first = startNavigation(other, nav({ tabId: 1, requestId: 'w1.100', url: page, time: 100 })).visitId;
  expect(startNavigation(other, nav({ tabId: 1, requestId: '3', url: page, time: 150 })).visitId).not.toBe(first);
});

test("Chromium session restore: a page known from its requests by its origin only, then its main-frame request's end, is one visit", () => {
  const state = emptyPageState();
  const page = 'https://restore-4.example/index.html?v=4';
  // The worker became ready while the restored page loaded: its start was lost, its later
  // sub-resources came first (Chrome names only the origin of the document that sent them).
  const chrome = (time: number, url: string) =>
    req({
      tabId: 9,
      time,
      url,
      initiator: 'https://restore-4.example',
      documentId: 'D4',
      documentLifecycle: 'active',
      frameType: 'outermost_frame',
    });
  const { visits, changes } = fold(state, [
    chrome(3000, 'https://restore-4.example/app.js'),
    main(9, '77', page, 3050),
    chrome(3100, 'https://cdn.example/late.js'),
  ]);
  expect(new Set(visits).size, 'the main-frame request and the sub-resources are one visit').toBe(1);
  expect(new Set(changes.map((change) => (change as { visitId: number }).visitId))).toEqual(new Set(visits));
});

test("Chromium: a page known by its origin, named by its own list, then its main-frame request's end: one visit, stored under its address", () => {
  const state = emptyPageState();
  const page = 'https://restore-5.example/index.html?v=5';
  const inferred = attributeRequest(
    state,
    req({ tabId: 8, time: 3000, initiator: 'https://restore-5.example', documentId: 'D5', documentLifecycle: 'active' }),
  ).visitId;
  expect(knownPage(state, 8, page)).toEqual({ visitId: inferred, byOrigin: true });
  expect(state.tabs['8']!.current?.url).toBe('https://restore-5.example/index.html');
  expect(attributeRequest(state, main(8, '78', page, 3050)).visitId).toBe(inferred);
  // Known by its origin only until the main-frame request named it: the visit takes its address.
  const other = emptyPageState();
  const byOrigin = attributeRequest(
    other,
    req({ tabId: 8, time: 3000, initiator: 'https://restore-5.example', documentId: 'D5', documentLifecycle: 'active' }),
  );
  expect(attributeRequest(other, main(8, '79', page, 3050))).toEqual({
    visitId: byOrigin.visitId,
    visit: { visitId: byOrigin.visitId, tabId: 8, time: 3050, url: page, committed: true },
  });
});

test("Chromium start-up: a page's main-frame request ended before its start was told, then its sub-resources (named by their origin only) are one visit", () => {
  const state = emptyPageState();
  const page = 'https://startup.example/index.html?v=1';
  // The first page of a fresh profile, seen as the worker became ready: its start never told,
  // its main-frame request's end first, then its sub-resources, which name only its origin.
  const chrome = (time: number, url: string) =>
    req({
      tabId: 5,
      time,
      url,
      initiator: 'https://startup.example',
      documentId: 'S1',
      documentLifecycle: 'active',
      frameType: 'outermost_frame',
    });
  const { visits, changes } = fold(state, [
    main(5, '12', page, 1349),
    chrome(1410, 'https://startup.example/style.css'),
    chrome(1490, 'https://cdn.example/app.js'),
  ]);
  expect(new Set(visits).size, 'the main-frame request and the sub-resources are one visit').toBe(1);
  expect(changes.every((change) => !(change as { inferred?: boolean }).inferred)).toBe(true);
  // A page of that origin the tab already shows keeps its sub-resources (a file saved from it ends like a page).
  const shown = emptyPageState();
  const before = startNavigation(shown, nav({ tabId: 5, requestId: '1', url: 'https://startup.example/', time: 100 })).visitId;
  attributeRequest(shown, main(5, '1', 'https://startup.example/', 150));
  attributeRequest(shown, main(5, '13', 'https://startup.example/file.pdf', 900));
  expect(attributeRequest(shown, chrome(1000, 'https://startup.example/late.js')).visitId).toBe(before);
});
