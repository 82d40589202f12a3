import type { Classifier } from './classifier.js';
import type { Settings } from './settings.js';

/**
 * Registrable domain of a web address's host, or null for anything else: no host, or not
 * a web site (another extension's origin, a file, the browser's own pages), whose "host"
 * is an id or a path rather than a domain.
 */
export function siteOf(url: string | null, classifier: Classifier): string | null {
  if (!url) return null;
  const match = /^(?:https?|wss?):\/\/([^/?#]+)/i.exec(url);
  if (!match) return null;
  const host = match[1]!
    .replace(/^[^@]*@/, '')
    .replace(/:\d+$/, '')
    .toLowerCase();
  return classifier.host(host).domain || null;
}

/** True when the site, or a site it belongs to (example.com for shop.example.com), is excluded. */
export function isExcluded(site: string | null | undefined, settings: Settings): boolean {
  if (!site || settings.excludedSites.length === 0) return false;
  return settings.excludedSites.some((excluded) => site === excluded || site.endsWith(`.${excluded}`));
}
