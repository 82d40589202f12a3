/**
 * Names and addresses come from the record or from a file someone else wrote, and may hold
 * bidirectional controls (a right-to-left override U+202E) that would reorder the text around
 * them. Elements show them in <bdi> (or with `unicode-bidi: isolate`); a name set inside a
 * translated sentence, which is one string, goes between FIRST STRONG ISOLATE and POP
 * DIRECTIONAL ISOLATE instead, which confine any override to the name itself.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
