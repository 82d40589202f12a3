/**
 * A made-up but realistic browsing history for the storage benchmark: page visits on a
 * hundred sites, each page sending a few hundred requests to its own hosts and to third
 * parties drawn from a pool with a long tail (a few hosts get most requests, as trackers
 * and CDNs do). URLs are 40–80 characters before the query; about a third carry a query
 * string (which Upstream does not store by default). Deterministic: the same seed gives the
 * same history.
 */
import type { KindCode } from './fire.js';

/** mulberry32: small, fast, good enough for test data. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const WORDS = [
  'daily',
  'news',
  'tech',
  'review',
  'market',
  'travel',
  'recipe',
  'garden',
  'sport',
  'finance',
  'health',
  'music',
  'games',
  'style',
  'home',
  'auto',
  'science',
  'weather',
  'books',
  'movies',
  'local',
  'world',
  'city',
  'photo',
  'video',
  'shop',
  'deals',
  'learn',
  'code',
  'cloud',
  'media',
  'smart',
  'green',
  'open',
  'prime',
  'north',
  'blue',
  'metro',
  'urban',
  'pixel',
];
const VENDORS = [
  'adserve',
  'trackly',
  'metricsio',
  'pixelhub',
  'cdnfast',
  'tagstack',
  'consently',
  'adbridge',
  'beaconly',
  'heatmapr',
  'socialbtn',
  'videoplat',
  'fontserve',
  'abtestr',
  'chatwidget',
  'paygate',
  'recommendr',
  'searchbox',
  'mapsapi',
  'commentsys',
];
/** Well-known third parties, the head of the long tail. */
const KNOWN = [
  'www.googletagmanager.com',
  'www.google-analytics.com',
  'connect.facebook.net',
  'www.facebook.com',
  'securepubads.g.doubleclick.net',
  'stats.g.doubleclick.net',
  'pagead2.googlesyndication.com',
  'fonts.googleapis.com',
  'fonts.gstatic.com',
  'ajax.googleapis.com',
  'cdn.jsdelivr.net',
  'cdnjs.cloudflare.com',
  'platform.twitter.com',
  'snap.licdn.com',
  'bat.bing.com',
  'static.hotjar.com',
  'cdn.segment.com',
  'js.hs-scripts.com',
  'cdn.cookielaw.org',
  'c.amazon-adsystem.com',
  'tpc.googlesyndication.com',
  'www.youtube.com',
  'i.ytimg.com',
  'static.criteo.net',
  'sb.scorecardresearch.com',
  'cdn.taboola.com',
  'widgets.outbrain.com',
  'ib.adnxs.com',
  'ads.pubmatic.com',
  'fastlane.rubiconproject.com',
];
const PREFIXES = ['cdn', 'static', 'img', 'api', 'js', 'px', 'events', 'collect', 'assets', 'media', 'ads', 'tags', 's', 'www'];

export interface HistoryOptions {
  seed: number;
  visits: number;
  requestsPerVisit: number;
  sites: number;
  thirdPartyHosts: number;
}

interface PlannedRequest {
  url: string;
  kind: KindCode;
}

export interface PlannedVisit {
  pageUrl: string;
  requests: PlannedRequest[];
}

export interface History {
  visits: PlannedVisit[];
  /** distinct hosts contacted (pages' and requests') */
  hosts: number;
  /** mean URL length, with and without the query */
  meanUrlLength: number;
  meanStoredUrlLength: number;
  withQuery: number;
  requests: number;
}

export function browsingHistory(options: HistoryOptions): History {
  const random = prng(options.seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const hex = (length: number) => Array.from({ length }, () => '0123456789abcdef'[int(16)]).join('');
  const slug = () => Array.from({ length: 2 + int(4) }, () => pick(WORDS)).join('-');

  const sites = Array.from({ length: options.sites }, (_, i) => `${pick(WORDS)}${pick(WORDS)}${i}.example`);
  const thirdParties = [...KNOWN];
  while (thirdParties.length < options.thirdPartyHosts) {
    thirdParties.push(`${pick(PREFIXES)}${int(4) === 0 ? int(20) : ''}.${pick(VENDORS)}${int(200)}.example`);
  }
  // Zipf-like: host k has weight 1/(k+1); the cumulative table is searched by bisection.
  const cumulative: number[] = [];
  let total = 0;
  for (let k = 0; k < thirdParties.length; k++) cumulative.push((total += 1 / (k + 1)));
  const thirdParty = () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < target) low = mid + 1;
      else high = mid;
    }
    return thirdParties[low]!;
  };

  /** A path and how a page would ask for it: images as images, beacons sometimes as POSTs, the rest fetched. */
  const path = (): [string, KindCode] => {
    switch (int(8)) {
      case 0:
        return [`/assets/js/${pick(WORDS)}.${hex(8)}.min.js`, 'g'];
      case 1:
        return [`/static/css/${pick(WORDS)}-${hex(6)}.css`, 'g'];
      case 2:
        return [`/images/20${20 + int(6)}/${String(1 + int(12)).padStart(2, '0')}/${slug()}-${int(10_000)}.jpg`, 'i'];
      case 3:
        return [`/api/v${1 + int(3)}/${pick(WORDS)}/${int(1_000_000)}`, 'g'];
      case 4:
        return [pick(['/collect', '/g/collect', '/tr', '/pixel.gif', '/b/ss', '/event', '/sync', '/log']), random() < 0.3 ? 'p' : 'i'];
      case 5:
        return [`/ads/${int(100_000)}/${pick(['300x250', '728x90', '160x600', '320x50'])}/creative-${hex(10)}.png`, 'i'];
      case 6:
        return [`/${pick(WORDS)}/${slug()}.html`, 'g'];
      default:
        return [`/widgets/${pick(WORDS)}/v${int(9)}.${int(20)}/${pick(['embed', 'loader', 'bundle', 'sdk'])}.js`, 'g'];
    }
  };
  const query = () =>
    pick([
      `?v=${hex(8)}`,
      `?cb=${int(1e9)}&uid=${hex(16)}`,
      `?id=G-${hex(10).toUpperCase()}&cid=${int(1e9)}.${int(1e9)}&t=pageview`,
      `?page=${int(50)}&sort=${pick(WORDS)}`,
      `?utm_source=${pick(WORDS)}&utm_medium=${pick(WORDS)}&utm_campaign=${slug()}`,
    ]);

  const hosts = new Set<string>();
  const visits: PlannedVisit[] = [];
  let urlLength = 0;
  let storedLength = 0;
  let withQuery = 0;
  let count = 0;
  for (let v = 0; v < options.visits; v++) {
    const site = sites[v % sites.length]!;
    const pageUrl = `https://www.${site}/${pick(WORDS)}/20${20 + int(6)}/${slug()}-${int(100_000)}.html`;
    hosts.add(`www.${site}`);
    const requests: PlannedRequest[] = [];
    for (let r = 0; r < options.requestsPerVisit; r++) {
      const host = random() < 0.3 ? `${pick(['www', 'static', 'img', 'api', 'cdn'])}.${site}` : thirdParty();
      hosts.add(host);
      const [requestPath, kind] = path();
      const base = `https://${host}${requestPath}`;
      const hasQuery = random() < 0.33;
      const url = hasQuery ? base + query() : base;
      requests.push({ url, kind });
      urlLength += url.length;
      storedLength += base.length;
      if (hasQuery) withQuery++;
      count++;
    }
    visits.push({ pageUrl, requests });
  }
  return {
    visits,
    hosts: hosts.size,
    meanUrlLength: urlLength / count,
    meanStoredUrlLength: storedLength / count,
    withQuery,
    requests: count,
  };
}
