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
 */
import type { NavigationStart, Observation } from '../shared/types.js';

export interface PageRef {
  visitId: number;
  url: string;
  origin: string;
  frameId: number;
  /** Chrome's documentId of the page's top document, once a request of it told. */
  doc?: string;
}

export interface TabPages {
  current: PageRef | null;
  previous: PageRef | null;
  /**
   * Pages before `previous` whose documentId is known (newest last): a page's unload beacon
   * can come after the tab has moved on twice (A → B → A again, quickly), and only its
   * documentId then tells it from the new A's requests.
   */
  older?: PageRef[];
  prerenders: PageRef[];
  /** frameId → visit, for frames inside the tab's pages. */
  frames: Record<string, number>;
}

export interface PageState {
  nextVisitId: number;
  tabs: Record<string, TabPages>;
  /** Recently closed tabs → [the visit they showed, when closed]: late requests (unload beacons) still belong to it. */
  closed?: Record<string, [number, number]>;
  /** Main-frame request id → the visit it is bringing about (kept across its redirects). */
  navigations: Record<string, number>;
}

/** What the store must create or update for a visit. */
export interface VisitChange {
  visitId: number;
  tabId: number;
  time: number;
  url: string;
  /** The top-level response has started: the browser shows this page. */
  committed?: boolean;
  prerender?: boolean;
  /** Set when a prerendered page becomes the one shown. */
  activated?: boolean;
  /** The visit's start was not seen, only its requests (see unseenPage). */
  inferred?: boolean;
}

export interface Attribution {
  /** 0 when the request belongs to no page (no tab, or a tab Upstream knows nothing of). */
  visitId: number;
  visit: VisitChange | null;
}

const MAX_PRERENDERS = 4;
const MAX_OLDER = 4;
const MAX_FRAMES = 256;

/** The tab moves on to `page`: the current page becomes the previous one, and the previous one, if its document is known, one of the older ones. */
function moveOn(pages: TabPages, page: PageRef): void {
  if (pages.previous?.doc) pages.older = [...(pages.older ?? []), pages.previous].slice(-MAX_OLDER);
  pages.previous = pages.current;
  pages.current = page;
  pages.frames = {};
}

export function emptyPageState(): PageState {
  return { nextVisitId: 1, tabs: {}, navigations: {} };
}

function originOf(url: string | null): string | null {
  const match = url ? /^(https?:\/\/[^/?#]+)/i.exec(url) : null;
  return match ? match[1]!.toLowerCase() : null;
}

/**
 * Pages are remembered by URL without query string or fragment: the state is stored on
 * disk with the rows, and queries often carry personal data. (Firefox's top document URL
 * is compared the same way.)
 */
function pageKey(url: string): string {
  const cut = url.search(/[?#]/);
  return (cut < 0 ? url : url.slice(0, cut)).replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
}

function tab(state: PageState, tabId: number): TabPages {
  const key = String(tabId);
  return (state.tabs[key] ??= { current: null, previous: null, prerenders: [], frames: {} });
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

function navigationVisit(state: PageState, requestId: string): number {
  const key = navKey(requestId);
  if (Object.hasOwn(state.navigations, key)) return state.navigations[key]!;
  const keys = Object.keys(state.navigations);
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_NAVIGATIONS + 1))) delete state.navigations[old];
  return (state.navigations[key] = allocate(state));
}

/** A top-level response started: the tab now shows a new page (or prerenders one). */
export function startNavigation(state: PageState, nav: NavigationStart): Attribution {
  if (nav.tabId < 0) return { visitId: 0, visit: null };
  const visitId = navigationVisit(state, nav.requestId);
  if (!nav.commits) return { visitId, visit: { visitId, tabId: nav.tabId, time: nav.time, url: nav.url } };
  // A tab that shows a new page is open: a closed tab of the same id was another one (Firefox
  // numbers tabs from 1 again in each session, so a restored tab takes a closed tab's id).
  if (state.closed) delete state.closed[String(nav.tabId)];
  const pages = tab(state, nav.tabId);
  const page: PageRef = { visitId, url: pageKey(nav.url), origin: originOf(nav.url) ?? '', frameId: nav.frameId };
  const prerender = nav.documentLifecycle === 'prerender';
  if (prerender) {
    pages.prerenders = [...pages.prerenders.filter((p) => p.frameId !== nav.frameId), page].slice(-MAX_PRERENDERS);
  } else if (pages.current?.visitId === visitId) {
    // The same navigation told twice (Firefox: handed to a service worker that sent it on to
    // the network, then its response): still the one page.
    pages.current = { ...page, doc: pages.current.doc };
  } else {
    moveOn(pages, page);
  }
  return { visitId, visit: { visitId, tabId: nav.tabId, time: nav.time, url: nav.url, committed: true, prerender } };
}

function byUrl(pages: TabPages, url: string): PageRef | undefined {
  const wanted = pageKey(url);
  return [pages.current, pages.previous, ...pages.prerenders].find((p): p is PageRef => !!p && p.url === wanted);
}

/** The visit of a page the tab shows, showed just before, or prerenders, by its URL (0: none). */
export function knownPage(state: PageState, tabId: number, url: string): { visitId: number; byOrigin: boolean } | null {
  const pages = state.tabs[String(tabId)];
  if (!pages) return null;
  const page = byUrl(pages, url);
  if (page) return { visitId: page.visitId, byOrigin: false };
  // Chrome tells an inferred page by its origin only (unseenPage).
  const origin = originOf(url);
  const inferred = [pages.current, pages.previous].find((p) => p && p.url === p.origin && p.origin === origin);
  return inferred ? { visitId: inferred.visitId, byOrigin: true } : null;
}

function activate(pages: TabPages, page: PageRef): void {
  pages.prerenders = pages.prerenders.filter((p) => p !== page);
  moveOn(pages, page);
}

/** The page a request from `frameId` in this tab belongs to. */
function pageOfFrame(state: PageState, obs: Observation, frameId: number): Attribution {
  const pages = tab(state, obs.tabId);
  if (obs.topUrl) {
    const known = byUrl(pages, obs.topUrl);
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
    return { visitId: prerendered.visitId, visit: { visitId: prerendered.visitId, tabId: obs.tabId, time: obs.time, url: prerendered.url, activated: true } };
  }
  const framed = pages.frames[String(frameId)];
  if (frameId > 0 && framed !== undefined) return { visitId: framed, visit: null };
  const initiator = originOf(obs.initiator);
  if (pages.previous && pages.current && initiator === pages.previous.origin && initiator !== pages.current.origin) {
    return { visitId: pages.previous.visitId, visit: null };
  }
  const unseen = unseenPage(pages, obs, frameId);
  if (unseen) {
    const visitId = allocate(state);
    moveOn(pages, { visitId, url: pageKey(unseen.url), origin: unseen.origin, frameId: 0 });
    return { visitId, visit: { visitId, tabId: obs.tabId, time: obs.time, url: unseen.url, committed: true, inferred: true } };
  }
  if (pages.current) {
    // Learned from its own origin only: the page it replaced stays active until the new one commits.
    if (doc && obs.frameId === 0 && obs.documentLifecycle === 'active' && initiator === pages.current.origin) pages.current.doc ??= doc;
    return { visitId: pages.current.visitId, visit: null };
  }
  return { visitId: 0, visit: null };
}

const BEACON_TYPES = new Set(['ping', 'beacon', 'csp_report']);

/**
 * A page the tab shows though no event told that it started, as far as the request tells:
 * - the tab was open before Upstream started (it knows no page of it yet);
 * - a service worker answered the navigation: Chrome then reports no request for the page
 *   at all, so an app shell served by its worker started no visit and its requests went to
 *   the page before, of another site (seen in Chromium 156, test/fixtures/sites/app.example;
 *   the same trap in Privacy Badger: https://github.com/EFForg/privacybadger/issues/2327,
 *   https://github.com/w3c/webextensions/issues/554). Firefox says so, and its hand-over
 *   is a navigation start (observation.ts, serviceWorkerNavigation);
 * - the worker was stopped when the page's response started, and that event was lost.
 * Once the tab shows a known page, only a request Chrome says comes from an active document
 * counts: a page being left sends its last requests (unload beacons) as 'pending_deletion',
 * and Firefox, which says nothing of the kind, could start a visit of a page the person just
 * left (a page's own report of what it loaded says nothing either). Firefox names the top
 * document of every request; Chrome only the origin of the document that sent it, which is
 * the page's own for the top frame. Only an origin other than the shown page's and the one
 * before counts as a new page: a page of the same origin cannot be told from one that
 * changed its address in place (history.pushState), and a late request of the page before
 * is its own (above). Older pages are found by their documentId only.
 */
function unseenPage(pages: TabPages, obs: Observation, frameId: number): { url: string; origin: string } | null {
  const url = obs.topUrl ?? (frameId === 0 ? obs.initiator : null);
  const origin = originOf(url);
  if (!url || !origin) return null;
  if (!pages.current) return { url, origin };
  if (!obs.documentId || obs.documentLifecycle !== 'active') return null;
  // The top frame's own requests only: a frame's navigation names the frame's origin when
  // the frame moves itself (an ad frame going to its next ad).
  if (obs.frameId !== 0) return null;
  // A page's late requests can outlast two moves of its tab (a redirect page whose requests
  // end after the tab went on): a request that failed or a beacon tells of no page shown.
  if (obs.outcome !== 'completed' || BEACON_TYPES.has(obs.type)) return null;
  const remembered = [pages.current, pages.previous, ...pages.prerenders];
  return remembered.some((page) => page?.origin === origin) ? null : { url, origin };
}

/** Attributes one recorded request to its page visit, updating the state. */
export function attributeRequest(state: PageState, obs: Observation): Attribution {
  if (obs.tabId < 0) return { visitId: 0, visit: null };
  const closed = state.closed?.[String(obs.tabId)];
  if (closed) return { visitId: closed[0], visit: null };
  if (obs.type === 'main_frame') {
    const fresh = !Object.hasOwn(state.navigations, navKey(obs.requestId));
    const visitId = navigationVisit(state, obs.requestId);
    if (obs.outcome !== 'redirected') delete state.navigations[navKey(obs.requestId)];
    return { visitId, visit: fresh ? { visitId, tabId: obs.tabId, time: obs.time, url: obs.url } : null };
  }
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
  state.closed ??= {};
  if (last) state.closed[key] = [last.visitId, time];
  for (const [id, [, closedAt]] of Object.entries(state.closed)) if (time - closedAt > CLOSED_TTL_MS) delete state.closed[id];
}
