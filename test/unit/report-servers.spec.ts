import { test, expect } from '@playwright/test';
import { answeredPlaces, serverCountries, serverOperators } from '../../src/report/aggregate/servers.js';

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

test("where an organisation answered from: a CDN's word first, the rest by registry country labelled as such, nothing for what nothing tells", () => {
  const ips = new Map([
    [1, { country: 'US', asn: null, network: null }],
    [2, { country: null, asn: null, network: null }],
  ]);
  const uses = [
    // 10 requests to a US-registered address, 6 of them answered by Cloudflare's Paris data centre
    { host: 10, ip: 1, n: 10, edges: { 'cloudflare:CDG': 6 } },
    // a count larger than the row's, an unknown code, a malformed edge: never more than the row's requests
    { host: 10, ip: 1, n: 2, edges: { 'fastly:FRA': 5, 'cloudflare:ZZZ': 1, __proto__x: 1 } },
    { host: 11, ip: 2, n: 3 },
    { host: 99, ip: 1, n: 50, edges: { 'cloudflare:CDG': 50 } },
  ];
  expect(answeredPlaces(uses, new Set([10, 11]), ips)).toEqual({
    places: [
      { country: 'FR', city: 'Paris', evidence: 'cdn-header', cdn: 'cloudflare', requests: 6 },
      { country: 'DE', city: 'Frankfurt', evidence: 'cdn-header', cdn: 'fastly', requests: 2 },
      { country: 'US', city: null, evidence: 'registry', cdn: null, requests: 4 },
    ],
    unknown: 3,
  });
});
