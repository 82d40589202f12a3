/**
 * Browser event `details` are untrusted input. Whatever they hold, the capture boundary
 * (toObservation, toNavigationStart, toHeaderFlags, isPrivate) must not throw and must hand
 * on well-formed values. (The store and the pipeline under the same junk:
 * capture-fuzz-ingest.spec.ts and capture-fuzz-pipeline.spec.ts.)
 */
import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { isPrivate, MAX_URL_LENGTH, toObservation } from '../../src/capture/observation.js';
import { anyDetails, HOSTILE, LONG_URL, ODD_URLS, OUTCOMES } from './helpers/fuzz-details.js';
import { check, checkHeaderFlags, checkNavigation, checkObservation } from './helpers/fuzz-checks.js';

test('10,000 generated details objects: the readers never throw and always hand on well-formed values', () => {
  test.setTimeout(120_000);
  let usable = 0;
  fc.assert(
    fc.property(anyDetails, fc.constantFrom(...OUTCOMES), (details, outcome) => {
      checkObservation(details, outcome);
      checkNavigation(details);
      checkHeaderFlags(details);
      check(typeof isPrivate(details) === 'boolean', 'isPrivate');
      if (toObservation(details, outcome)) usable++;
    }),
    { numRuns: 10_000 },
  );
  // The generator must mostly produce details that get past the first checks, or it tests little.
  expect(usable).toBeGreaterThan(3000);
});

test('odd schemes, IPv6 and IDN hosts, 10 kB URLs and hostile strings are read without loss of type', () => {
  for (const url of ODD_URLS) {
    for (const outcome of OUTCOMES)
      checkObservation({ requestId: '1', url, initiator: url, documentUrl: url, frameAncestors: [{ url }], tabId: 1, frameId: 0 }, outcome);
    checkNavigation({ requestId: '1', url, tabId: 1, statusCode: 200 });
  }
  for (const text of HOSTILE) {
    const details = {
      requestId: text,
      url: text,
      method: text,
      type: text,
      tabId: text,
      ip: text,
      initiator: text,
      error: text,
      requestHeaders: [{ name: text, value: text }],
    };
    checkObservation(details, 'failed');
    checkNavigation({ ...details, responseHeaders: [{ name: 'content-disposition', value: text }] });
    checkHeaderFlags(details);
  }
  const long = toObservation({ requestId: '1', url: LONG_URL, redirectUrl: LONG_URL, initiator: LONG_URL }, 'redirected')!;
  expect(LONG_URL.length).toBeGreaterThan(10_000);
  expect([long.url.length, long.redirectUrl!.length, long.initiator!.length]).toEqual([MAX_URL_LENGTH, MAX_URL_LENGTH, MAX_URL_LENGTH]);
  // Private-window requests are recognised only by a real `true`.
  expect([true, 'true', 1, {}, null].map((incognito) => isPrivate({ requestId: '1', url: 'https://a.example/', incognito }))).toEqual([
    true,
    false,
    false,
    false,
    false,
  ]);
  expect([null, undefined, 'x', [], [{ incognito: true }]].map(isPrivate)).toEqual([false, false, false, false, false]);
});
