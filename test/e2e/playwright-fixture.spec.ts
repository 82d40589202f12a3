/**
 * The Playwright fixture as a project that installed Upstream uses it: imported by the
 * package's name (so this runs the bundle in dist/playwright, not the TypeScript source),
 * pointed at a server through upstreamOptions. The fixture server stands in for every host
 * (test/fixtures/sites/bakery.example/ and generic answers for the trackers).
 */
import { test as base, expect } from 'upstream/playwright';
import { startFixtureServer, type FixtureServer } from '../../src/audit/fixture-server.js';
import { SITES_DIR } from './harness.js';

const test = base.extend<object, { server: FixtureServer }>({
  server: [
    async ({}, use) => {
      const server = await startFixtureServer(SITES_DIR);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  // What a project pointing at its staging server writes as a constant in its config.
  upstreamOptions: async ({ server }, use) => {
    await use({ hostResolverRules: server.hostResolverRules, insecure: true });
  },
});

const CLEAN = 'https://bakery.example/';
const TRACKED = 'https://bakery.example/tracked.html';
const CONSENT = 'https://bakery.example/consent.html';

test('a page with only its own resources passes every matcher', async ({ page, upstream }) => {
  await page.goto(CLEAN);
  await expect(upstream).toSendNothingToUsJurisdiction();
  await expect(upstream).toSendNothingTo({ thirdParty: true });
  await expect(upstream).toSendNothingTo({ tracker: true });
  // What was recorded is the page and its own resources, nothing else.
  const hosts = new Set((await upstream.requests()).map((request) => request.host));
  expect([...hosts].sort()).toEqual(['bakery.example', 'static.bakery.example']);
  const figures = await upstream.figures();
  expect(figures).toMatchObject({ thirdParties: [], companies: [], usCompanies: [], trackers: [] });
  expect(figures.exposure.visits).toBe(1);
  expect(figures.exposure.usReach.share).toBe(0);
});

test('a page loading US trackers fails, and the message lists each offending request', async ({ page, upstream }) => {
  await page.goto(TRACKED);
  const failure = expect(upstream).toSendNothingToUsJurisdiction();
  await expect(failure).rejects.toThrow(/Expected no request to a company under US jurisdiction; 3 of the \d+ recorded requests did:/);
  const message = await failure.then(
    () => '',
    (error: Error) => error.message,
  );
  const lines = message.split('\n').filter((line) => line.startsWith('  - '));
  expect(lines).toHaveLength(3);
  expect(message).toContain(
    'GET https://www.google-analytics.com/analytics.js · host www.google-analytics.com · Google (parent Alphabet) · jurisdiction US · PRISM · tracker Google Analytics (site_analytics) · third party · page https://bakery.example/tracked.html',
  );
  expect(message).toMatch(/https:\/\/connect\.facebook\.net\/en_US\/fbevents\.js · host connect\.facebook\.net · Meta · jurisdiction US/);
  expect(message).toMatch(/https:\/\/www\.facebook\.com\/tr\/ · host www\.facebook\.com · /);
  await test.info().attach('failure message (docs/playwright-fixture.md shows one)', { body: message, contentType: 'text/plain' });

  // `.not` asks for the opposite: at least one such request.
  await expect(upstream).not.toSendNothingToUsJurisdiction();
  await expect(upstream).not.toSendNothingTo({ tracker: 'site_analytics', company: 'Alphabet' });
  await expect(expect(upstream).not.toSendNothingTo({ jurisdiction: 'CN' })).rejects.toThrow(
    /Expected at least one request to a company under CN jurisdiction; none of the \d+ recorded requests matched/,
  );
  // A misspelt criterion would select every request: it is refused.
  await expect(expect(upstream).toSendNothingTo({ juridiction: 'US' } as never)).rejects.toThrow(/unknown request filter key juridiction/);

  const figures = await upstream.figures();
  expect(figures.usCompanies).toEqual(['Google', 'Meta']);
  expect(figures.prismCompanies).toEqual(['Google', 'Meta']);
  expect(figures.thirdParties).toEqual(['facebook.com', 'facebook.net', 'google-analytics.com']);
  expect(figures.trackers.map((t) => t.name)).toEqual(expect.arrayContaining(['Google Analytics', 'Facebook Connect']));
  expect(figures.exposure.usReach.share).toBe(1);
  expect(figures.exposure.trackerReach.share).toBe(1);
});

test('no tracker before consent: trackers loaded only after the click pass, and are there after the mark', async ({ page, upstream }) => {
  await page.goto(CONSENT);
  await upstream.mark('consent');
  const loaded = Promise.all([
    page.waitForResponse('https://www.google-analytics.com/analytics.js'),
    page.waitForResponse('https://connect.facebook.net/en_US/fbevents.js'),
  ]);
  await page.getByRole('button', { name: 'Accept' }).click();
  await loaded;

  // The consent manager loaded before the click: listed (category consent), yet no tracker by the report's definition.
  await expect(upstream).not.toSendNothingTo({ tracker: 'consent', before: 'consent' });
  await expect(upstream).toSendNoTrackerBefore('consent');
  await expect(upstream).toSendNothingToUsJurisdiction({ before: 'consent' });
  await expect(upstream).not.toSendNothingTo({ tracker: true, after: 'consent' });
  const afterConsent = expect(upstream).toSendNothingToUsJurisdiction({ after: 'consent' });
  await expect(afterConsent).rejects.toThrow(/after mark 'consent'; 2 of the \d+ recorded requests did:\n/);
  await expect(afterConsent).rejects.toThrow(/\n {2}- GET https:\/\/www\.google-analytics\.com\/analytics\.js · /);
  await expect(afterConsent).rejects.toThrow(/\n {2}- GET https:\/\/connect\.facebook\.net\/en_US\/fbevents\.js · /);
  // A mark the test never set is a mistake in the test, whatever the matcher.
  await expect(expect(upstream).not.toSendNoTrackerBefore('cookies')).rejects.toThrow(/no mark 'cookies'.*marks set: 'consent'/);
});

test('the page that loads trackers at once fails "no tracker before consent"', async ({ page, upstream }) => {
  await page.goto(TRACKED);
  await upstream.mark('consent');
  await expect(expect(upstream).toSendNoTrackerBefore('consent')).rejects.toThrow(
    /Expected no request to a tracker, before mark 'consent'; 3 of the/,
  );
});
