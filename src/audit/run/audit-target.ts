/** Visiting one address of an audit's list, and the same-site links it leads to. */
import type { ExtensionBrowser } from '../extension-browser.js';
import type { ListedUrl } from '../shard.js';
import { pageAddress, sameSiteLinks, siteOf } from './same-site-links.js';

export interface TargetOptions {
  dwellMs: number;
  pages: number;
  timeoutMs: number;
}

export interface TargetResult {
  listed: ListedUrl;
  outcome: 'loaded' | 'failed';
  finalUrl: string | null;
  site: string | null;
  error: string | null;
  /** same-site links that were followed and loaded */
  links: string[];
  /** the page visits recorded between these times belong to this address */
  window: { from: number; to: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The browser's error in one short line: no call log, no repeated address. */
export function navigationError(error: unknown, timeoutMs: number): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/timeout|timed out/i.test(text)) return `did not load within ${Math.round(timeoutMs / 1000)} s`;
  const first = text
    .split('\n')[0]!
    .replace(/^page\.goto:\s*/, '')
    .replace(/\s+at\s+\S+$/, '')
    .trim();
  return first.slice(0, 300) || 'the page did not load';
}

async function linksOf(tab: Awaited<ReturnType<ExtensionBrowser['newTab']>>): Promise<unknown[]> {
  try {
    return await tab.evaluate(() => Array.from(document.links, (link) => link.href));
  } catch {
    return [];
  }
}

/**
 * Opens the address in a new tab, stays `dwellMs` after it loaded (so that late tags and
 * beacons are sent), follows up to `pages` same-site links in the same tab, and closes it.
 * A page that does not load is reported, never thrown: the audit goes on with the next.
 */
export async function auditTarget(browser: ExtensionBrowser, listed: ListedUrl, options: TargetOptions): Promise<TargetResult> {
  const from = Date.now();
  const tab = await browser.newTab();
  const result: TargetResult = {
    listed,
    outcome: 'failed',
    finalUrl: null,
    site: null,
    error: null,
    links: [],
    window: { from, to: from },
  };
  try {
    let status: number | null;
    try {
      ({ status } = await tab.goto(listed.url, options.timeoutMs));
    } catch (error) {
      result.error = navigationError(error, options.timeoutMs);
      return result;
    }
    result.finalUrl = pageAddress(tab.url());
    result.site = siteOf(tab.url());
    result.outcome = status !== null && status >= 400 ? 'failed' : 'loaded';
    if (result.outcome === 'failed') result.error = `the server answered HTTP ${status}`;
    await sleep(options.dwellMs);
    for (const link of sameSiteLinks(tab.url(), options.pages ? await linksOf(tab) : [], options.pages)) {
      try {
        const answer = await tab.goto(link, options.timeoutMs);
        if (answer.status !== null && answer.status >= 400) continue;
        result.links.push(pageAddress(link));
        await sleep(options.dwellMs);
      } catch {
        // A broken link is the site's business, not the audit's: the address itself was audited.
      }
    }
    return result;
  } finally {
    await tab.close().catch(() => undefined);
    result.window.to = Date.now();
  }
}
