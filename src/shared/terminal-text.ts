/**
 * Text from input (a file, a list, an argument, a browser's error) quoted in a message a
 * command-line tool prints. A terminal obeys what it is sent: an escape sequence in a host
 * name or a JSON value can retitle the window, clear the screen or rewrite earlier lines,
 * and bidi overrides can reorder what the reader sees. Every CLI quotes input through here.
 */

/** C0 and C1 controls, format characters (bidi marks and overrides), private-use and unassigned code points, line and paragraph separators. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u2028\u2029]/gu;

/** The text with every unprintable character replaced by `?`, clipped to `max` characters. */
export function printable(text: string, max = 40): string {
  const clean = text.replace(UNPRINTABLE, '?');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/**
 * One line of JSON that a terminal shows as text: the unprintable characters JSON.stringify
 * leaves as they are (DEL, C1 controls such as U+009B, which some terminals read as CSI,
 * bidi overrides) are written as \u escapes, so the value read back is the same.
 */
export function terminalJson(value: unknown): string {
  // split('') gives UTF-16 units: a code point past U+FFFF is escaped as its surrogate pair.
  return JSON.stringify(value).replace(UNPRINTABLE, (c) =>
    c
      .split('')
      .map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`)
      .join(''),
  );
}
