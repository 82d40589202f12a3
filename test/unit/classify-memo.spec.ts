import { test, expect } from '@playwright/test';
import { classify } from '../../src/classify/classify.js';
import { HostCache, resolveHost } from '../../src/classify/host-verdict.js';
import type { Knowledge } from '../../src/classify/knowledge.js';
import { builtKnowledge } from './classify-knowledge.js';

/**
 * The host memo (a direct-mapped front, two bounded generations behind it) and the
 * per-host address memo must never change an answer: many more hosts than it holds,
 * hash collisions, hosts coming back after eviction, and a host changing address.
 */
test('memoised answers equal fresh ones across eviction and collisions', async () => {
  const base = await builtKnowledge();
  const knowledge: Knowledge = { ...base, hosts: new HostCache(base.owners, 512) };
  const known = [
    'www.google-analytics.com',
    'i.ytimg.com',
    'static.criteo.net',
    'www.icloud.com',
    'foo.github.io',
    'd1af033869koo7.cloudfront.net',
  ];
  const hosts: string[] = [];
  for (let i = 0; i < 40_000; i++) hosts.push(i % 7 === 0 ? known[i % known.length]! : `h${i % 5000}.site${i % 97}.example`);
  for (const host of hosts) {
    const result = classify(knowledge, { url: `https://${host}/x.js`, page: 'https://www.lemonde.fr/' });
    const fresh = resolveHost(base.owners, host);
    if (result.host !== host || result.domain !== fresh.domain || result.company !== fresh.company || result.tracker !== fresh.tracker) {
      expect({ host: result.host, domain: result.domain, company: result.company }).toEqual({
        host,
        domain: fresh.domain,
        company: fresh.company,
      });
    }
  }
  expect(knowledge.hosts.size).toBeLessThanOrEqual(1024);
});

test('a host that changes address gets the new address located', async () => {
  const knowledge = await builtKnowledge();
  const url = 'https://www.google-analytics.com/g/collect';
  const google = classify(knowledge, { url, ip: '142.250.74.46' });
  const cloudflare = classify(knowledge, { url, ip: '104.16.0.1' });
  const again = classify(knowledge, { url, ip: '142.250.74.46' });
  expect([google.network?.asn, cloudflare.network?.asn, again.network?.asn]).toEqual([15169, 13335, 15169]);
  expect(classify(knowledge, { url }).network).toBeNull();
});

test('a new page is compared as the new page, not the previous one', async () => {
  const knowledge = await builtKnowledge();
  const url = 'https://www.youtube.com/embed/x';
  expect(classify(knowledge, { url, page: 'https://www.google.com/' }).thirdParty).toBe(false);
  expect(classify(knowledge, { url, page: 'https://www.lemonde.fr/' }).thirdParty).toBe(true);
  expect(classify(knowledge, { url, page: 'https://www.google.com/' }).thirdParty).toBe(false);
});
