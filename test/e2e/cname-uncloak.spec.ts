/**
 * CNAME uncloaking in Firefox (docs/cname-uncloaking.md): a page's own host whose DNS
 * canonical name is a tracker's host is recorded as that tracker, marked cloaked. Offline:
 * Firefox resolves every name through a DNS-over-HTTPS server on loopback (helpers/doh-server.ts,
 * its `network.trr.*` prefs), which answers 127.0.0.1 for every name and a CNAME for one; the
 * fixture server answers every host, as in the other tests.
 */
import { test, expect, distFor, waitForRecords } from './harness.js';
import { launchFirefox } from '../../src/audit/launch-firefox.js';
import { startDohServer } from './helpers/doh-server.js';

test('Firefox: a first-party name whose canonical name is a tracker host is recorded as that tracker, marked cloaked', async ({
  server,
}) => {
  test.setTimeout(120_000);
  const doh = await startDohServer({ 'metrics.cloaked.example': 'cloaked.eulerian.net' });
  const firefox = await launchFirefox({
    extensionDir: distFor('firefox'),
    insecure: true,
    firefoxPrefs: {
      // Every name through the loopback DoH server, never the system's resolver (mode 3: TRR only).
      'network.trr.mode': 3,
      'network.trr.uri': doh.uri,
      'network.trr.custom_uri': doh.uri,
      // Its answers are loopback addresses, which TRR refuses by default.
      'network.trr.allow-rfc1918': true,
      // The server is named by address: nothing to resolve before asking it, nothing to confirm.
      'network.trr.bootstrapAddr': '127.0.0.1',
      'network.trr.confirmationNS': 'skip',
      'network.trr.excluded-domains': 'localhost',
      'network.dns.disableIPv6': true,
      // No HTTPS records asked: the stand-in answers A and CNAME only.
      'network.dns.native_https_query': false,
      'network.dns.upgrade_with_https_rr': false,
      'network.dns.use_https_rr_as_altsvc': false,
      // Every web port to the fixture server, as network.dns.forceResolve's mapping does for the other tests.
      'network.socket.forcePort': `443=${server.port};80=${server.port}`,
    },
  });
  try {
    await firefox.visit('https://cloaked.example/');
    const page = await firefox.openExtensionPage('popup.html');
    const cloaked = (snapshot: Awaited<ReturnType<typeof waitForRecords>>) =>
      snapshot.hosts.find((h) => h.name === 'metrics.cloaked.example');
    const snapshot = await waitForRecords(page, (_, snapshot) => cloaked(snapshot)?.cloaked === true, 30_000).catch(
      async (error: Error) => {
        throw new Error(`${error.message}\nDoH server was asked: ${JSON.stringify(doh.asked)}`);
      },
    );
    expect(cloaked(snapshot)).toMatchObject({
      company: 'Eulerian Technologies',
      jurisdiction: 'FR',
      tracker: { name: 'Eulerian', category: 'site_analytics' },
      canonicalName: 'cloaked.eulerian.net',
      cloaked: true,
    });
    // The site's other own host has no alias: its own, unknown owner.
    expect(snapshot.hosts.find((h) => h.name === 'static.cloaked.example')).toMatchObject({ company: null, cloaked: false });
    const requests = snapshot.requests.filter((r) => r.pageUrl === 'https://cloaked.example/');
    expect(requests.find((r) => r.host === 'metrics.cloaked.example')?.thirdParty).toBe(true);
    expect(requests.find((r) => r.host === 'static.cloaked.example')?.thirdParty).toBe(false);
    // The extension's lookups went through the browser's resolver, to the same server as the page's.
    expect(doh.asked.some((q) => q.name === 'metrics.cloaked.example')).toBe(true);

    // The report says so: the site page names the tracker behind the site's name, the log the party.
    const report = await firefox.openExtensionPage('report.html#/sites?period=week&item=cloaked.example');
    await report.waitForFunction(
      () =>
        !!document.querySelector(
          '[data-testid="site-cloaked"] li[data-host="metrics.cloaked.example"][data-company="Eulerian Technologies"]',
        ),
      undefined,
      20_000,
    );
    await report.evaluate(() => void (location.hash = '#/companies?period=week&item=c%3AEulerian%20Technologies'));
    await report.waitForFunction(
      () =>
        !!document.querySelector(
          '[data-testid="company-cloaked"] li[data-host="metrics.cloaked.example"][data-canonical="cloaked.eulerian.net"]',
        ),
      undefined,
      20_000,
    );
    await report.evaluate(() => void (location.hash = '#/companies?period=week'));
    await report.waitForFunction(() => !!document.querySelector('[data-testid="company-cloaked-badge"]'), undefined, 20_000);
    await report.evaluate(() => void (location.hash = '#/log?period=week&item=cloaked.example'));
    await report.waitForFunction(() => !!document.querySelector('[data-party="third"][data-cloaked="yes"]'), undefined, 20_000);
  } finally {
    await firefox.close();
    await doh.close();
  }
});

test('Chromium: with no DNS API the same host stays the site’s own, unflagged on a network no operator owns', async ({ chromium }) => {
  await chromium.visit('https://cloaked.example/');
  const popup = await chromium.openExtensionPage('popup.html');
  const snapshot = await waitForRecords(popup, (requests) => requests.some((r) => r.host === 'metrics.cloaked.example'));
  // What Chrome cannot see (docs/cname-uncloaking.md): no alias, and loopback has no network operator to flag.
  expect(snapshot.hosts.find((h) => h.name === 'metrics.cloaked.example')).toMatchObject({
    company: null,
    cloaked: false,
    canonicalName: null,
    trackerNetwork: null,
  });
  expect(snapshot.requests.find((r) => r.host === 'metrics.cloaked.example')?.thirdParty).toBe(false);
});
