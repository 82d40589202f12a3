/** The fixture sites the report specs browse, with their servers placed in the US. */
import type { BrowserPage, ExtensionBrowser } from '../../../src/audit/extension-browser.js';
import { flushWorker } from '../../../src/audit/read-store.js';
import { placeServersIn } from './popup.js';

/** Browses shop, widget, news and plain.example; returns the page the records are read through. */
export async function browseReportSites(browser: ExtensionBrowser): Promise<BrowserPage> {
  const reader = await browser.openExtensionPage('popup.html');
  const servers = await placeServersIn(browser, reader, 'US');
  for (const site of ['shop', 'widget', 'news', 'plain']) await browser.visit(`https://${site}.example/`);
  await flushWorker(reader);
  await servers.forgetSeed();
  return reader;
}
