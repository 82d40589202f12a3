/** The state page-context.ts folds the journal's events into, stored with the rows (capture-state.ts). */
import { dictionary, type Dictionary } from '../shared/dictionary.js';

export interface PageRef {
  visitId: number;
  url: string;
  origin: string;
  frameId: number;
  /** Chrome's documentId of the page's top document, once a request of it told. */
  doc?: string;
  /** When its navigation started, once told. */
  start?: number;
  /**
   * Set while the browser has not told its start but its requests were: it started no later
   * than this, the end of its main-frame request (`requestId`) or of the first request that
   * named it (or, for a start inferred from its own list, the bound given with it).
   */
  by?: number;
  /** Its main-frame request, which ended before its start was told. */
  requestId?: string;
}

export interface TabPages {
  current: PageRef | null;
  previous: PageRef | null;
  /**
   * Pages before `previous` whose documentId is known (newest last): a page's unload beacon
   * can come after the tab has moved on twice (A → B → A again, quickly), and only its
   * documentId then tells it from the new A's requests. Also those whose main-frame request
   * ended before their start was told, for when it is.
   */
  older?: PageRef[];
  /**
   * Pages whose main-frame request ended before their start was told, and that no other
   * request has shown yet (newest last): a download's request ends so too, and shows nothing.
   */
  ended?: PageRef[];
  prerenders: PageRef[];
  /** frameId → visit, for frames inside the tab's pages. */
  frames: Dictionary<number>;
}

export interface PageState {
  nextVisitId: number;
  tabs: Dictionary<TabPages>;
  /** Recently closed tabs → [the visit they showed, when closed, its page]: late requests (unload beacons) still belong to it. */
  closed?: Dictionary<[number, number, string?]>;
  /** Main-frame request id → the visit it is bringing about (kept across its redirects). */
  navigations: Dictionary<number>;
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

export function emptyPageState(): PageState {
  return { nextVisitId: 1, tabs: dictionary(), navigations: dictionary() };
}
