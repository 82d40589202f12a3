/**
 * Which page visit a request belongs to. Pure: it folds the journal's events, in order,
 * into a small state that the store keeps with the rows it writes (so a restarted worker
 * carries on exactly where the old one stopped).
 *
 * A visit starts when a top-level response starts (not when the main-frame request ends:
 * the page's sub-resources are already loading by then). Requests then belong to the
 * current page of their tab, with these refinements:
 * - Firefox tells the top document URL of every request (`topUrl`): it decides.
 * - a frame's requests belong to the page that created the frame (frames are learned from
 *   their `sub_frame` requests), even after the tab moved on;
 * - a top-frame request whose initiator is the previous page's origin and not the current
 *   one's (a beacon sent on unload) belongs to the previous page;
 * - prerendered pages (Chrome) are visits of their own, flagged until activated;
 * - Chrome names the document that sent each request (`documentId`): once a page's is known,
 *   it decides. A prerendered page is shown without any request, and its later requests come
 *   from frameId 0 like those of the page it replaced: only its documentId tells them apart
 *   (frameId 0 is "the primary main frame": https://source.chromium.org/chromium/chromium/src/+/main:extensions/browser/extension_api_frame_id_map.cc).
 *   A page restored from the back/forward cache comes back without a request too.
 * - a page's start can be told after its own requests (startNavigation): the tab's pages are
 *   ordered by when they started, not by when Upstream heard of them.
 */
import { dictionary } from '../shared/dictionary.js';
import type { NavigationStart, Observation } from '../shared/types.js';
import type { Attribution, PageRef, PageState, TabPages } from './page-state.js';
import { byUrl, lateStart, mayBe, newerThanShown, rememberEnded, sentFrom, untold } from './page-order.js';
import { BEACON_TYPES, unseenPage } from './page-unseen.js';
import { originOf, pageKey } from './page-url.js';

export { emptyPageState } from './page-state.js';
export type { Attribution, PageState, VisitChange } from './page-state.js';

const MAX_PRERENDERS = 4;
const MAX_OLDER = 4;
const MAX_FRAMES = 256;

/**
 * The tab moves on to `page`: the current page becomes the previous one, and the previous one,
 * if its document is known or its main-frame request waits for its start, one of the older ones.
 */
function moveOn(pages: TabPages, page: PageRef): void {
  if (pages.previous === page) pages.previous = null;
  pages.older = pages.older?.filter((p) => p !== page);
  // Kept when it can still be told apart: by its document (Chrome), its main-frame request
  // waiting for its start, or its start (a beacon sent as it was left: page-order.ts, sentFrom).
  if (pages.previous?.doc || pages.previous?.requestId !== undefined || pages.previous?.start !== undefined)
    pages.older = [...(pages.older ?? []), pages.previous].slice(-MAX_OLDER);
  pages.previous = pages.current;
  pages.current = page;
  pages.frames = dictionary();
}

function tab(state: PageState, tabId: number): TabPages {
  const key = String(tabId);
  return (state.tabs[key] ??= { current: null, previous: null, prerenders: [], frames: dictionary() });
}

function allocate(state: PageState): number {
  return state.nextVisitId++;
}

/** Keys are prefixed: a request id such as "constructor" must not meet Object.prototype. */
const navKey = (requestId: string) => `r${requestId}`;

/**
 * Navigations in flight are few; one whose end never comes (Firefox reports nothing after
 * handing a navigation to a service worker that answers it from its cache) must not stay for
 * good, so the oldest go past this many.
 */
const MAX_NAVIGATIONS = 64;

/** The visit a main-frame request brings about (`visitId`: of a page its requests told of already). */
function navigationVisit(state: PageState, requestId: string, visitId?: number): number {
  const key = navKey(requestId);
  if (Object.hasOwn(state.navigations, key)) return state.navigations[key]!;
  const keys = Object.keys(state.navigations);
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_NAVIGATIONS + 1))) delete state.navigations[old];
  return (state.navigations[key] = visitId ?? allocate(state));
}

/**
 * A top-level response started: the tab now shows a new page (or prerenders one).
 *
 * Its start can be told after the page's own requests. Firefox keeps the events of a
 * background page that is not running (at the browser's start, or suspended when idle) in
 * one queue per listener, and hands each queue over as the page adds that listener
 * (EventManager in toolkit/components/extensions/ExtensionCommon.sys.mjs: each primed
 * listener's `pendingEvents`, https://searchfox.org/mozilla-central/source/toolkit/components/extensions/ExtensionCommon.sys.mjs):
 * every queued onCompleted comes before every queued onResponseStarted. At a session restore
 * in Firefox ESR (test/e2e/capture-startup.spec.ts), each restored tab's main-frame request
 * and sub-resources come seconds before its start (docs/measurements.md). So a start may be that of a page
 * known already (lateStart): the page its main-frame request or its sub-resources told of.
 * And the tab moves to it only if it does not show a page that started later.
 *
 * `toldUntil`: the start is Upstream's inference (a page's own list, witness-ingest.ts), and
 * the browser's own start of the page may still come, told late: until then, a start of the
 * same address is this page's, not a reload.
 */
export function startNavigation(state: PageState, nav: NavigationStart, toldUntil?: number): Attribution {
  if (nav.tabId < 0) return { visitId: 0, visit: null };
  const known = state.tabs[String(nav.tabId)];
  const late = known ? lateStart(known, nav) : undefined;
  const visitId = late?.visitId ?? navigationVisit(state, nav.requestId);
  if (late && late.requestId === undefined) {
    // Its main-frame request is still on its way: it must bring about the same visit (not one
    // its redirect hops were given before the start was told).
    delete state.navigations[navKey(nav.requestId)];
    navigationVisit(state, nav.requestId, visitId);
  }
  if (late) known!.ended = known!.ended?.filter((p) => p !== late);
  // The browser's own start: the page's place in the tab is known now.
  if (late && toldUntil === undefined) {
    late.start = nav.time;
    delete late.by;
    delete late.requestId;
  }
  if (!nav.commits) return { visitId, visit: { visitId, tabId: nav.tabId, time: nav.time, url: nav.url } };
  // A tab that shows a new page is open: a closed tab of the same id was another one (Firefox
  // numbers tabs from 1 again in each session, so a restored tab takes a closed tab's id).
  if (state.closed) delete state.closed[String(nav.tabId)];
  const pages = tab(state, nav.tabId);
  const page: PageRef = late ?? { visitId, url: pageKey(nav.url), origin: originOf(nav.url) ?? '', frameId: nav.frameId, start: nav.time };
  const prerender = nav.documentLifecycle === 'prerender';
  if (prerender) {
    pages.prerenders = [...pages.prerenders.filter((p) => p.frameId !== nav.frameId), page].slice(-MAX_PRERENDERS);
  } else if (pages.current?.visitId === visitId) {
    // The same navigation told twice (Firefox: handed to a service worker that sent it on to
    // the network, then its response), or after its requests: still the one page.
    pages.current = { ...page, doc: pages.current.doc };
  } else if (newerThanShown(pages, nav.time)) {
    // Pages that ended before it and no request showed are behind the tab now.
    if (pages.ended) pages.ended = pages.ended.filter((p) => p.by! > nav.time);
    moveOn(pages, page);
  }
  if (toldUntil !== undefined && pages.current?.visitId === visitId) pages.current.by = Math.max(pages.current.by ?? toldUntil, toldUntil);
  return { visitId, visit: { visitId, tabId: nav.tabId, time: nav.time, url: nav.url, committed: true, prerender } };
}

function activate(pages: TabPages, page: PageRef): void {
  pages.prerenders = pages.prerenders.filter((p) => p !== page);
  moveOn(pages, page);
}

/** The page a request from `frameId` in this tab belongs to. */
function pageOfFrame(state: PageState, obs: Observation, frameId: number): Attribution {
  const pages = tab(state, obs.tabId);
  if (obs.topUrl) {
    const known =
      (BEACON_TYPES.has(obs.type) && obs.sent !== undefined ? sentFrom(pages, obs.topUrl, obs.sent) : undefined) ??
      byUrl(pages, obs.topUrl);
    // A page whose main-frame request ended before its start was told: this request shows it
    // (before a page of the same address the tab showed: a restored tab's id and address can
    // be those of the session before), unless it is a late beacon of that page (A, B, A again).
    const ended = pages.ended?.filter((p) => p.url === pageKey(obs.topUrl!)).at(-1);
    if (ended && !(known && BEACON_TYPES.has(obs.type))) return showEnded(pages, ended, obs, obs.topUrl);
    if (known) return { visitId: known.visitId, visit: null };
  }
  const doc = obs.documentId;
  const byDoc = doc ? [...pages.prerenders, ...(pages.older ?? []), pages.previous, pages.current].find((p) => p?.doc === doc) : undefined;
  if (byDoc && !pages.prerenders.includes(byDoc)) return { visitId: byDoc.visitId, visit: null };
  const prerendered = byDoc ?? pages.prerenders.find((p) => p.frameId === frameId && frameId !== 0);
  if (prerendered) {
    if (doc && obs.frameId === prerendered.frameId && obs.documentLifecycle === 'prerender') prerendered.doc ??= doc;
    // Only a request that says its document is active shows the page: a dropped prerender's
    // last requests are 'pending_deletion', and a page's own report of what it loaded (no
    // lifecycle; sent while it is still prerendered) must not switch the tab to it.
    if (obs.documentLifecycle !== 'active') return { visitId: prerendered.visitId, visit: null };
    activate(pages, prerendered);
    return {
      visitId: prerendered.visitId,
      visit: { visitId: prerendered.visitId, tabId: obs.tabId, time: obs.time, url: prerendered.url, activated: true },
    };
  }
  const framed = pages.frames[String(frameId)];
  if (frameId > 0 && framed !== undefined) return { visitId: framed, visit: null };
  const initiator = originOf(obs.initiator);
  if (pages.previous && pages.current && initiator === pages.previous.origin && initiator !== pages.current.origin) {
    return { visitId: pages.previous.visitId, visit: null };
  }
  // Chrome names no top document: a page whose main-frame request ended before its start was
  // told (the worker became ready while it loaded) is known to its sub-resources by their
  // origin, while the tab shows no page yet (with one shown, that page keeps them: a file saved
  // from it ends like a page).
  const endedHere = !obs.topUrl && !pages.current && initiator ? pages.ended?.filter((p) => p.origin === initiator).at(-1) : undefined;
  if (endedHere) {
    if (doc && obs.frameId === 0 && obs.documentLifecycle === 'active') endedHere.doc ??= doc;
    return showEnded(pages, endedHere, obs, endedHere.url);
  }
  const unseen = unseenPage(pages, obs, frameId);
  if (unseen) {
    const visitId = allocate(state);
    moveOn(pages, { visitId, url: pageKey(unseen.url), origin: unseen.origin, frameId: 0, by: obs.time });
    return { visitId, visit: { visitId, tabId: obs.tabId, time: obs.time, url: unseen.url, committed: true, inferred: true } };
  }
  if (pages.current) {
    // Learned from its own origin only: the page it replaced stays active until the new one commits.
    if (doc && obs.frameId === 0 && obs.documentLifecycle === 'active' && initiator === pages.current.origin) pages.current.doc ??= doc;
    return { visitId: pages.current.visitId, visit: null };
  }
  return { visitId: 0, visit: null };
}

/**
 * The tab shows a page whose main-frame request ended before its start was told (it was not
 * a download): the tab moves to it, unless it shows a page that started later.
 */
function showEnded(pages: TabPages, page: PageRef, obs: Observation, url: string): Attribution {
  pages.ended = pages.ended!.filter((p) => p !== page);
  if (newerThanShown(pages, page.by)) moveOn(pages, page);
  else pages.older = [...(pages.older ?? []), page].slice(-MAX_OLDER);
  return { visitId: page.visitId, visit: { visitId: page.visitId, tabId: obs.tabId, time: obs.time, url, committed: true } };
}

/** A main-frame request: it belongs to the visit it brings about, whether its start was told before or not. */
function mainFrame(state: PageState, obs: Observation): Attribution {
  const pages = state.tabs[String(obs.tabId)];
  // A redirect hop told after the request's end (Firefox hands over onCompleted before onBeforeRedirect).
  const told = pages && untold(pages).find((p) => p.requestId === obs.requestId && obs.time <= p.by!);
  if (told) return { visitId: told.visitId, visit: null };
  const fresh = !Object.hasOwn(state.navigations, navKey(obs.requestId));
  const ended = fresh && obs.outcome === 'completed';
  // The page its sub-resources already told of: by naming it their top document (Firefox), or
  // by their origin (Chrome, when the worker became ready while a restored page loaded).
  const current = pages?.current;
  const named = ended && current?.by !== undefined && current.requestId === undefined && mayBe(current, obs.url) ? current : undefined;
  const byOrigin = named !== undefined && named.url !== pageKey(obs.url);
  const visitId = named?.visitId ?? navigationVisit(state, obs.requestId);
  if (obs.outcome !== 'redirected') delete state.navigations[navKey(obs.requestId)];
  if (named) Object.assign(named, { by: obs.time, requestId: obs.requestId, url: pageKey(obs.url) });
  else if (ended)
    rememberEnded(tab(state, obs.tabId), {
      visitId,
      url: pageKey(obs.url),
      origin: originOf(obs.url) ?? '',
      frameId: 0,
      by: obs.time,
      requestId: obs.requestId,
    });
  if (byOrigin) return { visitId, visit: { visitId, tabId: obs.tabId, time: obs.time, url: obs.url, committed: true } };
  return { visitId, visit: fresh && !named ? { visitId, tabId: obs.tabId, time: obs.time, url: obs.url } : null };
}

/**
 * Whether a closed tab's id is another tab's now (Firefox numbers tabs from 1 again in each
 * session, and can tell a restored tab's requests before its start): a main-frame request that
 * went through, or a request whose top document is not the page the closed tab showed.
 */
function reopened(closed: [number, number, string?], obs: Observation): boolean {
  return (
    (obs.type === 'main_frame' && obs.outcome !== 'failed') ||
    (!!obs.topUrl && closed[2] !== undefined && pageKey(obs.topUrl) !== closed[2])
  );
}

/** Attributes one recorded request to its page visit, updating the state. */
export function attributeRequest(state: PageState, obs: Observation): Attribution {
  if (obs.tabId < 0) return { visitId: 0, visit: null };
  const closed = state.closed?.[String(obs.tabId)];
  if (closed && !reopened(closed, obs)) return { visitId: closed[0], visit: null };
  if (closed) delete state.closed![String(obs.tabId)];
  if (obs.type === 'main_frame') return mainFrame(state, obs);
  if (obs.type === 'sub_frame') {
    const parent = pageOfFrame(state, obs, obs.parentFrameId);
    const frames = tab(state, obs.tabId).frames;
    if (parent.visitId && Object.keys(frames).length < MAX_FRAMES) frames[String(obs.frameId)] = parent.visitId;
    return parent;
  }
  return pageOfFrame(state, obs, obs.frameId);
}

/** Forgets pages (their visits were deleted): later requests of those tabs start afresh. */
export function forgetVisits(state: PageState, visitIds: ReadonlySet<number>): void {
  for (const pages of Object.values(state.tabs)) {
    if (pages.current && visitIds.has(pages.current.visitId)) pages.current = null;
    if (pages.previous && visitIds.has(pages.previous.visitId)) pages.previous = null;
    pages.prerenders = pages.prerenders.filter((p) => !visitIds.has(p.visitId));
    if (pages.older) pages.older = pages.older.filter((p) => !visitIds.has(p.visitId));
    if (pages.ended) pages.ended = pages.ended.filter((p) => !visitIds.has(p.visitId));
    for (const [frame, visitId] of Object.entries(pages.frames)) if (visitIds.has(visitId)) delete pages.frames[frame];
  }
  for (const [requestId, visitId] of Object.entries(state.navigations)) if (visitIds.has(visitId)) delete state.navigations[requestId];
  for (const [tab, [visitId]] of Object.entries(state.closed ?? {})) if (visitIds.has(visitId)) delete state.closed![tab];
}

const CLOSED_TTL_MS = 60_000;

export function closeTab(state: PageState, tabId: number, time: number): void {
  const key = String(tabId);
  const last = state.tabs[key]?.current;
  delete state.tabs[key];
  state.closed ??= dictionary();
  if (last) state.closed[key] = [last.visitId, time, last.url];
  for (const [id, [, closedAt]] of Object.entries(state.closed)) if (time - closedAt > CLOSED_TTL_MS) delete state.closed[id];
}
