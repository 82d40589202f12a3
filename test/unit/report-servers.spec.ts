import { test, expect } from '@playwright/test';
import { serverCountries } from '../../src/report/aggregate/servers.js';

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
