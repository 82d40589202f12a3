/**
 * No egress, end to end. The harness checks after every end-to-end test that the
 * extension sent nothing over the network (helpers/egress-guard.ts); this file shows that
 * the guard sees what it must (the worker's and the pages' requests) and reports a request
 * an extension page sends out, and that the strict CSP stops the worker and the pages from
 * fetching anything outside the extension.
 */
import { test, expect } from './harness.js';
import { extensionSentToServer, recentExtensionRequests, takeExtensionTraffic } from './helpers/egress-guard.js';
import type { LoggedRequest } from '../../src/audit/fixture-server.js';

test("Chromium: the egress guard sees the worker's and the pages' requests and reports one sent out; the CSP blocks fetches out", async ({
  chromium,
  server,
}) => {
  const marker = `egress-probe-${Date.now()}`;
  const from = server.log.length;
  const worker = chromium.context.serviceWorkers().find((w) => w.url().startsWith(chromium.extensionOrigin))!;
  expect(worker).toBeDefined();
  // The guard sees the worker's own requests (here a packaged file, which is no egress).
  const own = await worker.evaluate(
    async () =>
      (
        await fetch(
          (globalThis as unknown as { chrome: { runtime: { getURL(p: string): string } } }).chrome.runtime.getURL('manifest.json'),
        )
      ).status,
  );
  expect(own).toBe(200);
  await expect
    .poll(() =>
      recentExtensionRequests().some((line) => line.startsWith(`GET ${chromium.extensionOrigin}/manifest.json (from ${worker.url()})`)),
    )
    .toBe(true);

  // connect-src 'self': neither the worker nor a page can fetch from elsewhere.
  const outOfWorker = await worker.evaluate(
    (m) =>
      fetch(`https://probe.example/${m}/worker-fetch`).then(
        (r) => `sent ${r.status}`,
        (e) => String(e),
      ),
    marker,
  );
  const popup = await chromium.context.newPage();
  await popup.goto(`${chromium.extensionOrigin}/popup.html`);
  const outOfPage = await popup.evaluate(
    (m) =>
      fetch(`https://probe.example/${m}/page-fetch`).then(
        (r) => `sent ${r.status}`,
        (e) => String(e),
      ),
    marker,
  );
  expect([outOfWorker, outOfPage]).toEqual(['TypeError: Failed to fetch', 'TypeError: Failed to fetch']);

  // A request that does leave (an extension page navigating out) is reported. The answer is
  // held back (/__slow/): the guard names a request's sender by its frame's address, and a
  // navigation that committed before Playwright reported its request (it crosses processes,
  // so the two can come in either order) would already name the probe page (a CI run did).
  const path = `/__slow/3000/${marker}/navigate`;
  await popup.evaluate((p) => void (location.href = `https://probe.example${p}`), path);
  await expect
    .poll(() =>
      server.log
        .slice(from)
        .map((e) => e.path)
        .filter((p) => p.includes(marker)),
    )
    .toEqual([path]);
  // Taken here, so that the harness does not fail this test for the request it sent on purpose.
  await expect.poll(() => recentExtensionRequests().some((line) => line.includes(path))).toBe(true);
  expect(takeExtensionTraffic()).toEqual([`GET https://probe.example${path} (from ${chromium.extensionOrigin}/popup.html)`]);
  await popup.close();
});

test("the fixture server's witness reports requests that came with an extension's Origin or Referer", () => {
  const entry = (headers: LoggedRequest['headers']): LoggedRequest => ({
    time: 0,
    method: 'GET',
    scheme: 'https',
    host: 'a.example',
    path: '/x',
    headers,
  });
  const log = [
    entry({ origin: 'https://page.example', referer: 'https://page.example/' }),
    entry({ origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' }),
    entry({ referer: 'moz-extension://6f1c1b5e-0b4a-4a4e-9f3c-2f9d8f3e2a11/report.html' }),
    entry({}),
  ];
  expect(extensionSentToServer(log)).toEqual([
    'GET https://a.example/x (origin chrome-extension://abcdefghijklmnopabcdefghijklmnop, referer -)',
    'GET https://a.example/x (origin -, referer moz-extension://6f1c1b5e-0b4a-4a4e-9f3c-2f9d8f3e2a11/report.html)',
  ]);
});
