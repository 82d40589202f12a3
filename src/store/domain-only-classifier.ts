import { getDomain } from 'tldts';
import type { Classifier, HostVerdict } from './classifier.js';

/**
 * Used when the compiled knowledge cannot be loaded (a damaged install): requests are
 * still recorded with their registrable domain, and every other verdict stays unknown.
 * Its version never matches real knowledge, so those rows are re-classified once it loads.
 */
export const domainOnlyClassifier: Classifier = {
  version: 'none',
  host(host: string): HostVerdict {
    const domain = getDomain(host, { allowPrivateDomains: true }) ?? host;
    return { domain, company: null, parent: null, jurisdiction: null, prism: false, tracker: null };
  },
  ip: () => ({ country: null }), // networks stored earlier stay
  thirdParty(pageHost, requestHost) {
    return this.host(pageHost).domain !== this.host(requestHost).domain;
  },
};
