/**
 * The CDN header parsers on header values recorded from real responses, each with where it was
 * published, and on hostile values. Samples:
 * - cf-ray `230b030023ae2822-SJC`: Cloudflare's own example
 *   (https://developers.cloudflare.com/fundamentals/reference/http-headers/#cf-ray);
 *   `9b7d22ba0cdcde9c-EWR`: https://http.dev/cf-ray.
 * - x-amz-cf-pop `SIN5-C1` (bharathkumaraju.com), `ORD58-P9` (dpy3jeqrdnvsx.cloudfront.net),
 *   `BUD50-C1`, `MAD56-P5`: curl transcripts published in public repositories; `SEA` as the
 *   IATA code CloudFront Functions report (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/general-helper-methods.html).
 * - x-served-by `cache-fra-eddf8230071-FRA` (a GitHub Pages redirect of gunicorn.org),
 *   `cache-ams21082-AMS`, `cache-iad-kcgs7200076-IAD`: curl transcripts in public repositories;
 *   `cache-wdc5548-WDC`: Fastly's example (https://www.fastly.com/documentation/reference/http/http-headers/Fastly-FF/).
 * - server `BunnyCDN-FR1-1349` (moddbcdn.vintagestory.at), `BunnyCDN-PHX1-1155`,
 *   `BunnyCDN-TW1-1121` (bunny.net itself): curl transcripts in public repositories; the form
 *   is bunny.net's (https://bunny.net/docs/cdn/troubleshooting/run-traceroute).
 */
import { test, expect } from '@playwright/test';
import { edgeFromText, edgeOfHeader, edgeOfHeaders, edgeText } from '../../src/classify/edge-headers.js';
import { answeredFrom, edgePlace, isKnownPlace } from '../../src/classify/answered-from.js';
import { GEO_ANYCAST_ANSWER, GEO_SAME_ANSWER } from '../../src/classify/ip-lookup.js';

test('Cloudflare: the cf-ray suffix is the data centre', () => {
  expect(edgeOfHeader('CF-RAY', '230b030023ae2822-SJC')).toEqual({ cdn: 'cloudflare', pop: 'SJC' });
  expect(edgeOfHeader('cf-ray', '9b7d22ba0cdcde9c-EWR')).toEqual({ cdn: 'cloudflare', pop: 'EWR' });
});

test('CloudFront: the x-amz-cf-pop prefix is the edge location', () => {
  expect(edgeOfHeader('X-Amz-Cf-Pop', 'SIN5-C1')).toEqual({ cdn: 'cloudfront', pop: 'SIN' });
  expect(edgeOfHeader('x-amz-cf-pop', 'ORD58-P9')).toEqual({ cdn: 'cloudfront', pop: 'ORD' });
  expect(edgeOfHeader('X-Amz-Cf-Pop', 'BUD50-C1')).toEqual({ cdn: 'cloudfront', pop: 'BUD' });
  expect(edgeOfHeader('x-amz-cf-pop', 'MAD56-P5')).toEqual({ cdn: 'cloudfront', pop: 'MAD' });
});

test('Fastly: the last x-served-by entry is the node facing the browser', () => {
  expect(edgeOfHeader('X-Served-By', 'cache-fra-eddf8230071-FRA')).toEqual({ cdn: 'fastly', pop: 'FRA' });
  expect(edgeOfHeader('x-served-by', 'cache-ams21082-AMS')).toEqual({ cdn: 'fastly', pop: 'AMS' });
  expect(edgeOfHeader('x-served-by', 'cache-wdc5548-WDC')).toEqual({ cdn: 'fastly', pop: 'WDC' });
  // Shielding: the shield first, the edge last.
  expect(edgeOfHeader('x-served-by', 'cache-iad-kcgs7200076-IAD, cache-ams21082-AMS')).toEqual({ cdn: 'fastly', pop: 'AMS' });
});

test('bunny.net: the server header names the point of presence', () => {
  expect(edgeOfHeader('Server', 'BunnyCDN-FR1-1349')).toEqual({ cdn: 'bunny', pop: 'FR' });
  expect(edgeOfHeader('server', 'BunnyCDN-PHX1-1155')).toEqual({ cdn: 'bunny', pop: 'PHX' });
  expect(edgeOfHeader('server', 'BunnyCDN-TW1-1121')).toEqual({ cdn: 'bunny', pop: 'TW' });
  expect(edgeOfHeader('server', 'cloudflare')).toBeNull();
});

test('hostile and odd values name no edge', () => {
  for (const [name, value] of [
    ['cf-ray', ''],
    ['cf-ray', '-CDG'],
    ['cf-ray', '230b030023ae2822-CDG-extra'],
    ['cf-ray', `${'a'.repeat(300)}-CDG`],
    ['cf-ray', '230b030023ae2822-C<G'],
    ['cf-ray', '230b030023ae2822-ÉCD'],
    ['x-amz-cf-pop', 'CDG'],
    ['x-amz-cf-pop', '__proto__1'],
    ['x-amz-cf-pop', 'CDG50-P1; drop table'],
    ['x-served-by', 'cache-'],
    ['x-served-by', 'cache-ams21082-AMS,'],
    ['x-served-by', `cache-${'x'.repeat(200)}-AMS`],
    ['server', 'BunnyCDN'],
    ['server', 'BunnyCDN-FR1-'],
    ['x-cache', 'cache-ams21082-AMS'],
  ]) {
    expect(edgeOfHeader(name!, value!), `${name}: ${value}`).toBeNull();
  }
  for (const list of [
    null,
    undefined,
    'cf-ray: 1-CDG',
    {},
    [null, 1, 'x', { name: 'cf-ray' }, { name: 'cf-ray', value: 7 }],
    [{ name: 5, value: '1-CDG' }],
  ]) {
    expect(edgeOfHeaders(list)).toBeNull();
  }
});

test('a header list is read in one pass; the outermost CDN (its own server header) wins', () => {
  const headers = [
    { name: 'content-type', value: 'text/html' },
    { name: 'x-amz-cf-pop', value: 'IAD89-P1' },
    { name: 'cf-ray', value: '9b7d22ba0cdcde9c-CDG' },
  ];
  expect(edgeOfHeaders(headers)).toEqual({ cdn: 'cloudflare', pop: 'CDG' });
  expect(edgeOfHeaders([...headers, { name: 'Server', value: 'BunnyCDN-FR1-1349' }])).toEqual({ cdn: 'bunny', pop: 'FR' });
});

test('an edge travels as cdn:POP and comes back only when well formed', () => {
  expect(edgeFromText(edgeText({ cdn: 'fastly', pop: 'CDG' }))).toEqual({ cdn: 'fastly', pop: 'CDG' });
  for (const bad of ['fastly', ':CDG', 'akamai:CDG', 'fastly:cdg', 'fastly:CDGXX', 'fastly:', 7, null, '__proto__:AMS']) {
    expect(edgeFromText(bad)).toBeNull();
  }
});

test('codes map to a country and city; unknown codes to nothing', () => {
  expect(edgePlace({ cdn: 'cloudflare', pop: 'CDG' })).toEqual({ country: 'FR', city: 'Paris' });
  expect(edgePlace({ cdn: 'cloudfront', pop: 'IAD' })).toEqual({ country: 'US', city: 'Ashburn' });
  expect(edgePlace({ cdn: 'fastly', pop: 'LCY' })).toEqual({ country: 'GB', city: 'London' });
  expect(edgePlace({ cdn: 'bunny', pop: 'FR' })).toEqual({ country: 'FR', city: null });
  expect(edgePlace({ cdn: 'bunny', pop: 'UK' })).toEqual({ country: 'GB', city: 'London' });
  expect(edgePlace({ cdn: 'bunny', pop: 'XX' })).toBeNull();
  expect(edgePlace({ cdn: 'cloudflare', pop: 'ZZZ' })).toBeNull();
  expect(edgePlace({ cdn: 'cloudflare', pop: 'FR' })).toBeNull();
});

test('the evidence ladder: the CDN header first, the registry country labelled as such, else nothing', () => {
  const paris = answeredFrom({ cdn: 'cloudflare', pop: 'CDG' }, 'US');
  expect(paris).toEqual({ country: 'FR', city: 'Paris', evidence: 'cdn-header', edge: { cdn: 'cloudflare', pop: 'CDG' } });
  expect(isKnownPlace(paris)).toBe(true);
  const registry = answeredFrom({ cdn: 'cloudflare', pop: 'ZZZ' }, 'US');
  expect(registry).toEqual({ country: 'US', city: null, evidence: 'registry', edge: null });
  expect(isKnownPlace(registry)).toBe(false);
  expect(answeredFrom(null, null)).toBeNull();
  expect(answeredFrom(null, 'not a country')).toBeNull();
  expect(isKnownPlace(null)).toBe(false);
});

test('the geolocation database sits between the CDN header and the registry, and never places an anycast network', () => {
  // The CDN's own word wins over the database's.
  expect(answeredFrom({ cdn: 'fastly', pop: 'FRA' }, 'US', 'IE')).toMatchObject({ country: 'DE', evidence: 'cdn-header' });
  // The database's country, where it differs from the registry's, and the registry's where it agrees.
  const dublin = answeredFrom(null, 'US', 'IE');
  expect(dublin).toEqual({ country: 'IE', city: null, evidence: 'geolocation', edge: null });
  expect(isKnownPlace(dublin)).toBe(true);
  expect(answeredFrom(null, 'US', GEO_SAME_ANSWER)).toEqual({ country: 'US', city: null, evidence: 'geolocation', edge: null });
  // Anycast: the registry country, marked, and not a known place.
  const anycast = answeredFrom(null, 'US', GEO_ANYCAST_ANSWER);
  expect(anycast).toEqual({ country: 'US', city: null, evidence: 'registry', edge: null, anycast: true });
  expect(isKnownPlace(anycast)).toBe(false);
  expect(answeredFrom(null, null, GEO_ANYCAST_ANSWER)).toBeNull();
  // No answer from the database (or "same" with no registry country): the registry, or nothing.
  expect(answeredFrom(null, 'US', null)).toEqual({ country: 'US', city: null, evidence: 'registry', edge: null });
  expect(answeredFrom(null, null, GEO_SAME_ANSWER)).toBeNull();
  expect(answeredFrom(null, 'US', 'not a country')).toEqual({ country: 'US', city: null, evidence: 'registry', edge: null });
});
