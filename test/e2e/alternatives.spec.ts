/**
 * The alternatives view, in both browsers: a page that uses reCAPTCHA and a map, both on
 * www.google.com, appears under each of those services (told apart by path), and each
 * recommendation shows where its company answers to, from the compiled knowledge.
 */
import { test, expect } from './harness.js';
import type { ExtensionBrowser } from '../../src/audit/extension-browser.js';
import { flushWorker } from '../../src/audit/read-store.js';

const SITE = 'contact.example';

async function sitesUnder(browser: ExtensionBrowser) {
  const reader = await browser.openExtensionPage('popup.html');
  await browser.visit(`https://${SITE}/`);
  await flushWorker(reader);
  const report = await browser.openExtensionPage('report.html#/alternatives?period=week');
  // Ready, and the recommendations' jurisdictions read from the packaged knowledge.
  await report.waitForFunction(
    () =>
      document.querySelector('[data-testid="alternatives-view"][data-state="ready"]') &&
      document.querySelector(
        '[data-alternative="recaptcha"] [data-host="friendlycaptcha.com"][data-jurisdiction]:not([data-jurisdiction=""])',
      ),
    undefined,
    30_000,
  );
  const shown = await report.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid="alternatives"] > li')].map((li) => [
        li.getAttribute('data-alternative'),
        {
          sites: (li.getAttribute('data-sites') ?? '').split(' '),
          recommended: [...li.querySelectorAll('[data-host]')].map((h) => [
            h.getAttribute('data-host'),
            h.getAttribute('data-jurisdiction'),
          ]),
          text: li.textContent ?? '',
        },
      ]),
    ),
  );
  await report.close();
  await reader.close();
  return shown;
}

function check(shown: Awaited<ReturnType<typeof sitesUnder>>) {
  expect(shown.recaptcha?.sites).toContain(SITE);
  expect(shown['google-maps']?.sites).toContain(SITE);
  // The same host, another path: not Google Search.
  expect(shown['google-search']?.sites ?? []).not.toContain(SITE);
  expect(shown.recaptcha!.recommended).toContainEqual(['friendlycaptcha.com', 'DE']);
  expect(shown['google-maps']!.recommended).toContainEqual(['openstreetmap.org', 'GB']);
  expect(shown.recaptcha!.text).toContain('Friendly Captcha');
}

test('Chromium: a page using reCAPTCHA and Google Maps on www.google.com is listed under both, with classified alternatives', async ({
  chromium,
}) => {
  check(await sitesUnder(chromium));
});

test('Firefox: a page using reCAPTCHA and Google Maps on www.google.com is listed under both, with classified alternatives', async ({
  firefox,
}) => {
  check(await sitesUnder(firefox));
});
