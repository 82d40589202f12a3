/**
 * Text from recorded or imported data (host names, page addresses, company names) put into
 * HTML that Upstream writes as a file: escaped so that it can only ever be text, and
 * isolated so that right-to-left or bidi control characters cannot reorder the page around it.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Untrusted text as an HTML fragment: escaped, inside `<bdi>`, cut at `max` characters. */
export function untrusted(text: string, max = 300): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return `<bdi>${escapeHtml(cut)}</bdi>`;
}
