/** The export view's files in the e2e specs: choosing one, reading the figures it gives, finding a download. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { parseExport } from '../../../src/store/export-file/parse-export.js';
import type { BrowserPage } from '../../../src/audit/extension-browser.js';

/** A count with its English noun, as the report words it ("1 page visit", "1,234 requests"). */
export const counted = (count: number, noun: string) => `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`;
/** A workshop summary's head: enough for the export view to tell one from an export. */
export const SUMMARY_HEAD = JSON.stringify({ format: 'upstream-workshop-summary', version: 1 });

export async function figures(page: Page) {
  await page.evaluate(() => void (location.hash = '#/overview?period=week'));
  await page.waitForSelector('[data-testid="report"][data-view="overview"][data-state="ready"] [data-figure]');
  return page.evaluate(() => ({
    figures: Object.fromEntries(
      [...document.querySelectorAll('[data-figure]')].map((li) => [
        li.getAttribute('data-figure'),
        li.getAttribute('data-unknown') ? `unknown: ${li.getAttribute('data-unknown')}` : li.getAttribute('data-value'),
      ]),
    ),
    visits: document.querySelector('[data-testid="period-visits"]')?.getAttribute('data-count'),
    top: document.querySelector('[data-testid="top-observer"]')?.textContent,
  }));
}

export async function openFile(page: Page, file: string) {
  await page.evaluate(() => void (location.hash = '#/export?period=week'));
  await page.waitForSelector('[data-testid="open-export"]');
  await page.setInputFiles('[data-testid="open-export"]', file);
}

export async function mergeFile(page: Page, file: string) {
  await page.evaluate(() => void (location.hash = '#/export?period=week'));
  await page.waitForSelector('[data-testid="import-export"]:not([disabled])');
  await page.setInputFiles('[data-testid="import-export"]', file);
}

/** The path of the first file in `dir` whose name matches, once the browser has finished writing it. */
export async function downloaded(dir: string, name: RegExp): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = (await readdir(dir)).find((file) => name.test(file));
    // Firefox writes into a .part file and renames it when done.
    if (found) {
      const file = path.join(dir, found);
      try {
        parseExport(await readFile(file, 'utf8'));
        return file;
      } catch {
        // still being written
      }
    }
    if (Date.now() > deadline) throw new Error(`no download matching ${name} in ${dir}: ${(await readdir(dir)).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Hands `content` to the export view's file input (`open-export` or `import-export`) as the file chooser would. */
export function chooseContent(page: BrowserPage, content: string, testId = 'open-export'): Promise<void> {
  return page.evaluate(
    ({ content, testId }) => {
      const input = document.querySelector(`[data-testid="${testId}"]`) as HTMLInputElement;
      const files = new DataTransfer();
      files.items.add(new File([content], 'export.json', { type: 'application/json' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    { content, testId },
  );
}
