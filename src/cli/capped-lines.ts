/**
 * Lines of a text stream with a bound on each: a line longer than `max` characters is not
 * kept whole (only its first characters, to name it), so one endless line cannot take the
 * memory that readline would give it (several times its own size: docs/measurements.md).
 */

export interface InputLine {
  /** the line without its end of line; for an overlong line, only its first PREVIEW characters */
  text: string;
  /** the line was longer than the bound: `text` is its start */
  overLong: boolean;
}

/** Characters kept of an overlong line, to name it in an error. */
export const PREVIEW = 200;

export async function* cappedLines(chunks: AsyncIterable<string>, max: number): AsyncGenerator<InputLine> {
  let line = '';
  // While an overlong line goes on, its characters are dropped until its newline.
  let overLong = false;
  for await (const chunk of chunks) {
    let from = 0;
    for (let newline = chunk.indexOf('\n'); newline >= 0; newline = chunk.indexOf('\n', from)) {
      const piece = chunk.slice(from, newline);
      from = newline + 1;
      if (overLong || line.length + piece.length > max) yield { text: (line + piece.slice(0, PREVIEW)).slice(0, PREVIEW), overLong: true };
      else yield { text: (line + piece).replace(/\r$/, ''), overLong: false };
      line = '';
      overLong = false;
    }
    const rest = chunk.slice(from);
    if (overLong) continue;
    if (line.length + rest.length > max) {
      line = (line + rest.slice(0, PREVIEW)).slice(0, PREVIEW);
      overLong = true;
    } else line += rest;
  }
  if (overLong || line !== '') yield overLong ? { text: line, overLong: true } : { text: line.replace(/\r$/, ''), overLong: false };
}
