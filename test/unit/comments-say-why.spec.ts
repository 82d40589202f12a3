/** No code comment carries a measured figure, a date, a bare issue number or a line number (test/unit/helpers/lab-notes.ts). */
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { commentsOf } from './helpers/comments.js';
import { labNotes } from './helpers/lab-notes.js';

const root = path.resolve(import.meta.dirname, '../..');
// Recorded pages and scripts are the sites' own text, not the project's.
const FIXTURES = /^(test\/fixtures\/(sites|bench\/sites)|src\/audit\/demo\/sites)\//;

const notesIn = (source: string, fileName = 'example.ts') =>
  labNotes(commentsOf(source, fileName)).map(({ line, kind }) => `${line} ${kind}`);

test('no comment in src/, test/ or build.mjs reads like a lab notebook', () => {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'src', 'test', 'build.mjs'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((file) => /\.(tsx?|mjs)$/.test(file) && !FIXTURES.test(file) && existsSync(path.join(root, file)));
  const found = files.flatMap((file) =>
    labNotes(commentsOf(readFileSync(path.join(root, file), 'utf8'), file)).map(
      ({ line, kind, sentence }) => `${file}:${line} ${kind}: ${sentence} (measurements go to docs/measurements.md)`,
    ),
  );
  expect(found).toEqual([]);
});

test('measured figures, dates, issue numbers and line numbers are found; a constant and its reason are not', () => {
  const source = [
    '/**',
    ' * Batches wait FLUSH_DELAY_MS = 100 ms, so that a stopped worker loses at most 250 ms of events.',
    ' * In the browser-kill test batches took 18–39 ms (median); a cap of 100 made a backlog',
    ' * three times slower (65 → 212 µs a row).',
    ' */',
    "const a = `https://x.example/${1} // 2026-11-29, seen up to 1.3 s`; // Chrome's own limit is 250 entries.",
    'const b = a.length / 2; // Seen in Chromium 156 on two cores: up to 1.7 s (issue 8).',
    '// A Blob read is faster than arrayBuffer(): ~45 ms instead of ~53',
    '// (4 of 6 runs; measured November 2026).',
    '/** `2026-02-30` is no day; "0.834 → "83 %"" formats a share; never "0 %" over nothing measured. */',
    '// see src/store/retention.ts line 41 and #12, not https://github.com/o/r/issues/554#L12',
  ].join('\n');
  // Line 2 names constants and why; line 6's template is not a comment; line 10's figures are code or quoted examples.
  expect(notesIn(source)).toEqual([
    '3 measurement',
    '3 measurement',
    '7 measurement',
    '7 issue number',
    '8 measurement',
    '9 date',
    '11 issue number',
    '11 line number',
  ]);
});
