import type { Observation } from '../shared/types.js';
import type { TabPages } from './page-state.js';
import { originOf } from './page-url.js';

/** Requests a page sends as it is left (or that tell of no page shown): they come late. */
export const BEACON_TYPES = new Set(['ping', 'beacon', 'csp_report']);

/**
 * Chrome names a document whose commit it has not yet processed (its frame is not yet the
 * tab's primary main frame) by the frame's tree-node id and with no lifecycle: frameId not 0,
 * frameType 'outermost_frame', documentLifecycle absent (GetFrameId and GetDocumentLifecycle,
 * extensions/browser/extension_api_frame_id_map.cc). On a busy machine a page's first
 * requests come that way (seen in Chromium 156: news.example's first three with frameId 5);
 * for a page a service worker answered they may be all the tab tells of it. It is the top
 * frame's document about to be shown: a prerender's, which come the same way, are told by
 * their frameId before this is asked (page-context.ts, pageOfFrame).
 */
function isCommittingTopFrame(obs: Observation): boolean {
  return obs.frameType === 'outermost_frame' && obs.documentLifecycle === null && obs.frameId > 0 && !!obs.documentId;
}

/**
 * A page the tab shows though no event told that it started, as far as the request tells:
 * - the tab was open before Upstream started (it knows no page of it yet);
 * - a service worker answered the navigation: Chrome then reports no request for the page
 *   at all, so an app shell served by its worker started no visit and its requests went to
 *   the page before, of another site (seen in Chromium 156, test/fixtures/sites/app.example;
 *   the same trap in Privacy Badger: https://github.com/EFForg/privacybadger/issues/2327,
 *   https://github.com/w3c/webextensions/issues/554). Firefox says so, and its hand-over
 *   is a navigation start (observation.ts, serviceWorkerNavigation);
 * - the worker was stopped when the page's response started, and that event was lost;
 * - the start is told later than the page's requests (Firefox at a background start:
 *   page-context.ts, startNavigation).
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
export function unseenPage(pages: TabPages, obs: Observation, frameId: number): { url: string; origin: string } | null {
  const committing = isCommittingTopFrame(obs);
  const url = obs.topUrl ?? (frameId === 0 || committing ? obs.initiator : null);
  const origin = originOf(url);
  if (!url || !origin) return null;
  if (!pages.current) return { url, origin };
  if (!obs.documentId || (obs.documentLifecycle !== 'active' && !committing)) return null;
  // The top frame's own requests only: a frame's navigation names the frame's origin when
  // the frame moves itself (an ad frame going to its next ad).
  if (obs.frameId !== 0 && !committing) return null;
  // A page's late requests can outlast two moves of its tab (a redirect page whose requests
  // end after the tab went on): a request that failed or a beacon tells of no page shown.
  if (obs.outcome !== 'completed' || BEACON_TYPES.has(obs.type)) return null;
  const remembered = [pages.current, pages.previous, ...pages.prerenders];
  return remembered.some((page) => page?.origin === origin) ? null : { url, origin };
}
