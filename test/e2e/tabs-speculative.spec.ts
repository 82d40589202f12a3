/**
 * Speculation Rules in real Chromium: the start page asks for the next page to be
 * prerendered; headless Chromium prefetches it instead, as a `main_frame` request of the
 * start page's document. That request belongs to the start page and makes no visit: only
 * following the link does (test/fixtures/sites/prerender.example).
 */
import { test, expect } from './harness.js';
import { recordOfSite } from './helpers/site-record.js';

test('Chromium: a page prefetched by Speculation Rules is a request of the page that asked, and a visit only once followed', async ({
  chromium,
  server,
}) => {
  const since = Date.now();
  const reader = await chromium.openExtensionPage('popup.html');
  const page = await chromium.visit('https://prerender.example/');
  const served = () => server.log.filter((e) => e.host === 'prerender.example' && e.path === '/next.html' && e.time >= since).length;
  // Without the speculative request there is nothing to check.
  await expect.poll(served, { message: 'Chromium asked for the next page ahead' }).toBe(1);
  const stored = () => recordOfSite(reader, 'prerender.example', since);
  await expect.poll(async () => (await stored()).requests.some((r) => r.url === 'prerender.example/next.html')).toBe(true);
  const before = await stored();
  expect(
    before.visits.map((v) => v.url),
    'the prefetch made no visit',
  ).toEqual(['https://prerender.example/']);
  expect(before.requests.find((r) => r.url === 'prerender.example/next.html')).toEqual({
    visit: before.visits[0]!.id,
    url: 'prerender.example/next.html',
    type: 'speculative',
  });

  await page.evaluate(() => (document.getElementById('next') as HTMLAnchorElement).click());
  await expect.poll(async () => (await stored()).requests.some((r) => r.url === 'cdn-shown.example/after-activation.gif')).toBe(true);
  const after = await stored();
  expect(after.visits.map((v) => v.url)).toEqual(['https://prerender.example/', 'https://prerender.example/next.html']);
  const next = after.visits[1]!;
  expect(next).toMatchObject({ shown: true, prerender: false });
  const ofNext = after.requests
    .filter((r) => r.visit === next.id)
    .map((r) => r.url)
    .sort();
  expect(ofNext).toEqual([
    'cdn-prerendered.example/while-prerendering.gif',
    'cdn-shown.example/after-activation.gif',
    'prerender.example/next.html',
  ]);
  // The start page keeps what it loaded, the prefetch included.
  expect(after.requests.filter((r) => r.visit === before.visits[0]!.id).map((r) => r.url)).toEqual(
    expect.arrayContaining(['prerender.example/', 'cdn-start.example/start.gif', 'prerender.example/next.html']),
  );
  await page.close();
  await reader.close();
});
