import { test, expect } from '@playwright/test';
import {
  answeredPlaces,
  operatorsByObserver,
  serverCountries,
  serverOperators,
  type ServerUse,
} from '../../src/report/aggregate/servers.js';
import { ownedHost } from './helpers/owned-host.js';
import { summarisePage } from '../../src/report/aggregate/page-summary.js';
import type { HostFacts, IpFacts, RequestFacts, VisitFacts } from '../../src/store/visit-facts.js';

const OPERATED: [number, IpFacts][] = [
  [1, { country: 'DE', asn: 16509, network: 'Amazon.com, Inc.', operator: 'Amazon', operatorJurisdiction: 'US' }],
  [2, { country: 'FR', asn: 16276, network: 'OVH SAS', operator: 'OVHcloud', operatorJurisdiction: 'FR' }],
  [3, { country: 'FR', asn: 20766, network: 'Association "Gitoyen"', operator: null, operatorJurisdiction: null }],
];

/** A page, a European analytics company with hosts on AWS and on OVHcloud, a US one on OVHcloud, an uncatalogued one on an unlisted network. */
const HOSTS = new Map<number, HostFacts>([
  [1, ownedHost('www.news.example', null)],
  [2, ownedHost('eu.analytics.example', 'EuAnalytics', { jurisdiction: 'FR' })],
  [3, ownedHost('cdn.analytics.example', 'EuAnalytics', { jurisdiction: 'FR' })],
  [4, ownedHost('api.us-service.example', 'UsService', { jurisdiction: 'US' })],
  [5, ownedHost('static.nobody.example', null)],
]);

test("an organisation's server countries: its hosts only, most requests first, unknown addresses counted apart", () => {
  const ips = new Map([
    [1, { country: 'US', asn: null, network: null }],
    [2, { country: 'IE', asn: null, network: null }],
    [3, { country: null, asn: null, network: null }],
  ]);
  const uses = [
    { host: 10, ip: 1, n: 3 },
    { host: 11, ip: 2, n: 5 },
    { host: 10, ip: 1, n: 4 },
    { host: 11, ip: 3, n: 2 },
    { host: 99, ip: 1, n: 50 },
    { host: 10, ip: 42, n: 1 },
  ];
  expect(serverCountries(uses, new Set([10, 11]), ips)).toEqual({
    countries: [
      { country: 'US', requests: 7 },
      { country: 'IE', requests: 5 },
    ],
    unknown: 3,
  });
  expect(serverCountries(uses, new Set(), ips)).toEqual({ countries: [], unknown: 0 });
});

test("an organisation's hosting operators: its hosts only, most requests first, networks without a known operator counted apart", () => {
  const ips = new Map([
    [1, { country: 'FR', asn: 16509, network: 'Amazon.com, Inc.', operator: 'Amazon', operatorJurisdiction: 'US' }],
    [2, { country: 'FR', asn: 16276, network: 'OVH SAS', operator: 'OVHcloud', operatorJurisdiction: 'FR' }],
    [3, { country: 'DE', asn: 16509, network: 'Amazon.com, Inc.', operator: 'Amazon', operatorJurisdiction: 'US' }],
    [4, { country: 'FR', asn: 20766, network: 'Association "Gitoyen"', operator: null, operatorJurisdiction: null }],
    // Stored before operators were recorded.
    [5, { country: 'FR', asn: null, network: null }],
  ]);
  const uses = [
    { host: 10, ip: 1, n: 3 },
    { host: 11, ip: 2, n: 5 },
    { host: 10, ip: 3, n: 4 },
    { host: 11, ip: 4, n: 2 },
    { host: 11, ip: 5, n: 1 },
    { host: 99, ip: 2, n: 50 },
    { host: 10, ip: 42, n: 1 },
  ];
  expect(serverOperators(uses, new Set([10, 11]), ips)).toEqual({
    operators: [
      { operator: 'Amazon', jurisdiction: 'US', requests: 7 },
      { operator: 'OVHcloud', jurisdiction: 'FR', requests: 5 },
    ],
    unknown: 4,
  });
  expect(serverOperators(uses, new Set(), ips)).toEqual({ operators: [], unknown: 0 });
});

test('who hosted each organisation of a site: its operators by requests, owners and hosts apart, unknown networks left out', () => {
  const uses = [
    { host: 2, ip: 1, n: 3 },
    { host: 3, ip: 2, n: 1 },
    { host: 3, ip: 1, n: 2 },
    { host: 4, ip: 2, n: 4 },
    { host: 5, ip: 3, n: 9 },
    { host: 77, ip: 1, n: 9 },
  ];
  expect([...operatorsByObserver(uses, HOSTS, new Map(OPERATED))]).toEqual([
    [
      'c:EuAnalytics',
      [
        { operator: 'Amazon', jurisdiction: 'US', requests: 5 },
        { operator: 'OVHcloud', jurisdiction: 'FR', requests: 1 },
      ],
    ],
    ['c:UsService', [{ operator: 'OVHcloud', jurisdiction: 'FR', requests: 4 }]],
  ]);
});

test("a page's organisations and who hosted them, one line's worth: each operator with the organisations it answered for", () => {
  const visit: VisitFacts = {
    id: 1,
    time: 0,
    site: 'news.example',
    host: 1,
    shown: true,
    prerender: false,
    inferred: false,
    hosts: [1, 2, 3, 4, 5],
    ips: [1, 2, 3],
    requests: 6,
    clearText: 0,
  };
  const request = (host: number, ip: number, reached = true): RequestFacts => ({
    host,
    ip,
    thirdParty: host !== 1,
    cleartext: false,
    failed: !reached,
    reached,
  });
  const requests = [request(1, 3), request(2, 1), request(3, 2), request(3, 1), request(4, 2), request(5, 3), request(4, 1, false)];
  const page = summarisePage(visit, requests, HOSTS, new Map(OPERATED));
  expect(page.companies.map((c) => [c.name, c.hosting.map((h) => `${h.operator}:${h.jurisdiction}:${h.requests}`)])).toEqual([
    ['EuAnalytics', ['Amazon:US:2', 'OVHcloud:FR:1']],
    // One request each: by name.
    ['nobody.example', []],
    ['UsService', ['OVHcloud:FR:1']],
  ]);
  // A request stopped before it went out reached no host: UsService's on AWS does not count.
  expect(page.hosts).toEqual([
    { operator: 'Amazon', jurisdiction: 'US', requests: 2, companies: ['EuAnalytics'] },
    { operator: 'OVHcloud', jurisdiction: 'FR', requests: 2, companies: ['EuAnalytics', 'UsService'] },
  ]);
});

test("where an organisation answered from: a CDN's word first, the rest by registry country labelled as such, nothing for what nothing tells", () => {
  const ips = new Map([
    [1, { country: 'US', asn: null, network: null }],
    [2, { country: null, asn: null, network: null }],
  ]);
  const uses: ServerUse[] = [
    // 10 requests to a US-registered address, 6 of them answered by Cloudflare's Paris data centre
    { host: 10, ip: 1, n: 10, edges: { 'cloudflare:CDG': 6 } },
    // a count larger than the row's, an unknown code, a malformed edge: never more than the row's requests
    { host: 10, ip: 1, n: 2, edges: { 'fastly:FRA': 5, 'cloudflare:ZZZ': 1, __proto__x: 1 } },
    { host: 11, ip: 2, n: 3 },
    { host: 99, ip: 1, n: 50, edges: { 'cloudflare:CDG': 50 } },
  ];
  expect(answeredPlaces(uses, new Set([10, 11]), ips)).toEqual({
    places: [
      { country: 'FR', city: 'Paris', evidence: 'cdn-header', cdn: 'cloudflare', anycast: false, requests: 6 },
      { country: 'DE', city: 'Frankfurt', evidence: 'cdn-header', cdn: 'fastly', anycast: false, requests: 2 },
      { country: 'US', city: null, evidence: 'registry', cdn: null, anycast: false, requests: 4 },
    ],
    unknown: 3,
  });
});
