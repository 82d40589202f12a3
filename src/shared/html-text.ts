/**
 * Text from recorded or imported data (host names, page addresses, company names) placed
 * in a page or a terminal that Upstream writes. It comes from pages and files anyone could
 * have made: it may hold markup, quotes, or bidi control characters that would reorder the
 * text around them ("Google" shown where "elgooG" is stored, or a figure's digits flipped).
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * C0 and C1 controls, and the bidi marks, embeddings, overrides and isolates (U+200E,
 * U+200F, U+061C, U+202A–U+202E, U+2066–U+2069). A host or company name holds none of them.
 */
const CONTROLS = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** Controls shown as U+FFFD, so that a tampered name looks tampered (and a terminal stays a terminal). */
function withoutControls(text: string): string {
  return text.replace(CONTROLS, '\ufffd');
}

/** Escapes the five characters that can end a text node or an attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Untrusted text as an HTML fragment: controls neutralised, escaped, cut at `max` characters, inside `<bdi>`. */
export function untrusted(text: string, max = 300): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return `<bdi>${escapeHtml(withoutControls(cut))}</bdi>`;
}
