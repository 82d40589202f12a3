/**
 * First or third party. A request is third-party when it leaves the page's site (registrable
 * domain) and also its company: youtube.com on google.com is Google talking to itself, so it
 * counts as first party, as the design asks. Platform hosting does not make two sites one
 * company (two github.io sites stay strangers): see HostVerdict.siteOwner.
 */
import type { HostVerdict } from './host-verdict.js';
import { NONE } from './owners-format.js';

export function isThirdParty(request: HostVerdict | null, page: HostVerdict | null): boolean {
  // With nothing to compare against (no page, data: or about: pages, non-network requests)
  // nothing is "third" to anything.
  if (request === null || page === null) return false;
  if (request.domain === page.domain) return false;
  return request.siteOwner === NONE || request.siteOwner !== page.siteOwner;
}
