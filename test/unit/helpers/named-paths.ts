/**
 * Finds the repository paths that comments and docs name (`src/store/db.ts`, `store/db.ts`
 * for a file under src/, `test/…`, `docs/…`, or a bare `db.ts`), so that a test can check
 * each still exists: a comment pointing at a file that moved misleads its next reader.
 */
const NOT_PART_BEFORE = String.raw`(?<![\w/.@~-])`;
const PATH_CHARS = String.raw`[\w.-]+(?:/[\w.-]+)*`;
// A path that runs into `*`, `<` or `${` is the start of a pattern (`test/e2e/controls-*.spec.ts`).
const FROM_ROOT = new RegExp(`${NOT_PART_BEFORE}((?:src|test|docs)/${PATH_CHARS}/?)(?=([*<]|\\$\\{)?)`, 'g');
const UNDER_SRC = new RegExp(
  `${NOT_PART_BEFORE}((?:capture|classify|store|report|knowledge|shared|audit|cli)/${PATH_CHARS}\\.tsx?)(?![\\w/])`,
  'g',
);
const BARE_FILE = new RegExp(`${NOT_PART_BEFORE}([\\w-]+\\.tsx?)(?![\\w/])`, 'g');

export interface NamedPath {
  /** as the text spells it */
  named: string;
  /** what must exist: a path from the repository root, a file name found anywhere in it, or the start of a file's path */
  path: string;
  kind: 'path' | 'file name' | 'pattern';
}

/** The paths a comment or a doc names. Sentence punctuation after a path is not part of it. */
export function namedPaths(text: string): NamedPath[] {
  const trim = (path: string) => path.replace(/[.,:;]+$/, '');
  const found: NamedPath[] = [];
  for (const [, named, pattern] of text.matchAll(FROM_ROOT)) {
    found.push(pattern ? { named: named!, path: named!, kind: 'pattern' } : { named: trim(named!), path: trim(named!), kind: 'path' });
  }
  for (const [, named] of text.matchAll(UNDER_SRC)) found.push({ named: named!, path: `src/${named}`, kind: 'path' });
  for (const [, named] of text.matchAll(BARE_FILE)) found.push({ named: named!, path: named!, kind: 'file name' });
  return found;
}
