/**
 * The list of addresses an audit visits, from the command line or a file (pure). A list is
 * typed by people: blank lines and `#` comments are skipped, a bare host name means its
 * https:// front page, and anything that is not a web address is reported by line and left
 * out, so that one bad line never stops the audit of the others.
 */
import { bareHostAddress, hasScheme } from '../shared/web-address.js';

interface ListProblem {
  /** 1-based line of the file, or 0 for a command-line argument */
  line: number;
  text: string;
  reason: string;
}

export interface SiteList {
  urls: string[];
  problems: ListProblem[];
}

const MAX_URL_LENGTH = 4096;

/** A web address for one list entry, or the reason it is not one. */
export function targetUrl(entry: string): { url: string } | { reason: string } {
  const text = entry.trim();
  if (text.length > MAX_URL_LENGTH) return { reason: `longer than ${MAX_URL_LENGTH} characters` };
  if (/\s/.test(text)) return { reason: 'contains spaces' };
  const bare = hasScheme(text) ? null : bareHostAddress(text);
  if (bare && 'reason' in bare) return bare;
  let url: URL;
  try {
    url = new URL(bare ? bare.url : text);
  } catch {
    return { reason: 'not a web address' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { reason: `${url.protocol.replace(':', '')}: addresses cannot be audited (only http and https)` };
  if (url.username || url.password) return { reason: 'holds a user name or password' };
  return { url: url.href };
}

/** Entries in order, each address once (the first time it appears). */
export function parseSiteList(entries: { line: number; text: string }[]): SiteList {
  const urls: string[] = [];
  const seen = new Set<string>();
  const problems: ListProblem[] = [];
  for (const { line, text } of entries) {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const target = targetUrl(trimmed);
    if ('reason' in target) {
      problems.push({ line, text: trimmed.slice(0, 200), reason: target.reason });
    } else if (!seen.has(target.url)) {
      seen.add(target.url);
      urls.push(target.url);
    }
  }
  return { urls, problems };
}

/** A list file's text: one address per line; a `#` starts a comment. */
export function parseListFile(text: string): SiteList {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  return parseSiteList(lines.map((line, i) => ({ line: i + 1, text: line.replace(/\s+#.*$/, '') })));
}
