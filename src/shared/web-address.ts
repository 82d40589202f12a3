/**
 * Addresses people type (an audit's list, the classifier's input): `example.org` means
 * https://example.org/, as in a browser's address bar. One rule for every tool that reads them.
 */

/** Whether the text starts with a scheme (`https:`, `data:`), rather than a host and port (`example.org:8080`). */
export function hasScheme(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^:/]+:\d+(\/|$)/.test(text);
}

/**
 * The https:// address of a bare host name (`example.org`, `example.org:8080/path`,
 * `localhost`), or why the text is not one. A single word with no dot is refused:
 * `new URL('https://hello')` parses, but such a word is far more likely a typo than a host.
 */
export function bareHostAddress(text: string): { url: string } | { reason: string } {
  let url: URL;
  try {
    url = new URL(`https://${text}`);
  } catch {
    return { reason: 'not a web address' };
  }
  const host = url.hostname;
  if (!host.includes('.') && host !== 'localhost' && !host.startsWith('[')) return { reason: 'not a web address (no domain)' };
  return { url: url.href };
}
