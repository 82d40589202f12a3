import { test, expect } from '@playwright/test';
import { attributeRequest, emptyPageState, startNavigation } from '../../src/capture/page-context.js';
import { isInternalRedirect, serviceWorkerNavigation, toObservation } from '../../src/capture/observation.js';
import type { Observation } from '../../src/shared/types.js';
import { nav, req } from './helpers/page-events.js';

const chrome = (origin: string, documentId: string, over: Partial<Observation> = {}) =>
  req({ initiator: origin, documentId, documentLifecycle: 'active', ...over });

test('Chrome: a page no event told of (a service worker answered it) is a visit of its own, from its first request', () => {
  const state = emptyPageState();
  const a = startNavigation(state, nav({ url: 'https://a.example/' })).visitId;
  const b = startNavigation(state, nav({ url: 'https://b.example/' })).visitId;
  const first = attributeRequest(state, chrome('https://app.example', 'D-APP', { url: 'https://pixel.example/p.gif' }));
  expect(first.visit).toMatchObject({ url: 'https://app.example', committed: true, inferred: true, tabId: 1 });
  expect([a, b]).not.toContain(first.visitId);
  // The page's next requests are its own; a late request of the page before is still that page's.
  expect(attributeRequest(state, chrome('https://app.example', 'D-APP')).visitId).toBe(first.visitId);
  expect(attributeRequest(state, chrome('https://b.example', 'D-B', { type: 'ping' })).visitId).toBe(b);
});

test("Chrome: a page's first requests told before its commit (frameId of its frame tree node, no lifecycle) show the page, a sub-frame's do not", () => {
  const state = emptyPageState();
  startNavigation(state, nav({ url: 'https://a.example/' }));
  // Seen in Chromium 156 on a busy machine: the committing document's first requests carry frameId 5.
  const committing = { frameId: 5, documentLifecycle: null, frameType: 'outermost_frame' };
  const first = attributeRequest(state, chrome('https://app.example', 'D-APP', { ...committing, url: 'https://pixel.example/p.gif' }));
  expect(first.visit).toMatchObject({ url: 'https://app.example', inferred: true });
  expect(attributeRequest(state, chrome('https://app.example', 'D-APP')).visitId).toBe(first.visitId);
  // A sub-frame's request in the same state names the frame's origin: no page.
  const shown = first.visitId;
  expect(attributeRequest(state, chrome('https://widget.example', 'D-W', { ...committing, frameType: 'sub_frame' }))).toEqual({
    visitId: shown,
    visit: null,
  });
  // Nor one without a document (a page's own report).
  expect(attributeRequest(state, req({ ...committing, initiator: 'https://other.example' }))).toEqual({ visitId: shown, visit: null });
});

test('Chrome: a late request of a page the tab left twice ago (failed, or a beacon) makes no visit', () => {
  const state = emptyPageState();
  startNavigation(state, nav({ url: 'https://redirect.example/' }));
  startNavigation(state, nav({ url: 'https://b.example/' }));
  const shown = startNavigation(state, nav({ url: 'https://c.example/' })).visitId;
  for (const late of [
    { outcome: 'failed' as const, error: 'net::ERR_ABORTED', statusCode: null },
    { type: 'ping' },
    { type: 'csp_report' },
  ]) {
    expect(attributeRequest(state, chrome('https://redirect.example', 'D-R', late))).toEqual({ visitId: shown, visit: null });
  }
});

test('Chrome: no page is inferred from the shown origin, a report with no document, a frame or a document not active', () => {
  const state = emptyPageState();
  const shown = startNavigation(state, nav({ url: 'https://a.example/one' })).visitId;
  // Same origin: a new document cannot be told from the page itself (history.pushState keeps it, too).
  expect(attributeRequest(state, chrome('https://a.example', 'D-2'))).toEqual({ visitId: shown, visit: null });
  // A page's own report of what it loaded names no document.
  expect(attributeRequest(state, req({ initiator: 'https://other.example/page' }))).toEqual({ visitId: shown, visit: null });
  // A frame's request: its origin is the frame's, not the page's; nor a frame moving itself (its navigation, from the top frame's children).
  expect(attributeRequest(state, chrome('https://widget.example', 'D-W', { frameId: 7 }))).toEqual({ visitId: shown, visit: null });
  expect(
    attributeRequest(
      state,
      chrome('https://ads.example', 'D-AD', { type: 'sub_frame', frameId: 9, parentFrameId: 0, url: 'https://ads.example/next.html' }),
    ),
  ).toEqual({ visitId: shown, visit: null });
  for (const lifecycle of ['prerender', 'pending_deletion', 'cached']) {
    expect(attributeRequest(state, chrome('https://gone.example', 'D-G', { documentLifecycle: lifecycle }))).toEqual({
      visitId: shown,
      visit: null,
    });
  }
  // Opaque origins (sandboxed pages) and other schemes name no page.
  expect(attributeRequest(state, chrome('null', 'D-N'))).toEqual({ visitId: shown, visit: null });
  expect(attributeRequest(state, chrome('chrome-extension://abc', 'D-E'))).toEqual({ visitId: shown, visit: null });
});

test('Firefox: a top document no event told of starts a visit only in a tab with no known page (no lifecycle to tell a page being left)', () => {
  const state = emptyPageState();
  const opened = attributeRequest(state, req({ topUrl: 'https://app.example/inbox?id=3' }));
  expect(opened.visit).toMatchObject({ url: 'https://app.example/inbox?id=3', inferred: true, committed: true });
  expect(attributeRequest(state, req({ topUrl: 'https://app.example/inbox?id=3', frameId: 4 })).visitId).toBe(opened.visitId);
  const shown = startNavigation(state, nav({ url: 'https://a.example/one' })).visitId;
  // A page left before the one before (its unload beacon), or one changed in place: the shown page.
  expect(attributeRequest(state, req({ topUrl: 'https://gone.example/', type: 'beacon' }))).toEqual({ visitId: shown, visit: null });
  expect(attributeRequest(state, req({ topUrl: 'https://a.example/two' }))).toEqual({ visitId: shown, visit: null });
});

// Firefox's hand-over of a request to a page's service worker: an internal redirect to itself, status 0.
const firefoxHandOff = (type: string, over: Record<string, unknown> = {}) => ({
  requestId: '9',
  url: 'https://app.example/',
  redirectUrl: 'https://app.example/',
  statusCode: 0,
  type,
  tabId: 1,
  frameId: 0,
  timeStamp: 1_764_000_000_000,
  ...over,
});

test("internal redirects (HTTPS upgrades, hand-overs to a service worker) are told from a server's", () => {
  expect(isInternalRedirect(firefoxHandOff('image'))).toBe(true);
  expect(isInternalRedirect(firefoxHandOff('image', { statusCode: undefined }))).toBe(true);
  // Chrome's HSTS upgrade, and a server's 307 that is not one.
  expect(isInternalRedirect({ statusCode: 307, statusLine: 'HTTP/1.1 307 Internal Redirect' })).toBe(true);
  expect(isInternalRedirect({ statusCode: 307, statusLine: 'HTTP/1.1 307 Temporary Redirect' })).toBe(false);
  // A server that words its own 307 so, or any answer with an address, is a server's.
  expect(isInternalRedirect({ statusCode: 307, statusLine: 'HTTP/1.1 307 Internal Redirect', ip: '192.0.2.1' })).toBe(false);
  expect(isInternalRedirect({ statusCode: 0, ip: '192.0.2.1' })).toBe(false);
  expect(isInternalRedirect({ statusCode: 302, statusLine: 'HTTP/1.1 302 Found' })).toBe(false);
  expect(isInternalRedirect({ statusCode: 301 })).toBe(false);
  expect(isInternalRedirect(null)).toBe(false);
});

test("Firefox: a navigation's hand-over to a service worker starts its page; nothing else does", () => {
  const navigation = serviceWorkerNavigation(toObservation(firefoxHandOff('main_frame'), 'redirected')!);
  expect(navigation).toEqual({
    requestId: '9',
    time: 1_764_000_000_000,
    url: 'https://app.example/',
    tabId: 1,
    frameId: 0,
    statusCode: null,
    documentLifecycle: null,
    commits: true,
  });
  const state = emptyPageState();
  const before = startNavigation(state, nav({ url: 'https://news.example/' })).visitId;
  const visitId = startNavigation(state, navigation!).visitId;
  expect(attributeRequest(state, req({ topUrl: 'https://app.example/' })).visitId).toBe(visitId);
  // A worker that sends the navigation on to the network: its response comes for the same request, still one page.
  expect(startNavigation(state, { ...navigation!, time: navigation!.time + 5 }).visitId).toBe(visitId);
  expect(attributeRequest(state, req({ topUrl: 'https://app.example/' })).visitId).toBe(visitId);
  expect(
    attributeRequest(state, req({ initiator: 'https://news.example', type: 'ping' })).visitId,
    'the page before is still the previous one',
  ).toBe(before);
  // Hand-overs whose end never comes do not pile up.
  for (let i = 0; i < 200; i++) startNavigation(state, { ...navigation!, requestId: `h${i}` });
  expect(Object.keys(state.navigations).length).toBeLessThanOrEqual(64);
  // A sub-resource's hand-over, and an upgrade to another address, start nothing.
  expect(serviceWorkerNavigation(toObservation(firefoxHandOff('image'), 'redirected')!)).toBeNull();
  expect(serviceWorkerNavigation(toObservation(firefoxHandOff('main_frame', { url: 'http://app.example/' }), 'redirected')!)).toBeNull();
});
