/** Every repository path that a code comment or a doc names exists (test/unit/helpers/named-paths.ts). */
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { commentsOf } from './helpers/comments.js';
import { namedPaths, type NamedPath } from './helpers/named-paths.js';

const root = path.resolve(import.meta.dirname, '../..');
const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter(Boolean);
const fileNames = new Set(tracked.map((file) => path.basename(file)));
// Recorded pages and scripts are the sites' own text, not the project's.
const FIXTURES = /^(test\/fixtures\/(sites|bench\/sites)|src\/audit\/demo\/sites)\//;

function missing(named: readonly NamedPath[]): string[] {
  const exists = ({ path: p, kind }: NamedPath) => {
    if (kind === 'path') return existsSync(path.join(root, p));
    if (kind === 'file name') return fileNames.has(p);
    return tracked.some((file) => file.startsWith(p));
  };
  return named.filter((one) => !exists(one)).map(({ named }) => named);
}

function textsToCheck(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  if (file.endsWith('.md')) return [text];
  return commentsOf(text, file).map((comment) => comment.text);
}

test('every path named in a code comment or a doc exists', () => {
  const files = tracked.filter(
    (file) => /\.(ts|tsx|mjs|js|cjs|md)$/.test(file) && !FIXTURES.test(file) && existsSync(path.join(root, file)),
  );
  const broken = files.flatMap((file) => [...new Set(missing(textsToCheck(file).flatMap(namedPaths)))].map((named) => `${file}: ${named}`));
  expect(broken).toEqual([]);
});

test('the check finds a moved file in each spelling, and only in comments', () => {
  const source = [
    "import { x } from './src/not-here.js'; // see src/store/gone.ts and store/also-gone.ts",
    "const inCode = 'src/store/gone-from-code.ts';",
    '/* the old-name.ts module, src/store/db.ts, docs/export-format.md., test/e2e/controls-*.spec.ts and test/e2e/gone-*.spec.ts */',
    'const half = inCode.length / 2; // after a division: src/store/after-division.ts',
    'const url = `https://x.example/${half} // not a comment: src/store/in-a-template.ts`;',
  ].join('\n');
  const named = commentsOf(source, 'example.ts').flatMap((comment) => namedPaths(comment.text));
  expect(missing(named)).toEqual([
    'src/store/gone.ts',
    'store/also-gone.ts',
    'test/e2e/gone-',
    'old-name.ts',
    'src/store/after-division.ts',
  ]);
});
