/** How page-context.ts names pages: by origin, and by URL without query string or fragment. */
import { withoutCredentials } from '../store/url-parts.js';

export function originOf(url: string | null): string | null {
  const match = url ? /^(https?:\/\/[^/?#]+)/i.exec(url) : null;
  return match ? match[1]!.toLowerCase() : null;
}

/**
 * Pages are remembered by URL without query string or fragment: the state is stored on
 * disk with the rows, and queries often carry personal data. (Firefox's top document URL
 * is compared the same way.)
 */
export function pageKey(url: string): string {
  const cut = url.search(/[?#]/);
  return withoutCredentials(cut < 0 ? url : url.slice(0, cut));
}
