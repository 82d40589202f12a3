/**
 * Names of Object.prototype members folded into a roll-up from scratch (visit-rollup-build.ts):
 * each is one more site and one more observer, as an ordinary name would be, and the other
 * sites keep their counts. The same names captured, imported and repaired: store-prototype-keys.spec.ts.
 */
import { test, expect } from '@playwright/test';
import { buildRollups } from '../../src/store/visit-rollup-build.js';
import type { VisitFacts } from '../../src/store/visit-facts.js';
import { PROTOTYPE_NAMES } from './helpers/prototype-names.js';

const T = Date.UTC(2026, 10, 20, 9);

test('folded from scratch, each name is one more site and one more observer, and the other sites keep their counts', () => {
  for (const name of PROTOTYPE_NAMES) {
    const hosts = new Map([
      [1, { name: 'news.example', domain: 'news.example', company: null, parent: null, jurisdiction: null, prism: false, tracker: null }],
      [2, { name: name, domain: name, company: name, parent: name, jurisdiction: 'US', prism: false, tracker: { name, category: name } }],
    ]);
    const visits: VisitFacts[] = [
      {
        id: 1,
        time: T,
        site: 'news.example',
        host: 1,
        shown: true,
        prerender: false,
        inferred: false,
        hosts: [1, 2],
        ips: [],
        requests: 2,
        clearText: 0,
      },
      {
        id: 2,
        time: T + 1,
        site: name,
        host: 2,
        shown: true,
        prerender: false,
        inferred: false,
        hosts: [2],
        ips: [],
        requests: 1,
        clearText: 0,
      },
      {
        id: 3,
        time: T + 2,
        site: name,
        host: 2,
        shown: true,
        prerender: false,
        inferred: false,
        hosts: [2],
        ips: [],
        requests: 1,
        clearText: 0,
      },
    ];
    const row = buildRollups(visits, hosts, new Map()).get(T)!;
    expect(Object.entries(row.sites), name).toEqual([
      ['news.example', 1],
      [name, 2],
    ]);
    expect(Object.keys(row.obs), name).toEqual([`c:${name}`]);
    expect(Object.entries(row.obs[`c:${name}`]!.sites), name).toEqual([
      ['news.example', 1],
      [name, 2],
    ]);
    expect(Object.entries(row.obs[`c:${name}`]!.cat), name).toEqual([[name, 3]]);
  }
});
