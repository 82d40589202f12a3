/**
 * The pure parts of the Playwright fixture (src/audit/playwright): joining the store's records
 * into classified requests, the request filter of the matchers, failure-message lines and the
 * figures. The fixture itself runs in test/e2e/playwright-fixture.spec.ts.
 */
import { test, expect } from '@playwright/test';
import type { RecordedHost, RecordedIp, RecordedRequest, RecordedVisit } from '../../src/store/decode.js';
import type { StoreSnapshot } from '../../src/audit/read-store.js';
import { classifiedRequests } from '../../src/audit/playwright/classified-requests.js';
import { checkFilter, describeFilter, matchesFilter } from '../../src/audit/playwright/request-filter.js';
import { listRequests } from '../../src/audit/playwright/offenders.js';
import { figuresOf } from '../../src/audit/playwright/figures.js';

const T0 = Date.UTC(2026, 10, 28, 12);
const GOOGLE = { company: 'Google', parent: 'Alphabet', jurisdiction: 'US', prism: true };

const hosts: RecordedHost[] = [
  {
    id: 1,
    name: 'bakery.example',
    domain: 'bakery.example',
    company: null,
    parent: null,
    jurisdiction: null,
    prism: false,
    tracker: null,
  },
  {
    id: 2,
    name: 'www.google-analytics.com',
    domain: 'google-analytics.com',
    ...GOOGLE,
    tracker: { name: 'Google Analytics', category: 'site_analytics' },
  },
  {
    id: 3,
    name: 'static.axept.io',
    domain: 'axept.io',
    company: 'Axeptio',
    parent: null,
    jurisdiction: 'FR',
    prism: false,
    tracker: { name: 'Axeptio', category: 'consent' },
  },
  { id: 4, name: 'fonts.gstatic.com', domain: 'gstatic.com', ...GOOGLE, tracker: { name: 'Google Static', category: 'hosting' } },
];
const ips: RecordedIp[] = [{ id: 1, address: '198.51.100.7', country: 'DE', asn: null, network: null, geoCountry: null, anycast: false }];
const visits: RecordedVisit[] = [
  {
    id: 1,
    time: T0,
    site: 'bakery.example',
    host: 1,
    shown: true,
    prerender: false,
    inferred: false,
    hosts: [1, 2, 3, 4],
    ips: [1],
    requests: 4,
    clearText: 1,
    // the bakery's CDN said it answered from Germany
    answered: ['DE'],
    tab: 1,
    url: 'https://bakery.example/',
  },
];

/** A script fetched over HTTPS on the bakery's page, answered 200 (third-party unless from the bakery's own host). */
function request(id: number, host: number, t: number, path: string, extra: Partial<RecordedRequest> = {}): RecordedRequest {
  const { name, domain } = hosts.find((h) => h.id === host)!;
  const scheme = extra.cleartext ? 'http' : 'https';
  return {
    id,
    time: T0 + t,
    url: `${scheme}://${name}${path}`,
    host: name,
    domain,
    visit: 1,
    pageUrl: 'https://bakery.example/',
    pageSite: 'bakery.example',
    frameId: 0,
    method: 'GET',
    type: 'script',
    outcome: 'completed',
    status: 200,
    ip: null,
    thirdParty: host !== 1,
    cookies: false,
    referrer: false,
    fromCache: false,
    cleartext: false,
    detail: null,
    recovered: false,
    unverified: false,
    edge: null,
    location: null,
    ...extra,
  };
}
const snapshot: StoreSnapshot = {
  requests: [
    request(1, 1, 0, '/', { type: 'main_frame', ip: '198.51.100.7' }),
    request(2, 3, 100, '/sdk.js'),
    request(3, 4, 150, '/s/font.woff2', { cleartext: true }),
    request(4, 2, 900, '/analytics.js'),
  ],
  visits,
  hosts,
  ips,
  daily: [],
};
const requests = classifiedRequests(snapshot);
const marks: Record<string, number> = { consent: T0 + 500 };
const markTime = (label: string) => {
  if (!(label in marks)) throw new Error(`no mark '${label}'`);
  return marks[label]!;
};
const urls = (filter: Parameters<typeof matchesFilter>[1]) => requests.filter((r) => matchesFilter(r, filter, markTime)).map((r) => r.url);

test('each request carries the verdicts of its host and the country of its server', () => {
  expect(requests.map((r) => [r.host, r.company, r.jurisdiction, r.prism, r.tracker?.category ?? null, r.serverCountry])).toEqual([
    ['bakery.example', null, null, false, null, 'DE'],
    ['static.axept.io', 'Axeptio', 'FR', false, 'consent', null],
    ['fonts.gstatic.com', 'Google', 'US', true, 'hosting', null],
    ['www.google-analytics.com', 'Google', 'US', true, 'site_analytics', null],
  ]);
});

test('the filter combines its criteria, and marks split the test in time', () => {
  expect(urls({})).toHaveLength(4);
  expect(urls({ jurisdiction: 'us' })).toEqual(['http://fonts.gstatic.com/s/font.woff2', 'https://www.google-analytics.com/analytics.js']);
  expect(urls({ jurisdiction: 'US', before: 'consent' })).toEqual(['http://fonts.gstatic.com/s/font.woff2']);
  expect(urls({ tracker: true, after: 'consent' })).toEqual(['https://www.google-analytics.com/analytics.js']);
  // A tracker is one by the report's definition: the consent manager and the font host are listed, but do not track.
  expect(urls({ tracker: true })).toEqual(['https://www.google-analytics.com/analytics.js']);
  expect(urls({ tracker: 'consent' })).toEqual(['https://static.axept.io/sdk.js']);
  expect(urls({ tracker: ['advertising', 'site_analytics'] })).toEqual(['https://www.google-analytics.com/analytics.js']);
  expect(urls({ tracker: false })).toHaveLength(3);
  expect(urls({ company: 'alphabet' })).toHaveLength(2);
  expect(urls({ company: /^Axept/ })).toEqual(['https://static.axept.io/sdk.js']);
  expect(urls({ host: 'google-analytics.com' })).toEqual(['https://www.google-analytics.com/analytics.js']);
  expect(urls({ host: 'analytics.com' })).toEqual([]);
  expect(urls({ thirdParty: false })).toEqual(['https://bakery.example/']);
  expect(urls({ serverCountry: 'de' })).toEqual(['https://bakery.example/']);
  expect(urls({ prism: false, thirdParty: true })).toEqual(['https://static.axept.io/sdk.js']);
  expect(() => urls({ before: 'cookies' })).toThrow("no mark 'cookies'");
  expect(() => checkFilter({ juridiction: 'US' } as never)).toThrow(/unknown request filter key juridiction/);
  expect(describeFilter({ tracker: 'advertising', thirdParty: true, before: 'consent' })).toBe(
    "to a tracker of category advertising, to a third party, before mark 'consent'",
  );
  expect(describeFilter({})).toBe('at all');
});

test('a failure lists one line per request, then how many more it left out', () => {
  const many = Array.from({ length: 23 }, () => requests[3]!);
  const lines = listRequests(many, T0, 20).split('\n');
  expect(lines).toHaveLength(21);
  expect(lines[0]).toBe(
    '  - GET https://www.google-analytics.com/analytics.js · host www.google-analytics.com · Google (parent Alphabet) · jurisdiction US · PRISM · tracker Google Analytics (site_analytics) · third party · page https://bakery.example/ · +0.90 s',
  );
  expect(lines[20]).toBe('  …and 3 more');
  expect(listRequests(requests.slice(0, 1), T0)).toBe(
    '  - GET https://bakery.example/ · host bakery.example · unknown company · jurisdiction unknown · not a listed tracker · server in DE · first party · page https://bakery.example/ · +0.00 s',
  );
});

test("figures: who received the requests, and the report's headline figures over the visit", () => {
  const figures = figuresOf(requests, snapshot, T0 + 1000);
  expect(figures).toMatchObject({
    requests: 4,
    thirdPartyRequests: 3,
    thirdParties: ['axept.io', 'google-analytics.com', 'gstatic.com'],
    companies: ['Axeptio', 'Google'],
    usCompanies: ['Google'],
    prismCompanies: ['Google'],
    serverCountries: ['DE'],
    clearText: 1,
  });
  expect(figures.trackers.map((t) => t.name)).toEqual(['Google Analytics']);
  expect(figures.exposure).toMatchObject({
    visits: 1,
    usReach: { visits: 1, share: 1 },
    trackerReach: { share: 1 },
    upstreamReach: { share: 0 },
  });
  expect(figures.exposure.observers.map((o) => o.name).sort()).toEqual(['Axeptio', 'Google']);
});
