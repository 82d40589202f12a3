/**
 * CNAME uncloaking's pure parts (classify/cloaking.ts): reading a canonical name the DNS
 * gave as hostile input, deciding from the two names' verdicts whether a host is a tracker
 * behind the site's own name, and which companies only track. Over the real knowledge.
 */
import { test, expect } from '@playwright/test';
import { canonicalNameOf, isCloaked, trackingOnlyCompanies } from '../../src/classify/cloaking.js';
import { knowledgeClassifier } from '../../src/capture/knowledge-classifier.js';
import { builtKnowledge } from './classify-knowledge.js';

test('a canonical name is read as a host name, and anything else is none', () => {
  expect(canonicalNameOf('liberation.eulerian.net', 'f7ds.liberation.fr')).toBe('liberation.eulerian.net');
  // The DNS form with its root dot, and any case, name the same host.
  expect(canonicalNameOf('Liberation.Eulerian.NET.', 'f7ds.liberation.fr')).toBe('liberation.eulerian.net');
  expect(canonicalNameOf('_dmarc-x.tracker.example', 'a.site.example')).toBe('_dmarc-x.tracker.example');
  const hostile: unknown[] = [
    undefined,
    null,
    42,
    {},
    ['a.example'],
    '',
    '.',
    'localhost',
    'f7ds.liberation.fr',
    'F7DS.liberation.fr.',
    '203.0.113.7',
    '[2001:db8::1]',
    '2001:db8::1',
    'a..example',
    '-a.example',
    'a-.example',
    'a b.example',
    'evil.example/path',
    'evil.example:443',
    'évil.example',
    'a.example\u0000.tracker.example',
    `${'a'.repeat(64)}.example`,
    `${'a.'.repeat(127)}example`,
    'x'.repeat(100_000),
  ];
  for (const answer of hostile) expect(canonicalNameOf(answer, 'f7ds.liberation.fr'), String(answer).slice(0, 40)).toBeNull();
});

test('a page host aliasing a tracker of another company is cloaked; a content network, its own company or its own site is not', async () => {
  const { hosts } = await builtKnowledge();
  const cloaked = (host: string, canonical: string) => isCloaked(hosts.get(host), hosts.get(canonical));
  // Eulerian and Piano (AT Internet) sell exactly this: a sub-domain of the site pointed at them.
  expect(cloaked('f7ds.liberation.fr', 'liberation.eulerian.net')).toBe(true);
  expect(cloaked('stats.lemonde.fr', 'lemonde.ati-host.net')).toBe(true);
  expect(cloaked('mmm.example', 'f.dnsdelegation.criteo.com')).toBe(true);
  // TrackerDB's "hosting": a site on a CDN is not a tracker in disguise.
  expect(cloaked('www.liberation.fr', 'd1234abcd.cloudfront.net')).toBe(false);
  expect(cloaked('www.lemonde.fr', 'www.lemonde.fr.edgekey.net')).toBe(false);
  // A company aliasing its own names, and an alias within the site.
  expect(cloaked('www.google.fr', 'www3.l.google.com')).toBe(false);
  expect(cloaked('ads.youtube.com', 'ad.doubleclick.net')).toBe(false);
  expect(cloaked('a.liberation.fr', 'b.liberation.fr')).toBe(false);
  // Nobody the knowledge knows.
  expect(cloaked('metrics.site.example', 'edge.unknown-network.example')).toBe(false);
});

test("the store's verdict of a cloaked host is the tracker's, marked; a hostile stored alias changes nothing", async () => {
  const classifier = knowledgeClassifier(await builtKnowledge(), 'test');
  const plain = classifier.host('f7ds.liberation.fr');
  expect(plain).toMatchObject({ domain: 'liberation.fr', company: null, tracker: null });
  expect(plain.cloaked).toBeUndefined();
  expect(classifier.host('f7ds.liberation.fr', 'liberation.eulerian.net')).toEqual({
    domain: 'liberation.fr',
    company: 'Eulerian Technologies',
    parent: null,
    jurisdiction: 'FR',
    prism: false,
    tracker: { name: 'Eulerian', category: 'site_analytics' },
    cloaked: true,
  });
  // An alias read back from an imported file is checked again.
  for (const stored of ['liberation.eulerian.net/../x', '203.0.113.9', 'f7ds.liberation.fr', ' liberation.eulerian.net']) {
    expect(classifier.host('f7ds.liberation.fr', stored), stored).toEqual(plain);
  }
});

test('the companies that only track are those whose every catalogued service tracks', async () => {
  const { owners } = await builtKnowledge();
  const only = trackingOnlyCompanies(owners);
  expect(only.has('Criteo')).toBe(true);
  expect(only.has('Eulerian Technologies')).toBe(true);
  // They also host whole sites, run players or utilities: their network says nothing alone.
  for (const company of ['Google', 'Amazon', 'Cloudflare', 'Akamai', 'Microsoft']) expect(only.has(company), company).toBe(false);
  expect(trackingOnlyCompanies(owners)).toBe(only);
});
