/**
 * Chrome prerendering (the omnibox's "Preload pages", Google Search's top results, any site's
 * Speculation Rules) as Chrome reports it. A prerendered page's requests come from its own
 * frame tree: frameId = its FrameTreeNode id, documentLifecycle 'prerender'. When the user
 * goes to it, no request is made: the page moves into the tab, where frameId 0 means "the
 * primary main frame", so its later requests come from frameId 0 with lifecycle 'active' and the
 * same documentId (Chromium ExtensionApiFrameIdMap::GetFrameId: 0 iff IsInPrimaryMainFrame()).
 * A page restored from the back/forward cache likewise comes back without a request.
 */
import { test, expect } from '@playwright/test';
import { attributeRequest, emptyPageState, startNavigation } from '../../src/capture/page-context.js';
import { toNavigationStart, toObservation } from '../../src/capture/observation.js';

let ids = 0;
const chrome = (over: Record<string, unknown>) => ({
  requestId: String(++ids),
  timeStamp: Date.now(),
  method: 'GET',
  type: 'script',
  tabId: 1,
  frameId: 0,
  parentFrameId: -1,
  frameType: 'outermost_frame',
  documentLifecycle: 'active',
  statusCode: 200,
  ...over,
});
const request = (over: Record<string, unknown>) => toObservation(chrome(over), 'completed')!;
const navigation = (over: Record<string, unknown>) => toNavigationStart(chrome({ type: 'main_frame', ...over }))!;

for (const [name, target] of [
  ['cross-site (a search result)', 'https://news.example/story'],
  ['same-site (Speculation Rules)', 'https://search.example/next'],
] as const) {
  test(`a ${name} prerender shown in the tab becomes its page, and its later requests are its own`, () => {
    const state = emptyPageState();
    const results = startNavigation(state, navigation({ url: 'https://search.example/?q=x' })).visitId;
    expect(
      attributeRequest(state, request({ url: 'https://search.example/r.js', initiator: 'https://search.example', documentId: 'D-RESULTS' }))
        .visitId,
    ).toBe(results);
    const origin = new URL(target).origin;
    const pre = startNavigation(state, navigation({ url: target, frameId: 42, documentLifecycle: 'prerender' }));
    expect(pre.visit).toMatchObject({ prerender: true });
    const during = { frameId: 42, documentLifecycle: 'prerender', initiator: origin, documentId: 'D-TARGET' };
    expect(attributeRequest(state, request({ url: `${origin}/app.css`, ...during })).visitId).toBe(pre.visitId);
    // The user clicks the result: the prerendered document is now the tab's primary main frame.
    const after = { frameId: 0, documentLifecycle: 'active', initiator: origin, documentId: 'D-TARGET' };
    const first = attributeRequest(state, request({ url: 'https://analytics.example/collect', type: 'ping', ...after }));
    expect(first).toEqual({ visitId: pre.visitId, visit: expect.objectContaining({ activated: true }) });
    expect(attributeRequest(state, request({ url: `${origin}/more.js`, ...after })).visitId).toBe(pre.visitId);
    // A late request of the results page still belongs to it.
    expect(
      attributeRequest(
        state,
        request({
          url: 'https://search.example/unload',
          type: 'ping',
          initiator: 'https://search.example',
          documentId: 'D-RESULTS',
          documentLifecycle: 'pending_deletion',
        }),
      ).visitId,
    ).toBe(results);
  });
}

test("the prerendered page's own report of what it loaded (no lifecycle, sent while prerendered) does not show it; its first active request does", () => {
  // The order Chromium 156 gave with no DevTools attached (DevTools disables prerendering).
  const state = emptyPageState();
  const start = startNavigation(state, navigation({ url: 'https://prerender.example/auto.html' })).visitId;
  expect(toNavigationStart(chrome({ type: 'main_frame', url: 'https://prerender.example/next.html', documentId: 'D-START' }))).toBeNull();
  const pre = startNavigation(
    state,
    navigation({
      url: 'https://prerender.example/next.html',
      frameId: 4,
      documentLifecycle: 'prerender',
      initiator: 'https://prerender.example',
    }),
  );
  expect(
    attributeRequest(
      state,
      request({
        url: 'https://cdn.example/while.gif',
        type: 'image',
        frameId: 4,
        documentLifecycle: 'prerender',
        documentId: 'D-NEXT',
        initiator: 'https://prerender.example',
      }),
    ).visitId,
  ).toBe(pre.visitId);
  // The page's witness report, as ingest turns it into observations: frame 4, no lifecycle, no documentId.
  const witnessed = attributeRequest(
    state,
    request({
      url: 'https://cdn.example/while.gif',
      type: 'image',
      frameId: 4,
      documentLifecycle: null,
      documentId: null,
      initiator: 'https://prerender.example/next.html',
    }),
  );
  expect(witnessed).toEqual({ visitId: pre.visitId, visit: null });
  expect(state.tabs['1']!.current!.visitId).toBe(start);
  const shown = attributeRequest(
    state,
    request({
      url: 'https://cdn.example/after.gif',
      type: 'image',
      frameId: 0,
      documentLifecycle: 'active',
      documentId: 'D-NEXT',
      initiator: 'https://prerender.example',
    }),
  );
  expect(shown).toEqual({ visitId: pre.visitId, visit: expect.objectContaining({ activated: true }) });
});

test('a prerender that is dropped (pending_deletion) is not taken for shown', () => {
  const state = emptyPageState();
  startNavigation(state, navigation({ url: 'https://search.example/?q=x' }));
  const pre = startNavigation(state, navigation({ url: 'https://news.example/', frameId: 42, documentLifecycle: 'prerender' }));
  attributeRequest(state, request({ frameId: 42, documentLifecycle: 'prerender', documentId: 'D-PRE', url: 'https://news.example/a.js' }));
  const dropped = attributeRequest(
    state,
    request({ frameId: 42, documentLifecycle: 'pending_deletion', documentId: 'D-PRE', url: 'https://news.example/b.js' }),
  );
  expect(dropped).toEqual({ visitId: pre.visitId, visit: null });
  expect(state.tabs['1']!.current!.url).toBe('https://search.example/');
});

test('back to a page kept in the back/forward cache: no request is made, its later requests are still its own', () => {
  const state = emptyPageState();
  const a = startNavigation(state, navigation({ url: 'https://shop.example/list' })).visitId;
  expect(
    attributeRequest(state, request({ url: 'https://shop.example/a.js', initiator: 'https://shop.example', documentId: 'D-LIST' })).visitId,
  ).toBe(a);
  const b = startNavigation(state, navigation({ url: 'https://shop.example/item/1' })).visitId;
  expect(
    attributeRequest(state, request({ url: 'https://shop.example/b.js', initiator: 'https://shop.example', documentId: 'D-ITEM' })).visitId,
  ).toBe(b);
  // Back: the list page is restored from the cache and polls again.
  expect(
    attributeRequest(
      state,
      request({ url: 'https://shop.example/api/cart', type: 'xmlhttprequest', initiator: 'https://shop.example', documentId: 'D-LIST' }),
    ).visitId,
  ).toBe(a);
});
