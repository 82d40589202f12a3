// docs/playwright-fixture.md
import { test, expect } from 'upstream/playwright';

test.use({
  // Optional: send the production host names to a staging server with a self-signed certificate.
  upstreamOptions: { hostResolverRules: 'MAP www.bakery.example 203.0.113.10', insecure: true },
});

test('the home page sends nothing to US companies', async ({ page, upstream }) => {
  await page.goto('https://www.bakery.example/');
  await expect(upstream).toSendNothingToUsJurisdiction();
});

test('no tracker before the visitor accepts cookies', async ({ page, upstream }) => {
  await page.goto('https://www.bakery.example/');
  await upstream.mark('consent');
  await page.getByRole('button', { name: 'Accept' }).click();
  await page.waitForLoadState('networkidle');
  await expect(upstream).toSendNoTrackerBefore('consent');
  await expect(upstream).not.toSendNothingTo({ tracker: 'site_analytics', after: 'consent' });
  const figures = await upstream.figures();
  expect(figures.usCompanies).toEqual(['Google']);
});
