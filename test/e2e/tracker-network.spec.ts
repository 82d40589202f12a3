/**
 * A site's own host served from a tracker's network (docs/cname-uncloaking.md): Chrome has no
 * DNS API, so what it gives, the server's address, is what flags a first-party name answered
 * from the network of a company that only tracks. Loopback belongs to no network, so the
 * fixture server's address row is given one, as the worker records it for an address in a
 * network Criteo operates (classify/hosting.ts; the address → network → operator lookup itself
 * is unit-tested against the tables). Each browser is launched for this test alone: the seeded
 * operator would flag every first-party host a shared browser records after it.
 */
import { test, expect, chromiumRules, distFor, waitForRecords } from './harness.js';
import type { ExtensionBrowser } from '../../src/audit/extension-browser.js';
import { launchChromium } from '../../src/audit/launch-chromium.js';
import { launchFirefox } from '../../src/audit/launch-firefox.js';
import { flushWorker } from '../../src/audit/read-store.js';
import { placeServersIn } from './helpers/popup.js';

const CRITEO = { asn: 44788, network: 'Criteo France SAS', operator: 'Criteo', operatorJurisdiction: 'FR', operatorTracks: true };
const SITE = 'cloaked.example';
const OWN_HOST = 'metrics.cloaked.example';

async function checkFlag(browser: ExtensionBrowser) {
  const reader = await browser.openExtensionPage('popup.html');
  const servers = await placeServersIn(browser, reader, 'FR', CRITEO);
  const tab = await browser.visit(`https://${SITE}/`);
  await flushWorker(reader);
  await servers.forgetSeed();

  const snapshot = await waitForRecords(reader, (_, s) => s.hosts.some((h) => h.name === OWN_HOST && h.trackerNetwork === 'Criteo'));
  // Flagged only: the name stays the site's own and is not counted as Criteo's.
  expect(snapshot.hosts.find((h) => h.name === OWN_HOST)).toMatchObject({ company: null, cloaked: false, trackerNetwork: 'Criteo' });
  expect(snapshot.requests.find((r) => r.host === OWN_HOST)?.thirdParty).toBe(false);

  const visit = snapshot.visits.filter((v) => v.site === SITE).sort((a, b) => b.time - a.time)[0]!;
  const popup = await browser.openExtensionPage(`popup.html?tab=${visit.tab}`);
  await popup.waitForFunction(
    (host) => !!document.querySelector(`[data-testid="page-tracker-networks"] [data-host="${host}"][data-operator="Criteo"]`),
    OWN_HOST,
    15_000,
  );
  await popup.close();

  const report = await browser.openExtensionPage(`report.html#/sites?period=week&item=${SITE}`);
  await report.waitForFunction(
    (host) => !!document.querySelector(`[data-testid="site-tracker-networks"] li[data-host="${host}"][data-operator="Criteo"]`),
    OWN_HOST,
    20_000,
  );
  await report.evaluate((site) => void (location.hash = `#/log?period=week&item=${site}`), SITE);
  await report.waitForFunction(() => !!document.querySelector('[data-party="first"][data-servedby="Criteo"]'), undefined, 20_000);
  await report.close();
  await tab.close();
}

test('Chromium: a site’s own host answered from a tracker’s network is flagged, not reattributed, in the record, the popup, the site page and the log', async ({
  server,
}) => {
  test.setTimeout(120_000);
  const browser = await launchChromium({
    extensionDir: distFor('chromium'),
    hostResolverRules: chromiumRules(server.port),
    trustedSpki: [server.spkiHash],
  });
  try {
    await checkFlag(browser);
  } finally {
    await browser.close();
  }
});

test('Firefox: the same flag from the server’s network', async ({ server }) => {
  test.setTimeout(120_000);
  const browser = await launchFirefox({
    extensionDir: distFor('firefox'),
    insecure: true,
    mapAllHostsToPort: server.port,
  });
  try {
    await checkFlag(browser);
  } finally {
    await browser.close();
  }
});
