/** Which links of an audited page to follow with `--pages n` (pure). */
import { getDomain } from 'tldts';

/** Page address without query or fragment: what the audit writes down of a page. */
export function pageAddress(href: string): string {
  const url = new URL(href);
  url.search = '';
  url.hash = '';
  return url.href;
}

/** The site (registrable domain, or the host when it has none) of an address. */
export function siteOf(href: string): string {
  const host = new URL(href).hostname;
  return getDomain(host, { allowPrivateDomains: true }) ?? host;
}

/**
 * Up to `limit` distinct pages of the same site as `page`, in document order: http(s) only,
 * not the page itself, fragments and queries ignored (a link to `#top` or `?sort=price` is the
 * same page for an audit), and links that look like downloads left out.
 */
export function sameSiteLinks(page: string, hrefs: readonly unknown[], limit: number): string[] {
  if (limit <= 0) return [];
  const site = siteOf(page);
  const seen = new Set([pageAddress(page)]);
  const picked: string[] = [];
  for (const href of hrefs) {
    if (picked.length >= limit) break;
    if (typeof href !== 'string' || href.length > 4096) continue;
    let url: URL;
    try {
      url = new URL(href, page);
    } catch {
      continue;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') continue;
    if (/\.(pdf|zip|gz|dmg|exe|msi|docx?|xlsx?|pptx?|mp[34]|jpe?g|png|gif|webp|svg)$/i.test(url.pathname)) continue;
    if (siteOf(url.href) !== site) continue;
    const address = pageAddress(url.href);
    if (seen.has(address)) continue;
    seen.add(address);
    picked.push(url.href.replace(/#.*$/, ''));
  }
  return picked;
}
