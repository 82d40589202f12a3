/**
 * Private windows are never recorded: the built manifests keep the extension out of them,
 * and real ones are checked in both browsers (a Chromium incognito profile and a Firefox
 * private window: see the tests for how each is opened), beside a normal page that is.
 */
import { test, expect } from './harness.js';
import type { BrowserContext } from 'playwright-core';
import puppeteer, { type Browser as PuppeteerBrowser } from 'puppeteer-core';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { distFor } from './harness.js';
import { findBrowser } from '../../src/audit/find-browser.js';
import { command, fixturePage, logOfRun, newRun, settle, sleep, storedForm } from './helpers/commands.js';
import { recordedOfRun } from './helpers/recorded-run.js';

test('the built manifests keep the extension out of private windows', async () => {
  for (const browser of ['chromium', 'firefox'] as const) {
    const manifest = JSON.parse(await readFile(path.join(distFor(browser), 'manifest.json'), 'utf8'));
    expect(manifest.incognito, browser).toBe('not_allowed');
  }
});

/**
 * Chromium: a second browser context of the same browser (Playwright `browser.newContext()`,
 * CDP `Target.createBrowserContext`) is an off-the-record profile, the kind incognito windows
 * use; the extension, `incognito: not_allowed`, must see nothing of it.
 */
test('Chromium: pages in an incognito (off-the-record) context are not recorded; the normal profile is', async ({ chromium, server }) => {
  const run = newRun('incog');
  const context = (chromium as unknown as { context: BrowserContext }).context;
  const offTheRecord = await context.browser()!.newContext({ ignoreHTTPSErrors: true });
  const popup = await chromium.openExtensionPage('popup.html');
  await command(popup, { type: 'resume' });
  const since = Date.now();
  const secret = await offTheRecord.newPage();
  await secret.goto(fixturePage('private-secret.example', run, 1), { waitUntil: 'load' });
  const normal = await chromium.visit(fixturePage('private-normal.example', run, 2));
  await secret.close(); // its unload beacon goes out too
  await expect.poll(() => logOfRun(server.log, run).filter((e) => e.path.includes('/private-secret.example/')).length).toBe(5);
  await sleep(500);
  const { requests, visits, hosts } = await settle(popup);
  const mine = recordedOfRun(requests, run, ['private-secret.example', 'private-normal.example'], since);
  expect(mine.map((r) => r.url).sort(), 'only the normal page').toEqual(
    logOfRun(server.log, run)
      .filter((e) => !e.path.includes('private-secret') && e.host !== 'private-secret.example')
      .map(storedForm)
      .sort(),
  );
  expect(mine.length).toBe(5);
  expect(visits.filter((v) => v.site === 'private-secret.example')).toEqual([]);
  expect(hosts.map((h) => h.name).filter((n) => n.includes('private-secret'))).toEqual([]);
  await normal.close();
  await popup.close();
  await offTheRecord.close();
});

const CHROME_SCOPE = { 'moz:scope': 'chrome' };

/**
 * Firefox ESR over WebDriver BiDi: puppeteer's contexts (`browser.createUserContext`) are
 * containers, not private. A real private window is opened the way the browser's own "New
 * private window" does, from privileged script in the browser window (BiDi's chrome scope,
 * allowed by --remote-allow-system-access), and checked with PrivateBrowsingUtils.
 */
async function openPrivateWindow(browser: PuppeteerBrowser, url: string): Promise<boolean> {
  type Connection = { send(method: string, params: object): Promise<{ result: unknown }> };
  const connection = (browser as unknown as { connection: Connection }).connection;
  const tree = (await connection.send('browsingContext.getTree', CHROME_SCOPE)).result as { contexts: { context: string; url: string }[] };
  const chromeWindow = tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
  if (!chromeWindow) throw new Error('no browser window in the chrome scope');
  const run = async (expression: string) => {
    const reply = (await connection.send('script.evaluate', { expression, target: { context: chromeWindow.context }, awaitPromise: true }))
      .result as {
      type: string;
      result?: { value?: unknown };
      exceptionDetails?: { text?: string };
    };
    if (reply.type !== 'success') throw new Error(`chrome script failed: ${reply.exceptionDetails?.text}`);
    return reply.result?.value;
  };
  await run(
    `window.openTrustedLinkIn(${JSON.stringify(url)}, 'window', { private: true, triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() }), true`,
  );
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = await run(
      `Array.from(Services.wm.getEnumerator('navigator:browser')).some((w) => PrivateBrowsingUtils.isWindowPrivate(w) && w.gBrowser.currentURI.spec === ${JSON.stringify(url)})`,
    );
    if (found === true) return true;
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
}

test('Firefox: pages in a private window are not recorded; the normal window is', async ({ server }) => {
  test.setTimeout(120_000);
  const run = newRun('private');
  const extensionDir = distFor('firefox');
  const manifest = JSON.parse(await readFile(path.join(extensionDir, 'manifest.json'), 'utf8'));
  const uuid = randomUUID();
  const origin = `moz-extension://${uuid}`;
  // A Firefox of its own: the shared one must not be left with a private window.
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findBrowser('firefox'),
    headless: true,
    acceptInsecureCerts: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [manifest.browser_specific_settings.gecko.id]: uuid }),
      'network.dns.forceResolve': '127.0.0.1',
      'network.socket.forcePort': `443=${server.port};80=${server.port}`,
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  });
  try {
    await browser.installExtension(path.resolve(extensionDir));
    // The extension's page and the normal tab first: new tabs open in the latest window.
    const popup = await browser.newPage();
    void popup.goto(`${origin}/popup.html`).catch(() => undefined);
    // Polled from Node rather than with waitForFunction: Firefox's BiDi agent can fail one
    // evaluation outright while the page navigates ("right-hand side of 'in' should be an object").
    await expect
      .poll(() => popup.evaluate((o: string) => location.origin === o && document.readyState === 'complete', origin).catch(() => false), {
        timeout: 15_000,
      })
      .toBe(true);
    const ask = (message: unknown) =>
      popup.evaluate(
        async (m) =>
          await (
            globalThis as unknown as { browser: { runtime: { sendMessage(x: unknown): Promise<{ ok: boolean }> } } }
          ).browser.runtime.sendMessage(m),
        message,
      );
    await expect.poll(async () => (await ask({ type: 'status' }).catch(() => null))?.ok).toBe(true);
    const normal = await browser.newPage();
    await normal.goto('about:blank');

    const since = Date.now();
    const isPrivate = await openPrivateWindow(browser, fixturePage('private-secret.example', run, 1));
    expect(isPrivate, 'a private window shows the page').toBe(true);
    await expect.poll(() => logOfRun(server.log, run).filter((e) => e.path.includes('/private-secret.example/')).length).toBe(4);
    await normal.goto(fixturePage('private-normal.example', run, 2), { waitUntil: 'load' });
    await sleep(1000);
    expect((await ask({ type: 'flush' })).ok).toBe(true);
    const stored = await popup.evaluate(
      () =>
        new Promise<{ requests: { t: number; h: number; p: string }[]; hosts: { id: number; n: string }[]; visits: { s: string }[] }>(
          (resolve, reject) => {
            const open = indexedDB.open('upstream');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const tx = open.result.transaction(['requests', 'hosts', 'visits']);
              const all = (name: string) =>
                new Promise<unknown[]>((done) => {
                  const request = tx.objectStore(name).getAll();
                  request.onsuccess = () => done(request.result);
                });
              void Promise.all([all('requests'), all('hosts'), all('visits')]).then(([requests, hosts, visits]) =>
                resolve({ requests, hosts, visits } as never),
              );
            };
          },
        ),
    );
    const hostName = new Map(stored.hosts.map((h) => [h.id, h.n]));
    const recorded = stored.requests
      .filter((r) => r.t >= since)
      .map((r) => `https://${hostName.get(r.h)}${r.p}`)
      .sort();
    expect(
      recorded.filter((url) => url.includes('private-secret')),
      'nothing of the private window',
    ).toEqual([]);
    expect(
      recorded.filter((url) => url.includes(`/${run}/2/private-normal.example/`) || url === 'https://private-normal.example/'),
    ).toHaveLength(5);
    expect(stored.hosts.map((h) => h.n).filter((n) => n.includes('private-secret'))).toEqual([]);
    expect(stored.visits.filter((v) => v.s === 'private-secret.example')).toEqual([]);
  } finally {
    await browser.close();
  }
});
