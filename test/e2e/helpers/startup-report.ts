/** Figures and checks shared by the start-up spec and its reliability run. */
import { test, expect } from '@playwright/test';
import { pageSummary, problemsOf } from './startup-check.js';
import type { RestoreResult } from './startup-restore.js';

/**
 * Asserts a restore run: the first session (browsed with the worker running) is whole, the
 * browser reopened and loaded every tab, and every restored page is stored whole: one visit
 * of its URL added after the restart, holding each request the server answered for it, once.
 * Everything is recorded as figures first, so a failing run still reports what it found.
 */
export function expectRestoredWhole(kind: string, result: RestoreResult, label = ''): void {
  const stored = result.restored.reduce((sum, f) => sum + f.stored, 0);
  const served = result.restored.reduce((sum, f) => sum + f.served, 0);
  test.info().annotations.push({
    type: 'figure',
    description:
      `${kind} restore${label}: ${result.tabsAfter.length} tabs back, ${stored} of ${served} requests stored; ` +
      result.restored.map(pageSummary).join(' | '),
  });
  console.log(
    `${kind} restore${label}, first session:\n  ${result.first.map(pageSummary).join('\n  ')}\nafter the restart (tabs: ${result.tabsAfter.join(' ')}):\n  ${result.restored.map(pageSummary).join('\n  ')}`,
  );
  expect(result.first.flatMap(problemsOf), `${kind}, first session (worker running): every page is stored whole`).toEqual([]);
  expect(result.notRestored, `${kind} reopened and loaded every tab of the session`).toEqual([]);
  expect(
    result.restored.flatMap(problemsOf),
    `${kind}: every restored page has one visit holding every request the server answered for it, once`,
  ).toEqual([]);
}
