/**
 * Text from participants' files made safe to place in an HTML page. Names come from files
 * anyone could have edited: they may hold markup, quotes, or bidi control characters that
 * would reorder the text around them ("Google" shown where "elgooG" is stored, or a
 * figure's digits flipped), so each is escaped, stripped of controls, and isolated.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes the five characters that can end a text node or an attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * C0 and C1 controls, and the bidi marks, embeddings, overrides and isolates (U+200E,
 * U+200F, U+061C, U+202A–U+202E, U+2066–U+2069). A catalogued company name holds none of
 * them; each is shown as U+FFFD so that a tampered name looks tampered.
 */
const CONTROLS = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** An untrusted string as an isolated, escaped piece of text (`<bdi>` keeps right-to-left names from reordering their row). */
export function untrusted(text: string): string {
  return `<bdi>${escapeHtml(text.replace(CONTROLS, '\ufffd'))}</bdi>`;
}
