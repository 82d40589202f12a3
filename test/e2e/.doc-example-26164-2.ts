// docs/testing.md
import { test, expect } from './harness.js';
import { readTables } from './helpers/commands.js';

test('a page and its requests are recorded', async ({ chromium }) => {
  await chromium.visit('https://news.example/');
  const popup = await chromium.openExtensionPage('popup.html');
  await expect.poll(async () => (await readTables(popup)).requests.length).toBeGreaterThan(4);
});
