/** What the store holds for one site's visits since a moment: the visits, and their requests as host + path. */
import type { BrowserPage } from '../../../src/audit/extension-browser.js';
import { flushWorker, readStore } from '../../../src/audit/read-store.js';
import { TYPES, type HostRow, type RequestRow, type VisitRow } from '../../../src/store/schema.js';

export interface SiteRecord {
  visits: VisitRow[];
  requests: { visit: number; url: string; type: string }[];
}

export async function recordOfSite(reader: BrowserPage, site: string, since: number): Promise<SiteRecord> {
  await flushWorker(reader);
  const hosts = new Map((await readStore<HostRow>(reader, 'hosts')).map((h) => [h.id!, h.n]));
  const visits = (await readStore<VisitRow>(reader, 'visits')).filter((v) => v.t >= since && v.s === site);
  const requests = (await readStore<RequestRow>(reader, 'requests')).filter((r) => r.t >= since && visits.some((v) => v.id === r.v));
  return { visits, requests: requests.map((r) => ({ visit: r.v, url: `${hosts.get(r.h)}${r.p}`, type: TYPES[r.y] ?? 'other' })) };
}
