import { deepStrictEqual } from 'node:assert/strict';
import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { InvalidUrlError } from '../../src/classify/classification.js';
import { requestTarget, SCHEME_OTHER } from '../../src/classify/url-target.js';

/**
 * url-target.ts skips `new URL()` on the hot path. Whatever it accepts must agree with the
 * URL standard as implemented by the runtime: same host, and an error exactly when URL fails.
 * One leniency on purpose: a URL of a non-network scheme (data:, blob:, about:…) is never
 * parsed, so it never throws, even when URL would reject it; it has no host either way.
 */
function viaUrl(input: string): { host: string | null } | 'invalid' {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return 'invalid';
  }
  const network = ['http:', 'https:', 'ws:', 'wss:', 'ftp:'].includes(url.protocol);
  if (network && url.hostname === '') return 'invalid';
  return { host: network ? url.hostname : null };
}

function agree(input: string): void {
  const fast = viaScanner(input);
  const exact = viaUrl(input);
  if (exact === 'invalid' && fast !== 'invalid' && fast.host === null && requestTarget(input).scheme === SCHEME_OTHER) return;
  deepStrictEqual(fast, exact, input);
}

function viaScanner(input: string): { host: string | null } | 'invalid' {
  try {
    return { host: requestTarget(input).host };
  } catch (error) {
    if (!(error instanceof InvalidUrlError)) throw error;
    return 'invalid';
  }
}

const label = fc.stringMatching(/^[a-zA-Z0-9](?:[a-zA-Z0-9_-]{0,10}[a-zA-Z0-9])?$/);
const host = fc.oneof(
  { weight: 6, arbitrary: fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.')) },
  { weight: 1, arbitrary: fc.ipV4() },
  { weight: 1, arbitrary: fc.ipV4Extended() },
  { weight: 1, arbitrary: fc.ipV6().map((ip) => `[${ip}]`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'münchen.de',
      'bücher.example',
      'пример.рф',
      'EXAMPLE.com',
      'a..b',
      '.lead',
      'trail.',
      'a b',
      'x%41y.com',
      '',
    ),
  },
);
const requestUrl = fc
  .record({
    scheme: fc.constantFrom('http', 'https', 'ws', 'wss', 'ftp', 'HTTPS', 'data', 'blob', 'about', 'mailto', 'chrome-extension'),
    slashes: fc.constantFrom('//', '//', '//', '/', '', '\\\\'),
    user: fc.option(fc.constantFrom('user@', 'user:pw@', '@'), { nil: '' }),
    host,
    port: fc.option(
      fc.oneof(
        fc.integer({ min: 0, max: 70000 }).map((p) => `:${p}`),
        fc.constant(':'),
        fc.constant(':x'),
      ),
      { nil: '' },
    ),
    rest: fc.constantFrom('', '/', '/a/b.js?x=1&y=2#f', '?q', '#h', '/%E2%82%AC'),
  })
  .map(({ scheme, slashes, user, host, port, rest }) => `${scheme}:${slashes}${user}${host}${port}${rest}`);

test('the fast scanner and the URL standard agree on generated request URLs', () => {
  fc.assert(fc.property(requestUrl, agree), { numRuns: 20_000, seed: 4242 });
});

test('arbitrary strings never break the scanner: a host, no host, or InvalidUrlError', () => {
  fc.assert(fc.property(fc.oneof(fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true })), agree), {
    numRuns: 20_000,
    seed: 7,
  });
});

test('browser URLs take the fast path and give the same host', () => {
  for (const [input, host] of [
    ['https://www.google-analytics.com/g/collect?v=2&tid=G-1', 'www.google-analytics.com'],
    ['https://securepubads.g.doubleclick.net/tag/js/gpt.js', 'securepubads.g.doubleclick.net'],
    ['http://192.0.2.1:8080/', '192.0.2.1'],
    ['wss://ws.example.org/socket', 'ws.example.org'],
    ['https://xn--mnchen-3ya.de/', 'xn--mnchen-3ya.de'],
  ] as const) {
    expect(requestTarget(input).host).toBe(host);
  }
  expect(requestTarget('data:,x').scheme).toBe(SCHEME_OTHER);
});
