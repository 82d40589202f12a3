// README.md
import { test, expect } from 'upstream/playwright';

test('no tracker before consent', async ({ page, upstream }) => {
  await page.goto('https://www.example.org/');
  await upstream.mark('consent');
  await page.getByRole('button', { name: 'Accept' }).click();
  await expect(upstream).toSendNoTrackerBefore('consent');
  await expect(upstream).toSendNothingTo({ jurisdiction: 'US', before: 'consent' });
});
