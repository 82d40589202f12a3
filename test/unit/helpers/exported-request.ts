/** A request as an export file holds it (docs/export-format.md), for the specs that build files by hand. */
import type { ExportedRequest } from '../../../src/store/export-file/export-format.js';

/** A completed GET of https://<host 1>/ on visit 1, nothing flagged, with `over` applied. */
export function exportedRequest(over: Partial<ExportedRequest> = {}): ExportedRequest {
  return {
    time: 0,
    visit: 1,
    pageSite: null,
    frame: 0,
    host: 1,
    scheme: 'https',
    path: '/',
    query: null,
    method: 'GET',
    type: 'script',
    outcome: 'completed',
    status: 200,
    ip: null,
    thirdParty: false,
    cookies: false,
    referrer: false,
    fromCache: false,
    cleartext: false,
    recovered: false,
    unverified: false,
    detail: null,
    edge: null,
    location: null,
    ...over,
  };
}
