/** What the store holds for one site's visits since a moment: the visits, and their requests as host + path. */
import type { BrowserPage } from '../../../src/audit/extension-browser.js';
import { flushWorker, readRecords } from '../../../src/audit/read-store.js';
import type { RecordedVisit } from '../../../src/store/decode.js';

export interface SiteRecord {
  visits: RecordedVisit[];
  requests: { visit: number; url: string; type: string }[];
}

export async function recordOfSite(reader: BrowserPage, site: string, since: number): Promise<SiteRecord> {
  await flushWorker(reader);
  const records = await readRecords(reader);
  const visits = records.visits.filter((v) => v.time >= since && v.site === site);
  const requests = records.requests.filter((r) => r.time >= since && visits.some((v) => v.id === r.visit));
  // A recorded URL is scheme://host/path (and the query, kept only by setting): the scheme left out.
  return { visits, requests: requests.map((r) => ({ visit: r.visit!, url: r.url.slice(r.url.indexOf('://') + 3), type: r.type })) };
}
