import { test, expect } from './harness.js';
import type { ExtensionBrowser } from '../../src/audit/extension-browser.js';
import type { LoggedRequest } from '../../src/audit/fixture-server.js';
import { flushWorker, readRecords } from '../../src/audit/read-store.js';

/**
 * Requests the browser redirects by itself before sending anything: a page's `http:` image
 * upgraded to HTTPS (Firefox, as mixed content; Chromium rewrites it before it is a request),
 * and a navigation to `http:` on a host that asked for HTTPS only (HSTS: Chromium's "307
 * Internal Redirect"; Firefox keeps no HSTS from the fixture's untrusted certificate and
 * really sends it). What is recorded as sent in clear text must be what the server received
 * in clear text, no more.
 */
async function browse(browser: ExtensionBrowser, log: LoggedRequest[]) {
  const from = log.length;
  const since = Date.now();
  const tab = await browser.visit('https://secure.example/__hsts/start.html');
  await tab.goto('http://secure.example/landing.html');
  await tab.goto('https://plain.example/');
  const popup = await browser.openExtensionPage('popup.html');
  await flushWorker(popup);
  // The last page's image, as whatever it was recorded.
  let snapshot = await readRecords(popup);
  for (let i = 0; i < 50 && !snapshot.requests.some((r) => r.time >= since && r.url.endsWith('//plain.example/pixel.gif')); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    snapshot = await readRecords(popup);
  }
  await tab.close();
  await popup.close();
  const requests = snapshot.requests.filter((r) => r.time >= since && /^(?:secure|plain)\.example$/.test(r.host ?? ''));
  return {
    requests,
    visits: snapshot.visits.filter((v) => v.time >= since),
    log: log.slice(from).filter((l) => /^(?:secure|plain)\.example$/.test(l.host)),
  };
}

for (const name of ['chromium', 'firefox'] as const) {
  test(`${name === 'chromium' ? 'Chromium' : 'Firefox'}: a request the browser upgraded to HTTPS itself is not recorded as sent in clear text`, async ({
    chromium,
    firefox,
    server,
  }) => {
    const { requests, visits, log } = await browse(name === 'chromium' ? chromium : firefox, server.log);
    const path = (url: string) => url.replace(/^https?:\/\/[^/]+/, '');
    const clearRecords = requests
      .filter((r) => r.cleartext)
      .map((r) => `${r.host}${path(r.url)}`)
      .sort();
    const clearReceived = log
      .filter((l) => l.scheme === 'http')
      .map((l) => `${l.host}${l.path}`)
      .sort();
    expect(clearRecords, 'recorded as sent in clear text = received in clear text').toEqual(clearReceived);
    // The upgraded copies are recorded once, over HTTPS.
    expect(requests.filter((r) => r.url === 'https://plain.example/pixel.gif')).toHaveLength(1);
    expect(
      requests.filter((r) => r.url === 'https://secure.example/landing.html' || r.url === 'http://secure.example/landing.html'),
    ).toHaveLength(1);
    // Each browser made at least one such redirect here: an http address the page asked for that the server never saw.
    const upgraded = name === 'chromium' ? 'secure.example/landing.html' : 'plain.example/pixel.gif';
    expect(clearReceived).not.toContain(upgraded);
    expect(visits.filter((v) => v.site === 'plain.example' && v.shown).map((v) => v.clearText)).toEqual([0]);
  });
}
