import { test, expect } from '@playwright/test';
import { isOwnRequest, neverLeftTheBrowser, toNavigationStart, toObservation, MAX_URL_LENGTH } from '../../src/capture/observation.js';

// Shapes as the two browsers send them (Chrome gives `initiator`, Firefox `originUrl`/`documentUrl`).
const chromeDetails = {
  requestId: '1234',
  url: 'https://www.google-analytics.com/g/collect',
  method: 'POST',
  type: 'ping',
  tabId: 7,
  frameId: 0,
  parentFrameId: -1,
  timeStamp: 1_764_000_000_000.5,
  initiator: 'https://news.example',
  statusCode: 204,
  ip: '142.250.74.78',
  fromCache: false,
  documentId: 'ABC',
  documentLifecycle: 'active',
  frameType: 'outermost_frame',
};
const firefoxDetails = {
  requestId: '1234',
  url: 'https://www.google-analytics.com/g/collect',
  method: 'POST',
  type: 'ping',
  tabId: 7,
  frameId: 0,
  parentFrameId: -1,
  timeStamp: 1_764_000_000_000.5,
  originUrl: 'https://news.example/',
  documentUrl: 'https://news.example/',
  statusCode: 204,
  ip: '142.250.74.78',
  fromCache: false,
  thirdParty: true,
  incognito: false,
  cookieStoreId: 'firefox-default',
  urlClassification: { firstParty: [], thirdParty: ['tracking_analytics'] },
};

test('Chrome and Firefox details become the same observation', () => {
  const fromChrome = toObservation(chromeDetails, 'completed');
  const fromFirefox = toObservation(firefoxDetails, 'completed');
  expect(fromChrome).toEqual({
    requestId: '1234',
    time: 1_764_000_000_000.5,
    url: 'https://www.google-analytics.com/g/collect',
    method: 'POST',
    type: 'ping',
    tabId: 7,
    frameId: 0,
    parentFrameId: -1,
    initiator: 'https://news.example',
    topUrl: null,
    documentId: 'ABC',
    documentLifecycle: 'active',
    frameType: 'outermost_frame',
    outcome: 'completed',
    statusCode: 204,
    ip: '142.250.74.78',
    fromCache: false,
    redirectUrl: null,
    error: null,
    cookies: null,
    referrer: null,
  });
  // Same fields, but for what only one browser says: Chrome's document lifecycle and frame type, Firefox's top document.
  const browserSpecific = { initiator: null, topUrl: null, documentId: null, documentLifecycle: null, frameType: null };
  expect({ ...fromFirefox, ...browserSpecific }).toEqual({ ...fromChrome, ...browserSpecific });
  expect(fromFirefox!.topUrl).toBe('https://news.example/');
  expect(fromFirefox!.initiator).toBe('https://news.example/');
});

test('redirects keep their target and failures their error text', () => {
  const redirected = toObservation({ ...chromeDetails, statusCode: 302, redirectUrl: 'https://b.example/x' }, 'redirected');
  expect(redirected).toMatchObject({ outcome: 'redirected', statusCode: 302, redirectUrl: 'https://b.example/x', error: null });
  const failed = toObservation({ ...firefoxDetails, statusCode: undefined, ip: undefined, error: 'NS_ERROR_UNKNOWN_HOST' }, 'failed');
  expect(failed).toMatchObject({ outcome: 'failed', statusCode: null, ip: null, error: 'NS_ERROR_UNKNOWN_HOST', redirectUrl: null });
});

test('a request through a proxy that resolves names is marked, and nothing else is', () => {
  const proxied = toObservation(
    { ...firefoxDetails, proxyInfo: { host: '127.0.0.1', port: 9050, type: 'socks', proxyDNS: true } },
    'completed',
  );
  expect(proxied?.proxyDns).toBe(true);
  for (const proxyInfo of [null, undefined, 'socks', { type: 'http', proxyDNS: false }, { proxyDNS: 'true' }]) {
    expect(toObservation({ ...firefoxDetails, proxyInfo }, 'completed'), JSON.stringify(proxyInfo)).not.toHaveProperty('proxyDns');
  }
  expect(toObservation(chromeDetails, 'completed')).not.toHaveProperty('proxyDns');
});

test('malformed details never throw: no id or URL gives null, odd fields get safe defaults', () => {
  const hostile: unknown[] = [
    null,
    undefined,
    42,
    'str',
    [],
    {},
    { requestId: 1, url: 2 },
    { requestId: '1' },
    { url: 'https://a.example' },
  ];
  for (const details of hostile) expect(toObservation(details as never, 'completed')).toBeNull();
  const odd = toObservation(
    { requestId: '9', url: 'https://a.example/' + 'x'.repeat(20_000), tabId: 'seven', timeStamp: NaN, method: {}, ip: 7 },
    'completed',
  )!;
  expect(odd.url.length).toBe(MAX_URL_LENGTH);
  expect(odd.tabId).toBe(-1);
  expect(odd.method).toBe('GET');
  expect(odd.ip).toBeNull();
  expect(Number.isFinite(odd.time)).toBe(true);
});

test("the extension's own requests are recognised in both browsers", () => {
  const own = 'chrome-extension://abcdefghijklmnop';
  expect(isOwnRequest(toObservation({ requestId: '1', url: `${own}/knowledge/x.bin` }, 'completed')!, own)).toBe(true);
  expect(isOwnRequest(toObservation({ requestId: '1', url: 'https://a.example/', initiator: own }, 'completed')!, own)).toBe(true);
  expect(isOwnRequest(toObservation(chromeDetails, 'completed')!, own)).toBe(false);
});

test("Chromium's cache-only probes (net::ERR_CACHE_MISS) are not requests anyone received; other failures are", () => {
  const probe = toObservation(
    { requestId: '5', url: 'https://fonts.gstatic.com/s/a.woff2', type: 'font', error: 'net::ERR_CACHE_MISS' },
    'failed',
  )!;
  expect(neverLeftTheBrowser(probe)).toBe(true);
  const refused = toObservation(
    { requestId: '6', url: 'https://fonts.gstatic.com/s/a.woff2', type: 'font', error: 'net::ERR_CONNECTION_REFUSED' },
    'failed',
  )!;
  expect(neverLeftTheBrowser(refused)).toBe(false);
  const completed = toObservation(
    { requestId: '7', url: 'https://fonts.gstatic.com/s/a.woff2', type: 'font', statusCode: 200 },
    'completed',
  )!;
  expect(neverLeftTheBrowser(completed)).toBe(false);
});

test('a main-frame response the browser saves rather than shows starts no page', () => {
  const response = (headers: [string, string][], statusCode = 200) =>
    toNavigationStart({
      ...chromeDetails,
      documentId: undefined,
      type: 'main_frame',
      statusCode,
      responseHeaders: headers.map(([name, value]) => ({ name, value })),
    })!.commits;
  for (const type of [
    'text/html; charset=utf-8',
    'TEXT/HTML',
    'application/xhtml+xml',
    'text/plain',
    'image/svg+xml',
    'image/png',
    'video/mp4',
    'application/pdf',
    'application/json',
    'application/ld+json',
    'application/rss+xml',
    '',
  ]) {
    expect(response([['Content-Type', type]]), type).toBe(true);
  }
  expect(response([]), 'no type: sniffed').toBe(true);
  for (const type of [
    'application/octet-stream',
    'application/zip',
    'application/x-msdownload',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'text/csv',
    'text/calendar; charset=utf-8',
    'application/wasm',
  ]) {
    expect(response([['content-type', type]]), type).toBe(false);
  }
  expect(
    response([
      ['Content-Type', 'text/html'],
      ['Content-Disposition', 'attachment; filename="a.html"'],
    ]),
  ).toBe(false);
  expect(response([['Content-Type', 'text/html']], 204)).toBe(false);
});

test('of the response headers, only the point of presence a CDN named is kept, as cdn:POP; failures keep none', () => {
  const responseHeaders = [
    { name: 'content-type', value: 'image/gif' },
    { name: 'set-cookie', value: 'id=secret' },
    { name: 'cf-ray', value: '9b7d22ba0cdcde9c-CDG' },
  ];
  const completed = toObservation({ ...chromeDetails, responseHeaders }, 'completed')!;
  expect(completed.edge).toBe('cloudflare:CDG');
  expect(JSON.stringify(completed)).not.toContain('secret');
  expect(
    toObservation({ ...firefoxDetails, responseHeaders: [{ name: 'X-Served-By', value: 'cache-fra-eddf8230071-FRA' }] }, 'redirected')!
      .edge,
  ).toBe('fastly:FRA');
  expect(toObservation({ ...chromeDetails, responseHeaders }, 'failed')!).not.toHaveProperty('edge');
  expect(toObservation({ ...chromeDetails, responseHeaders: 'cf-ray: 1-CDG' }, 'completed')!).not.toHaveProperty('edge');
  expect(toObservation(chromeDetails, 'completed')!).not.toHaveProperty('edge');
});
