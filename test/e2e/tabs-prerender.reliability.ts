/**
 * A real prerender in Chromium. Chromium does not prerender while DevTools is attached
 * (Preload.prerenderStatusUpdated: PrerenderingDisabledByDevTools), and Playwright always
 * attaches it, so this Chromium is started by hand, headless, with no DevTools: its first page
 * waits for the worker, then opens a page that has /next.html prerendered and goes there
 * (test/fixtures/sites/prerender.example). The profile is then read back through Playwright.
 * The shown page must be a page visit (not flagged as an unshown prerender) owning what it
 * loaded while prerendered and after; the prefetch behind it is a request of the page that asked.
 *
 * In the reliability project (`npm run test:reliability`, one test at a time), not the e2e
 * run: beside other tests the hand-started Chromium sometimes loaded nothing at all, the
 * fixture server seeing no request (docs/measurements.md), for a reason not yet found;
 * alone it passed every time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect, chromiumRules, distFor } from './harness.js';
import { findBrowser } from '../../src/audit/find-browser.js';
import { launchChromium, QUIET_ARGS } from '../../src/audit/launch-chromium.js';
import { recordOfSite } from './helpers/site-record.js';

test('Chromium without DevTools: a prerendered page the tab goes to is a page visit with its own requests', async ({ server }) => {
  test.setTimeout(90_000);
  const since = Date.now();
  const profile = await mkdtemp(path.join(tmpdir(), 'upstream-prerender-'));
  const extension = distFor('chromium');
  const rules = chromiumRules(server.port);
  let running: ChildProcess | null = null;
  try {
    const launch = () =>
      spawn(
        findBrowser('chromium'),
        [
          ...QUIET_ARGS,
          '--headless=new',
          '--no-sandbox',
          `--user-data-dir=${profile}`,
          `--disable-extensions-except=${extension}`,
          `--load-extension=${extension}`,
          `--host-resolver-rules=${rules}`,
          `--ignore-certificate-errors-spki-list=${server.spkiHash}`,
          'https://prerender.example/wait.html',
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
    let browser = (running = launch());
    // Now and then (1 run in 4, more often first in a test worker; never when the same command
    // is started outside the test runner) this Chromium starts and asks for no page at all.
    // That is not what this test is about: a start whose first page is not asked for within
    // 20 s is made once more, and the message says so if the second fails as well.
    const firstPageAsked = () => server.log.some((e) => e.host === 'prerender.example' && e.path === '/wait.html' && e.time >= since);
    let relaunched = false;
    const asked = await expect
      .poll(firstPageAsked, { timeout: 20_000 })
      .toBe(true)
      .then(
        () => true,
        () => false,
      );
    if (!asked) {
      await stop(browser);
      relaunched = true;
      browser = running = launch();
    }
    let said = '';
    browser.stderr!.on('data', (chunk: Buffer) => (said = (said + chunk.toString()).slice(-2000)));
    const exitedEarly = new Promise<string>((resolve) =>
      browser.once('exit', (code, signal) => resolve(`exited early (${code ?? signal})`)),
    );
    const shownLoaded = () => server.log.some((e) => e.host === 'cdn-shown.example' && e.time >= since);
    const seen = () =>
      server.log
        .filter((e) => e.time >= since && !e.host.includes('google'))
        .map((e) => `${e.host}${e.path}`)
        .join(', ');
    await expect
      .poll(shownLoaded, { timeout: 45_000, message: 'the prerendered page was shown and loaded its image' })
      .toBe(true)
      .catch(async (error: Error) => {
        const state = await Promise.race([exitedEarly, new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 10))]);
        throw new Error(
          `${error.message}\nChromium ${state}${relaunched ? ' (started twice: the first asked for no page in 20 s)' : ''}; the server saw: ${seen() || 'nothing'}\nChromium said: ${said}`,
        );
      });
    // Only one request for the page: it was prerendered (or prefetched), not loaded again when shown.
    expect(server.log.filter((e) => e.host === 'prerender.example' && e.path === '/next.html' && e.time >= since)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // well past the 250 ms the store takes
    await stop(browser);

    const reader = await launchChromium({
      extensionDir: extension,
      hostResolverRules: rules,
      trustedSpki: [server.spkiHash],
      userDataDir: profile,
    });
    try {
      const page = await reader.openExtensionPage('popup.html');
      const { visits, requests } = await recordOfSite(page, 'prerender.example', since);
      const start = visits.find((v) => v.url === 'https://prerender.example/auto.html');
      const shown = visits.find((v) => v.url === 'https://prerender.example/next.html');
      expect(start, 'the start page is a visit').toBeDefined();
      expect(shown, 'the shown page is a visit, no longer an unshown prerender').toMatchObject({ shown: true, prerender: false });
      expect(
        requests
          .filter((r) => r.visit === shown!.id)
          .map((r) => r.url)
          .sort(),
      ).toEqual([
        'cdn-prerendered.example/while-prerendering.gif',
        'cdn-shown.example/after-activation.gif',
        'prerender.example/next.html',
      ]);
      expect(requests.filter((r) => r.visit === start!.id).map((r) => `${r.url} ${r.type}`)).toEqual(
        expect.arrayContaining(['prerender.example/auto.html main_frame', 'cdn-start.example/start.gif image']),
      );
    } finally {
      await reader.close();
    }
  } finally {
    // Also when a check above failed: a browser left running would go on loading the machine.
    if (running) await stop(running);
    await rm(profile, { recursive: true, force: true });
  }
});

/** Stops the hand-started browser and waits for it to be gone. */
async function stop(browser: ChildProcess): Promise<void> {
  if (browser.exitCode !== null || browser.signalCode !== null) return;
  const exited = new Promise((resolve) => browser.once('exit', resolve));
  browser.kill('SIGTERM');
  const gone = await Promise.race([exited.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 5000))]);
  if (!gone) browser.kill('SIGKILL');
}
