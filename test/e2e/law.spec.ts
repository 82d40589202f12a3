/**
 * The law behind the figures: the United States' figures and every group of the Countries
 * view link to the text of their legal frame, which cites its sources, in both browsers.
 */
import { test, expect } from './harness.js';
import type { BrowserPage, ExtensionBrowser } from '../../src/audit/extension-browser.js';
import { flushWorker } from '../../src/audit/read-store.js';
import { REACH_FIGURES } from '../../src/store/figures.js';
import { GROUPS } from '../../src/classify/country-groups.js';

/** Follows the law link found by `selector` and returns the frame the law view shows first, with its text and sources. */
async function follow(page: BrowserPage, selector: string) {
  await page.waitForFunction((selector) => document.querySelector(selector), selector, 10_000);
  const href = await page.evaluate((selector) => document.querySelector<HTMLAnchorElement>(selector)!.getAttribute('href')!, selector);
  await page.evaluate((href) => {
    location.hash = href;
  }, href);
  await page.waitForFunction(() => document.querySelector('[data-testid="law"] h3[aria-current="true"]'), undefined, 10_000);
  return page.evaluate((href) => {
    const section = document.querySelector('[data-testid="law"] h3[aria-current="true"]')!.closest('section')!;
    return {
      href,
      frame: section.getAttribute('data-frame'),
      text: section.querySelector('p')!.textContent!,
      sources: [...section.querySelectorAll('li a')].map((a) => a.getAttribute('href')),
    };
  }, href);
}

async function lawIsLinked(browser: ExtensionBrowser) {
  const reader = await browser.openExtensionPage('popup.html');
  await browser.visit('https://plain.example/');
  await flushWorker(reader);
  const report = await browser.openExtensionPage('report.html#/overview?period=month');
  for (const figure of REACH_FIGURES.filter((f) => f.law)) {
    const shown = await follow(report, `[data-figure="${figure.key}"] a.law-link`);
    expect(shown.href, 'the period shown is kept').toContain('period=month');
    expect(shown.frame).toBe(figure.law);
    expect(shown.text).toContain('Section 702');
    expect(shown.sources.length).toBeGreaterThan(0);
    await report.evaluate(() => {
      location.hash = '#/overview?period=month';
    });
  }
  await report.evaluate(() => {
    location.hash = '#/countries?period=month';
  });
  for (const group of GROUPS) {
    const shown = await follow(report, `[data-group="${group}"] a.law-link`);
    expect(shown.frame).toBe(group);
    expect(shown.text.length).toBeGreaterThan(100);
    expect(shown.sources.every((url) => url?.startsWith('https://'))).toBe(true);
    await report.evaluate(() => {
      location.hash = '#/countries?period=month';
    });
  }
  await report.close();
  await reader.close();
}

test('Chromium: the US figures and every country group link to the text of their legal frame and its sources', async ({ chromium }) => {
  await lawIsLinked(chromium);
});

test('Firefox: the US figures and every country group link to the text of their legal frame and its sources', async ({ firefox }) => {
  await lawIsLinked(firefox);
});
