import { test, expect } from '@playwright/test';
import { serverCountries, serverOperators } from '../../src/report/aggregate/servers.js';

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
