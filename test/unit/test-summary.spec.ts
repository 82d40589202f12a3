/** The closing block of a test run names what ran and how it went, not a reliability run it was not. */
import { test, expect } from '@playwright/test';
import { summaryText, type SummaryLine } from '../test-summary.js';

const line = (title: string, status: SummaryLine['status'], figures: string[] = []): SummaryLine => ({
  title,
  project: 'unit',
  status,
  figures,
});

test('an ordinary run is summed up as tests passed, listing only what failed or reported a figure', () => {
  const text = summaryText(
    [
      line('parses a day', 'passed'),
      line('fuzzes the parser', 'passed', ['10000 cases']),
      line('imports a file', 'failed'),
      line('needs Firefox', 'skipped'),
    ],
    12,
    'failed',
  );
  const lines = text.trim().split('\n');
  expect(lines[0]).toBe('Test summary — unit, 12 s: 2 of 4 tests passed, 1 failed, 1 skipped');
  expect(text).not.toMatch(/reliability|fault and bad-input/i);
  expect(lines.slice(1)).toEqual(['  ok     fuzzes the parser', '         10000 cases', '  FAILED imports a file']);
});

test('a run stopped before its end says so', () => {
  expect(summaryText([line('a', 'passed')], 3, 'interrupted')).toContain('1 of 1 test passed (run interrupted)');
});
