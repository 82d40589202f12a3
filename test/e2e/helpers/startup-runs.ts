/**
 * One start-up run: a fresh profile, the browser started, and a page opened the moment the
 * extension's background exists (Chromium: its service worker target appears, whether or not
 * its script has run; Firefox: `installExtension` has resolved). Then the store is read from
 * an extension page, opened only once the page has loaded and the server has answered all
 * its requests (opening one earlier is what hides the losses).
 */
import { test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FixtureServer } from '../../../src/audit/fixture-server.js';
import { distFor } from '../harness.js';
import { newRun } from './commands.js';
import {
  pageSummary,
  EVERYTHING,
  pageUrl,
  problemsOf,
  waitForPages,
  waitForServed,
  type PageFigures,
  type StartupPage,
} from './startup-check.js';
import {
  chromiumWorkerOrigin,
  launchChromiumNow,
  launchFirefoxNow,
  openChromiumExtensionPage,
  openFirefoxExtensionPage,
} from './startup-launch.js';

export type BrowserKind = 'chromium' | 'firefox';

const PAGE: StartupPage = { host: 'startup.example', v: 1 };

async function chromiumStartupRun(server: FixtureServer, index: number): Promise<PageFigures> {
  const profile = await mkdtemp(path.join(tmpdir(), 'upstream-startup-'));
  const run = newRun(`start${index}x`);
  const from = server.log.length;
  const context = await launchChromiumNow(server, profile);
  try {
    const origin = await chromiumWorkerOrigin(context);
    // Playwright's start page (about:blank) is the window's one tab: the page opens in it.
    const tab = context.pages()[0] ?? (await context.newPage());
    await tab.goto(pageUrl(run, PAGE), { waitUntil: 'load' });
    const short = await waitForServed(server.log, from, run, [PAGE]);
    if (short.length) throw new Error(`fixture: ${short.join('; ')}`);
    const reader = await openChromiumExtensionPage(context, origin);
    return (await waitForPages(reader, server.log, from, run, [PAGE], EVERYTHING))[0]!;
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

async function firefoxStartupRun(server: FixtureServer, index: number): Promise<PageFigures> {
  const uuid = randomUUID();
  const run = newRun(`start${index}x`);
  const from = server.log.length;
  // A fresh temporary profile of Puppeteer's, removed when the browser closes.
  const browser = await launchFirefoxNow(server, uuid);
  try {
    await browser.installExtension(distFor('firefox'));
    const tab = (await browser.pages())[0] ?? (await browser.newPage());
    await tab.goto(pageUrl(run, PAGE), { waitUntil: 'load' });
    const short = await waitForServed(server.log, from, run, [PAGE]);
    if (short.length) throw new Error(`fixture: ${short.join('; ')}`);
    const reader = await openFirefoxExtensionPage(browser, uuid);
    return (await waitForPages(reader, server.log, from, run, [PAGE], EVERYTHING))[0]!;
  } finally {
    await browser.close();
  }
}

/**
 * `runs` start-ups in a row, one browser at a time (two cores, shared). Every run is
 * recorded, failed or not, so the report gives the figures of all of them; returns the
 * problems of the runs that fell short.
 */
export async function startupRuns(kind: BrowserKind, server: FixtureServer, runs: number): Promise<string[]> {
  const figures: PageFigures[] = [];
  for (let index = 0; index < runs; index++) {
    const f = await (kind === 'chromium' ? chromiumStartupRun : firefoxStartupRun)(server, index);
    figures.push(f);
    console.log(`${kind} start-up ${index + 1}/${runs}: ${pageSummary(f)}`);
  }
  const whole = figures.filter((f) => problemsOf(f).length === 0).length;
  test.info().annotations.push({
    type: 'figure',
    description:
      `${kind}: ${whole} of ${runs} start-ups stored the page whole; requests stored per run (of ${figures[0]?.served ?? '?'}): ${figures.map((f) => f.stored).join(' ')} ` +
      `(of which unverified attempts: ${figures.map((f) => f.unverified).join(' ')}); ` +
      `in the page's visit: ${figures.map((f) => f.inVisit).join(' ')}; runs with no visit of the page: ${figures.filter((f) => f.visits.length === 0).length}`,
  });
  return figures.flatMap((f, index) => problemsOf(f).map((problem) => `run ${index + 1}: ${problem}`));
}
