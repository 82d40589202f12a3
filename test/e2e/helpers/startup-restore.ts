/**
 * Tabs a browser restores at start-up. A first session browses six fixture pages with
 * Upstream running (ordinary browsing, checked too); the browser then quits the way a user
 * quits it, so it saves its session; the same profile starts again, set to reopen the last
 * session, and nothing is done until the restored pages have loaded and the server has
 * answered all their requests. Only then is an extension page opened to read the store.
 * The extension's own pages are closed before quitting: a restored extension page would
 * wake the worker first, which a user's session rarely does.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserPage } from '../../../src/audit/extension-browser.js';
import type { FixtureServer } from '../../../src/audit/fixture-server.js';
import { readRecords } from '../../../src/audit/read-store.js';
import { command, newRun } from './commands.js';
import { EVERYTHING, pageUrl, waitForPages, waitForServed, type Fresh, type PageFigures, type StartupPage } from './startup-check.js';
import {
  chromiumWorkerOrigin,
  installInProfile,
  launchChromiumNow,
  launchFirefoxNow,
  openChromiumExtensionPage,
  openFirefoxExtensionPage,
  quitFirefox,
} from './startup-launch.js';

const RESTORED_TABS = 6;

export interface RestoreResult {
  /** the first session, browsed with the worker running */
  first: PageFigures[];
  /** pages whose requests did not all reach the server after the restart (not restored, or not loaded) */
  notRestored: string[];
  /** URLs of the tabs the browser showed after the restart */
  tabsAfter: string[];
  /** the restored pages, from the rows and visits added after the restart */
  restored: PageFigures[];
}

function restorePages(): { run: string; pages: StartupPage[] } {
  const pages = Array.from({ length: RESTORED_TABS }, (_, i) => ({ host: `restore-${i + 1}.example`, v: i + 1 }));
  return { run: newRun('restore'), pages };
}

/** Rows and visits the store holds now: everything after is the restarted session's. */
async function freshAfter(reader: BrowserPage): Promise<Fresh> {
  const { requests, visits } = await readRecords(reader);
  const rows = new Set(requests.map((r) => r.id));
  const known = new Set(visits.map((v) => v.id));
  return { row: (id) => !rows.has(id), visit: (id) => !known.has(id) };
}

export async function chromiumRestore(server: FixtureServer): Promise<RestoreResult> {
  const profile = await mkdtemp(path.join(tmpdir(), 'upstream-restore-'));
  const { run, pages } = restorePages();
  try {
    let context = await launchChromiumNow(server, profile);
    let first: PageFigures[];
    let fresh: Fresh;
    try {
      const reader = await openChromiumExtensionPage(context, await chromiumWorkerOrigin(context));
      await command(reader, { type: 'status' }); // the worker runs before the first session's pages load
      for (const page of pages) await (await context.newPage()).goto(pageUrl(run, page), { waitUntil: 'load' });
      const short = await waitForServed(server.log, 0, run, pages);
      if (short.length) throw new Error(`first session: ${short.join('; ')}`);
      first = await waitForPages(reader, server.log, 0, run, pages, EVERYTHING);
      fresh = await freshAfter(reader);
      // The session keeps the six pages only (no extension page, no blank start tab).
      for (const page of context.pages()) if (!page.url().startsWith('https://')) await page.close();
    } finally {
      // Graceful: Chromium writes its session files (Sessions/) as it closes.
      await context.close();
    }
    const from = server.log.length;
    context = await launchChromiumNow(server, profile, true);
    try {
      const origin = await chromiumWorkerOrigin(context);
      const notRestored = await waitForServed(server.log, from, run, pages);
      const tabsAfter = context.pages().map((page) => page.url());
      const reader = await openChromiumExtensionPage(context, origin);
      const restored = await waitForPages(reader, server.log, from, run, pages, fresh);
      return { first, notRestored, tabsAfter, restored };
    } finally {
      await context.close();
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

export async function firefoxRestore(server: FixtureServer): Promise<RestoreResult> {
  const profile = await mkdtemp(path.join(tmpdir(), 'upstream-restore-'));
  const { run, pages } = restorePages();
  const uuid = randomUUID();
  try {
    await installInProfile(profile);
    let browser = await launchFirefoxNow(server, uuid, profile);
    let first: PageFigures[];
    let fresh: Fresh;
    try {
      // Opening the popup also proves the add-on was installed from the profile.
      const reader = await openFirefoxExtensionPage(browser, uuid);
      await command(reader, { type: 'status' });
      for (const page of pages) await (await browser.newPage()).goto(pageUrl(run, page), { waitUntil: 'load' });
      const short = await waitForServed(server.log, 0, run, pages);
      if (short.length) throw new Error(`first session: ${short.join('; ')}`);
      first = await waitForPages(reader, server.log, 0, run, pages, EVERYTHING);
      fresh = await freshAfter(reader);
      for (const page of await browser.pages()) if (!page.url().startsWith('https://')) await page.close();
    } catch (error) {
      await browser.close();
      throw error;
    }
    await quitFirefox(browser);
    const from = server.log.length;
    browser = await launchFirefoxNow(server, uuid, profile);
    try {
      const notRestored = await waitForServed(server.log, from, run, pages);
      // Puppeteer over BiDi also lists some frames as pages: keep the top-level fixture pages.
      const tabsAfter = (await browser.pages()).map((page) => page.url()).filter((url) => url.includes('/index.html'));
      const reader = await openFirefoxExtensionPage(browser, uuid);
      const restored = await waitForPages(reader, server.log, from, run, pages, fresh);
      return { first, notRestored, tabsAfter, restored };
    } finally {
      await browser.close();
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
