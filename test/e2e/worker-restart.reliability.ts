import { test, expect, waitForRecords } from './harness.js';
import { flushWorker, readRecords } from '../../src/audit/read-store.js';

const COUNT = 2000;
const MIN_KILLS = 10;

/**
 * The MV3 worker can be stopped at any moment. Chrome forgets the events it had queued in
 * a stopped worker; Upstream journals every event the moment it runs, and recovers what
 * Chrome dropped from the pages' own Resource Timing reports (see witness-content.ts).
 */
test('Chromium: the worker stopped at random moments during a burst of 2,000 requests loses and duplicates nothing', async ({
  chromium,
  server,
}) => {
  test.setTimeout(240_000);
  const run = `run${Date.now()}`;
  // 16 at a time, each answered 40 ms late: the burst lasts several seconds, like a busy page.
  const tab = await chromium.visit(`https://burst.example/?n=${COUNT}&run=${run}&parallel=16&delay=40`);
  const burstDone = () => tab.evaluate(() => (window as unknown as { burstDone?: boolean }).burstDone === true);
  let killsDuringBurst = 0;
  while (!(await burstDone())) {
    await new Promise((resolve) => setTimeout(resolve, 30 + Math.random() * 250));
    if (await burstDone()) break;
    await chromium.stopWorker!();
    killsDuringBurst++;
  }
  expect(killsDuringBurst, 'the worker was stopped at least 10 times while requests were in flight').toBeGreaterThanOrEqual(MIN_KILLS);
  const sent = server.log.filter((l) => l.path.endsWith('.gif') && l.path.includes(`/${run}/`));
  expect(sent).toHaveLength(COUNT);

  const popup = await chromium.openExtensionPage('popup.html');
  await flushWorker(popup);
  const isBurst = (url: string) => url.includes(`/${run}/`);
  const expected = sent.map((l) => `https://${l.host}${l.path}`);
  // Pages report what they loaded within seconds (retrying while the worker is down).
  const everyUrl = (rows: { url: string }[]) => {
    const recorded = new Set(rows.map((r) => r.url));
    return expected.every((url) => recorded.has(url));
  };
  const { requests, visits } = await waitForRecords(popup, everyUrl, 60_000).catch(async (error) => {
    const rows = (await readRecords(popup)).requests;
    const recorded = new Set(rows.map((r) => r.url));
    const burstRows = rows.filter((r) => isBurst(r.url));
    const lost = expected.filter((url) => !recorded.has(url));
    throw new Error(
      `${lost.length} requests lost (${burstRows.length} burst rows, ${new Set(burstRows.map((r) => r.url)).size} distinct, ` +
        `${burstRows.filter((r) => r.recovered).length} recovered; other rows: ${rows
          .filter((r) => !isBurst(r.url))
          .map((r) => r.url)
          .slice(0, 5)
          .join(' ')}): ${lost.slice(0, 5).join(' ')}\n${String(error).slice(0, 200)}`,
    );
  });
  const burst = requests.filter((r) => isBurst(r.url));
  const urls = burst.map((r) => r.url);
  expect(
    urls.filter((url, i) => urls.indexOf(url) !== i),
    'no request recorded twice',
  ).toEqual([]);
  expect(burst.length).toBe(COUNT);
  const pageVisit = visits.find((v) => v.url === 'https://burst.example/');
  expect(pageVisit).toBeDefined();
  expect(
    burst.filter((r) => r.visit !== pageVisit!.id).map((r) => r.url),
    'all attributed to the burst page',
  ).toEqual([]);
  expect(burst.every((r) => r.thirdParty && r.pageSite === 'burst.example')).toBe(true);
  const recovered = burst.filter((r) => r.recovered).length;
  console.log(
    `worker stopped ${killsDuringBurst} times during ${COUNT} requests: ${burst.length} recorded (${COUNT - recovered} by webRequest, ${recovered} recovered from the page's report), 0 lost`,
  );
  test.info().annotations.push({
    type: 'figure',
    description: `worker stopped ${killsDuringBurst} times during a burst of ${COUNT} requests: 0 lost, 0 duplicated (${recovered} recovered from the page's report)`,
  });
  await tab.close();
  await popup.close();
});
