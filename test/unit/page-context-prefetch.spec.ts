/**
 * A page's prefetch of another page (Speculation Rules; Chrome's fallback when it cannot
 * prerender) as Chromium 156 reports it: a `main_frame` request in frameId 0 of the tab,
 * carrying the prefetching page's documentId, with lifecycle 'active' and no initiator.
 * It is a request of that page, not a navigation: no visit, the tab stays on its page.
 */
import { test, expect } from '@playwright/test';
import { attributeRequest, emptyPageState, startNavigation } from '../../src/capture/page-context.js';
import { toNavigationStart, toObservation } from '../../src/capture/observation.js';

let ids = 0;
const chrome = (over: Record<string, unknown>) => ({
  requestId: String(++ids),
  timeStamp: Date.now(),
  method: 'GET',
  type: 'image',
  tabId: 7,
  frameId: 0,
  parentFrameId: -1,
  frameType: 'outermost_frame',
  documentLifecycle: 'active',
  statusCode: 200,
  ...over,
});
const prefetch = chrome({ url: 'https://blog.example/next-post/', type: 'main_frame', documentId: 'D-START' });

test('a prefetch of a page is a speculative request of the page that asked for it, not a navigation', () => {
  expect(toNavigationStart(prefetch)).toBeNull();
  expect(toObservation(prefetch, 'completed')).toMatchObject({ type: 'speculative', documentId: 'D-START', frameId: 0 });
  // A navigation's own request names no document (it does not exist yet), a prerender's its lifecycle.
  expect(toNavigationStart(chrome({ url: 'https://blog.example/', type: 'main_frame' }))).not.toBeNull();
  expect(
    toNavigationStart(
      chrome({
        url: 'https://blog.example/next-post/',
        type: 'main_frame',
        frameId: 3,
        documentLifecycle: 'prerender',
        documentId: 'D-PRE',
      }),
    ),
  ).not.toBeNull();
});

test('the tab stays on the prefetching page: its requests stay its own until the link is followed', () => {
  const state = emptyPageState();
  const start = startNavigation(state, toNavigationStart(chrome({ url: 'https://blog.example/', type: 'main_frame' }))!).visitId;
  const ofStart = { initiator: 'https://blog.example', documentId: 'D-START' };
  expect(attributeRequest(state, toObservation(chrome({ url: 'https://cdn.example/a.gif', ...ofStart }), 'completed')!).visitId).toBe(
    start,
  );
  expect(attributeRequest(state, toObservation(prefetch, 'completed')!)).toEqual({ visitId: start, visit: null });
  expect(
    attributeRequest(state, toObservation(chrome({ url: 'https://blog.example/favicon.ico', ...ofStart }), 'completed')!).visitId,
  ).toBe(start);
  // The person follows the link: its navigation is a visit of its own.
  const followed = chrome({ url: 'https://blog.example/next-post/', type: 'main_frame', initiator: 'https://blog.example' });
  const next = startNavigation(state, toNavigationStart(followed)!);
  expect(next.visitId).not.toBe(start);
  expect(next.visit).toMatchObject({ committed: true, prerender: false });
  expect(
    attributeRequest(
      state,
      toObservation(chrome({ url: 'https://cdn.example/b.gif', initiator: 'https://blog.example', documentId: 'D-NEXT' }), 'completed')!,
    ).visitId,
  ).toBe(next.visitId);
});
