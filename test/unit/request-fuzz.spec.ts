/**
 * Bad input: 100,000 generated browser `details` objects (URLs of every shape,
 * hostile host names, IP strings valid and not, junk in every field) go through capture's
 * readers and on through classification as capture does it (the URL split into stored parts,
 * host, IP and party verdicts of the knowledge classifier) and as the command line does it
 * (classify()). Nothing may throw, except classify()'s documented InvalidUrlError, and every
 * verdict must be well formed. capture-fuzz-*.spec.ts go deeper into the store with fewer
 * cases; ip-fuzz.spec.ts covers the address lookups alone.
 */
import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { isPrivate, toHeaderFlags, toNavigationStart, toObservation } from '../../src/capture/observation.js';
import { knowledgeClassifier } from '../../src/capture/knowledge-classifier.js';
import { classify, InvalidUrlError } from '../../src/classify/classify.js';
import type { Knowledge } from '../../src/classify/knowledge.js';
import type { Classifier } from '../../src/store/classifier.js';
import { storedUrl, urlParts } from '../../src/store/url-parts.js';
import type { Outcome } from '../../src/shared/types.js';
import { builtKnowledge } from './classify-knowledge.js';
import { ALL_PROTOTYPE_NAMES } from './helpers/prototype-names.js';

const CASES = 100_000;

const label = fc.stringMatching(/^[a-zA-Z0-9](?:[a-zA-Z0-9_-]{0,10}[a-zA-Z0-9])?$/);
const HOSTILE_HOSTS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '\u202Egoogle.com',
  'goo\u200Bgle.com',
  'xn--',
  'xn--80ak6aa92e.com',
  'münchen.de',
  'пример.рф',
  '..',
  '.',
  '',
  ' ',
  'a b',
  '%00',
  'x%41y.com',
  '[::1',
  '[zz::1]',
  '1.2.3.4.5',
  '0x7f.1',
  '4294967296',
  'localhost',
  ...ALL_PROTOTYPE_NAMES,
  `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`,
  `${'x'.repeat(100_000)}.example`,
];
const host = fc.oneof(
  { weight: 6, arbitrary: fc.array(label, { minLength: 1, maxLength: 5 }).map((labels) => labels.join('.')) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'google-analytics.com',
      'www.google-analytics.com',
      'connect.facebook.net',
      'fonts.gstatic.com',
      'cdn.jsdelivr.net',
      'github.io',
      'user.github.io',
    ),
  },
  { weight: 1, arbitrary: fc.ipV4() },
  { weight: 1, arbitrary: fc.ipV4Extended() },
  { weight: 1, arbitrary: fc.ipV6().map((ip) => `[${ip}]`) },
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_HOSTS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
);
const url = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({
        scheme: fc.constantFrom(
          'http',
          'https',
          'ws',
          'wss',
          'ftp',
          'HTTPS',
          'data',
          'blob',
          'about',
          'javascript',
          'chrome-extension',
          'moz-extension',
        ),
        slashes: fc.constantFrom('//', '//', '//', '/', '', '\\\\'),
        user: fc.constantFrom('', '', '', 'user@', 'user:pw@', '@'),
        host,
        port: fc.oneof(
          fc.constant(''),
          fc.integer({ min: 0, max: 70_000 }).map((p) => `:${p}`),
          fc.constantFrom(':', ':x'),
        ),
        rest: fc.oneof(
          fc.constantFrom('', '/', '/a/b.js?x=1&y=2#f', '?q', '#h', '/%E2%82%AC', '/%zz', '/\u0000', '/<script>'),
          fc.string({ maxLength: 40 }).map((s) => `/${s}`),
        ),
      })
      .map(({ scheme, slashes, user, host, port, rest }) => `${scheme}:${slashes}${user}${host}${port}${rest}`),
  },
  { weight: 2, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true, validSchemes: ['http', 'https', 'ws', 'wss'] }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, 42, {}, [], 'https://', `https://${'a/'.repeat(6000)}`) },
);
const ip = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.ipV4Extended(),
  fc.constantFrom<unknown>(
    '::1',
    '[2001:db8::1]',
    '999.1.1.1',
    '1.2.3',
    'fe80::1%eth0',
    '::ffff:8.8.8.8',
    '',
    ' ',
    '\u202E1.1.1.1',
    null,
    undefined,
    8.8,
    {},
  ),
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef:.%[]'.split('')), maxLength: 45 }),
);
const junk = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, NaN, -1, 0, '', '<b>', {}, [], true),
  fc.string({ maxLength: 8 }),
  fc.integer(),
);
const details = fc.record(
  {
    requestId: fc.oneof({ weight: 9, arbitrary: fc.nat({ max: 1e6 }).map(String) }, { weight: 1, arbitrary: junk }),
    url,
    method: fc.oneof(fc.constantFrom('GET', 'POST', 'HEAD', 'PROPFIND'), junk),
    type: fc.oneof(fc.constantFrom('main_frame', 'sub_frame', 'image', 'script', 'xmlhttprequest', 'ping', 'websocket', 'other'), junk),
    tabId: fc.oneof(fc.integer({ min: -1, max: 50 }), junk),
    frameId: fc.oneof(fc.integer({ min: -1, max: 5 }), junk),
    parentFrameId: fc.oneof(fc.integer({ min: -1, max: 5 }), junk),
    timeStamp: fc.oneof(fc.integer({ min: 1_600_000_000_000, max: 2_000_000_000_000 }), fc.double(), junk),
    initiator: url,
    documentUrl: url,
    originUrl: url,
    frameAncestors: fc.oneof(fc.array(fc.record({ url, frameId: fc.nat(4) }), { maxLength: 3 }), junk),
    statusCode: fc.oneof(fc.constantFrom(200, 204, 301, 302, 404, 500, 0), fc.integer(), junk),
    ip,
    fromCache: fc.oneof(fc.boolean(), junk),
    redirectUrl: url,
    error: fc.oneof(fc.constantFrom('net::ERR_ABORTED', 'NS_ERROR_UNKNOWN_HOST'), junk),
    incognito: fc.oneof(fc.boolean(), junk),
    requestHeaders: fc.oneof(
      fc.array(fc.record({ name: fc.constantFrom('Cookie', 'Referer', 'X'), value: fc.string({ maxLength: 10 }) }), { maxLength: 3 }),
      junk,
    ),
  },
  { requiredKeys: ['requestId', 'url'] },
);
const OUTCOMES: Outcome[] = ['completed', 'redirected', 'failed'];
const emptyDomains = new Set<string>();

// Plain checks: Playwright's expect() records a step per call, far too slow for 100,000 cases.
function check(condition: boolean, what: string, value: unknown): asserts condition {
  if (!condition) throw new Error(`${what}: ${JSON.stringify(value)?.slice(0, 300)}`);
}
const textOrNull = (v: unknown) => v === null || typeof v === 'string';

/** What capture and classification do with one details object; returns 'classified' when it went all the way. */
function throughCaptureAndClassification(
  knowledge: Knowledge,
  classifier: Classifier,
  raw: unknown,
  outcome: Outcome,
): 'classified' | 'dropped' {
  toNavigationStart(raw);
  toHeaderFlags(raw);
  check(typeof isPrivate(raw) === 'boolean', 'isPrivate', raw);
  const obs = toObservation(raw, outcome);
  if (!obs) return 'dropped';
  // As the store does (ingest): split the URL, classify the host, the server IP and the party.
  const parts = urlParts(obs.url);
  check(typeof storedUrl(obs.url, false) === 'string', 'storedUrl', obs.url);
  // ingest stores only URLs with a host.
  if (parts?.host) {
    const verdict = classifier.host(parts.host);
    // An empty domain is possible for hosts with no label ("http://./"): noted, not thrown.
    if (verdict.domain === '') emptyDomains.add(parts.host);
    check(
      typeof verdict.domain === 'string' &&
        textOrNull(verdict.company) &&
        textOrNull(verdict.jurisdiction) &&
        typeof verdict.prism === 'boolean',
      'host verdict',
      [parts.host, verdict],
    );
    const page = obs.topUrl ? urlParts(obs.topUrl) : null;
    if (page?.host) check(typeof classifier.thirdParty(page.host, parts.host) === 'boolean', 'thirdParty', [page.host, parts.host]);
  }
  if (obs.ip) {
    const country = classifier.ip(obs.ip).country;
    check(country === null || /^[A-Z]{2}$/.test(country), 'country', [obs.ip, country]);
  }
  // As the command line does: the whole classification, or InvalidUrlError.
  try {
    const c = classify(knowledge, { url: obs.url, ip: obs.ip, page: obs.topUrl });
    check(
      textOrNull(c.host) && (c.serverCountry === null || /^[A-Z]{2}$/.test(c.serverCountry)) && typeof c.cleartext === 'boolean',
      'classification',
      c,
    );
  } catch (error) {
    if (!(error instanceof InvalidUrlError)) throw error;
  }
  return 'classified';
}

test(`${CASES.toLocaleString('en')} generated request details go through capture's readers and classification without throwing`, async () => {
  test.setTimeout(300_000);
  const knowledge = await builtKnowledge();
  const classifier = knowledgeClassifier(knowledge, 'fuzz');
  let tried = 0;
  let classified = 0;
  fc.assert(
    fc.property(details, fc.constantFrom(...OUTCOMES), (raw, outcome) => {
      tried++;
      if (throughCaptureAndClassification(knowledge, classifier, raw, outcome) === 'classified') classified++;
    }),
    { numRuns: CASES },
  );
  // Hostile host names, one by one, whatever the generator drew.
  for (const name of HOSTILE_HOSTS) {
    for (const scheme of ['https', 'http', 'wss'])
      throughCaptureAndClassification(
        knowledge,
        classifier,
        { requestId: '1', url: `${scheme}://${name}/x`, ip: name, initiator: `https://${name}/` },
        'completed',
      );
  }
  expect(tried).toBe(CASES);
  // Only hosts without a single letter or digit get no domain.
  expect([...emptyDomains].filter((name) => /[\p{L}\p{N}]/u.test(name))).toEqual([]);
  // Most cases must get past the readers, or the classification half tests little.
  expect(classified).toBeGreaterThan(CASES / 2);
  test.info().annotations.push({
    type: 'figure',
    description: `bad input: ${tried.toLocaleString('en')} generated request details through capture and classification, 0 thrown (${classified.toLocaleString('en')} classified)`,
  });
});
