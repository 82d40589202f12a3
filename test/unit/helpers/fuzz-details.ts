/**
 * What junk looks like, for the capture fuzz tests: browser event `details` are untrusted
 * input, so these generate details shaped like the browsers' with every field sometimes junk,
 * odd URLs a browser can report (and some it should not) and hostile strings.
 */
import fc from 'fast-check';
import { TYPES } from '../../../src/store/schema.js';
import type { Outcome } from '../../../src/shared/types.js';
import { ALL_PROTOTYPE_NAMES } from './prototype-names.js';

export const OWN_ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
export const OUTCOMES: Outcome[] = ['completed', 'redirected', 'failed'];

export const LONG_URL = `https://long.example/${'a/'.repeat(5000)}?${'q=1&'.repeat(500)}`; // > 10 kB
/** URLs a browser can really report, and some it should not. */
export const ODD_URLS = [
  'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7',
  'data:,',
  'blob:https://a.example/0f0e0d0c-1b2c-4d5e-8f90-a1b2c3d4e5f6',
  'blob:null/1234',
  `${OWN_ORIGIN}/knowledge/owners.json`,
  'chrome-extension://zyxwvutsrqponmlkjihgfedcbazyxwvu/other-extension.js',
  'moz-extension://6f1c1b5e-0b4a-4a4e-9f3c-2f9d8f3e2a11/page.html',
  'ws://chat.example/socket',
  'wss://chat.example:8443/socket?token=abc',
  'about:blank',
  'about:srcdoc',
  'https://[2001:db8::1]:8443/x',
  'https://[::1]/',
  'https://[::ffff:192.0.2.1]/mapped',
  'http://192.0.2.10:8080/x',
  'https://xn--bcher-kva.example/',
  'https://bücher.example/',
  'https://ÄÖÜ.example/ä?ä=ä#ä',
  'HTTPS://UPPER.EXAMPLE/Path',
  'https://user:secret@a.example/private',
  'https://a.example./trailing-dot',
  'https://a.example:99999/bad-port',
  'https://',
  'https://%zz/',
  'https://a..b/',
  'https://xn--/',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'ftp://ftp.example/f.txt',
  'view-source:https://a.example/',
  'chrome://settings/',
  'https://a.example/\uD800lone-surrogate',
  'https://a.example/\u0000nul',
  'https://a.example/%00%ff%fe',
  LONG_URL,
  `https://${'sub.'.repeat(70)}example/`,
  `https://${'x'.repeat(300)}.example/`,
  // Hosts named like Object.prototype members; URLs lower-case them.
  'http://constructor/',
  'https://__proto__/',
  'https://toString/',
];
export const HOSTILE = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\u202E',
  '\uFEFF',
  '💥'.repeat(3000),
  'x'.repeat(10_000),
  '<script>alert(1)</script>',
  "'; DROP TABLE requests; --",
  '../../etc/passwd',
  '%00',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '0x10',
  ' 7 ',
  'main_frame ',
  'MAIN_FRAME',
  '[object Object]',
  ...ALL_PROTOTYPE_NAMES,
];

const anyValue = fc.oneof(
  fc.anything({
    maxDepth: 2,
    withBoxedValues: true,
    withNullPrototype: true,
    withBigInt: true,
    withDate: true,
    withTypedArray: true,
    withSparseArray: true,
  }),
  fc.constantFrom<unknown>(NaN, Infinity, -Infinity, -0, 0, -1, Number.MAX_SAFE_INTEGER + 2, 1e300, null, undefined, true, false, [], {}),
  fc.constantFrom(...HOSTILE),
);
const urlValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_URLS) },
  { weight: 3, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true, validSchemes: ['http', 'https', 'ws', 'wss'] }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 1, arbitrary: anyValue },
);
const header = fc.record(
  {
    name: fc.oneof(
      fc.constantFrom('Cookie', 'cookie', 'COOKIE', 'Referer', 'referer', 'Content-Disposition', 'content-disposition', 'X-Other'),
      anyValue,
    ),
    value: fc.oneof(fc.constantFrom('a=1', '', 'attachment; filename=x', ' ATTACHMENT', 'inline'), anyValue),
    binaryValue: anyValue,
  },
  { requiredKeys: [] },
);
const headers = fc.oneof(fc.array(fc.oneof(header, anyValue), { maxLength: 6 }), anyValue);
const smallInt = fc.oneof(fc.integer({ min: -2, max: 40 }), anyValue);

/** A details object shaped like the browsers' (every field optional, each sometimes junk). */
const detailsShaped = fc.record(
  {
    requestId: fc.oneof(
      { weight: 5, arbitrary: fc.nat({ max: 400 }).map(String) },
      { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
      { weight: 1, arbitrary: fc.constantFrom(...ALL_PROTOTYPE_NAMES) },
      { weight: 1, arbitrary: anyValue },
    ),
    url: urlValue,
    method: fc.oneof(fc.constantFrom('GET', 'POST', 'get', 'PROPFIND', 'HEAD', ''), anyValue),
    type: fc.oneof(fc.constantFrom(...TYPES, 'main_frame', 'sub_frame', 'unknown_type'), anyValue),
    tabId: smallInt,
    frameId: smallInt,
    parentFrameId: smallInt,
    timeStamp: fc.oneof(fc.double(), fc.integer({ min: 1_600_000_000_000, max: 2_000_000_000_000 }), anyValue),
    initiator: urlValue,
    documentUrl: urlValue,
    originUrl: urlValue,
    frameAncestors: fc.oneof(
      fc.array(fc.oneof(fc.record({ url: urlValue, frameId: smallInt }, { requiredKeys: [] }), anyValue), { maxLength: 4 }),
      anyValue,
    ),
    documentLifecycle: fc.oneof(fc.constantFrom('active', 'prerender', 'cached', 'pending_deletion'), anyValue),
    frameType: fc.oneof(fc.constantFrom('outermost_frame', 'fenced_frame', 'sub_frame'), anyValue),
    documentId: anyValue,
    statusCode: fc.oneof(fc.constantFrom(200, 204, 205, 301, 302, 404, 500, 0), fc.integer({ min: -1000, max: 100_000 }), anyValue),
    ip: fc.oneof(fc.ipV4(), fc.ipV6(), fc.constantFrom('::1', '[2001:db8::1]', '999.1.1.1', '1.2.3', 'fe80::1%eth0'), anyValue),
    fromCache: fc.oneof(fc.boolean(), anyValue),
    redirectUrl: urlValue,
    error: fc.oneof(fc.constantFrom('net::ERR_ABORTED', 'NS_ERROR_UNKNOWN_HOST'), anyValue),
    incognito: fc.oneof(fc.boolean(), anyValue),
    requestHeaders: headers,
    responseHeaders: headers,
    thirdParty: anyValue,
    urlClassification: anyValue,
  },
  { requiredKeys: [] },
);

export const anyDetails = fc.oneof({ weight: 1, arbitrary: anyValue }, { weight: 8, arbitrary: detailsShaped });
