/**
 * The compare view's choices in its address: written down and read back unchanged, the
 * defaults left out; hostile values (unknown words, markup, script addresses, huge or negative
 * numbers, a moment without a site) refused by name, each choice then left at its default.
 */
import { test, expect } from '@playwright/test';
import { compareParams, DEFAULT_COMPARE, parseCompareParams, type CompareChoice } from '../../src/report/page/compare-query.js';
import { parseRoute, routeHash } from '../../src/report/page/use-route.js';

test('a choice written into the address reads back the same', () => {
  const choices: CompareChoice[] = [
    DEFAULT_COMPARE,
    { ...DEFAULT_COMPARE, a: 'month', b: 'chosen' },
    { ...DEFAULT_COMPARE, mode: 'export' },
    { mode: 'site', a: 'day', b: 'previousDay', site: 'news.example', mark: 1_764_000_000_000 },
  ];
  for (const choice of choices) {
    const hash = routeHash({
      view: 'compare',
      period: { kind: 'custom', first: '2026-11-01', last: '2026-11-28' },
      compare: compareParams(choice),
    });
    const route = parseRoute(hash);
    expect(route.view).toBe('compare');
    expect(route.period).toEqual({ kind: 'custom', first: '2026-11-01', last: '2026-11-28' });
    expect(parseCompareParams(route.compare ?? {}), hash).toEqual({ choice, refused: [] });
  }
  // The default view keeps its plain address.
  expect(routeHash({ view: 'compare', period: { kind: 'week' }, compare: compareParams(DEFAULT_COMPARE) })).toBe('#/compare?period=week');
  expect(
    routeHash({
      view: 'compare',
      period: { kind: 'week' },
      compare: compareParams({ ...DEFAULT_COMPARE, mode: 'site', site: 'a.example', mark: 5 }),
    }),
  ).toBe('#/compare?period=week&mode=site&site=a.example&mark=5');
});

test('hostile values in the address are refused by name, and their choices left at the default', () => {
  const cases: [string, string[]][] = [
    ['mode=__proto__', ['mode']],
    ['mode=constructor&a=toString', ['mode', 'a']],
    ['a=week&b=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', ['b']],
    ['mode=site&site=javascript:alert(1)', ['site']],
    ['mode=site&site=%3Cscript%3E', ['site']],
    [`mode=site&site=${'a'.repeat(5000)}.example`, ['site']],
    ['mode=site&site=news.example&mark=-5', ['mark']],
    ['mode=site&site=news.example&mark=1e21', ['mark']],
    ['mode=site&site=news.example&mark=99999999999999999999', ['mark']],
    ['mode=site&mark=1764000000000', ['mark']],
    ['mode=&a=&b=&site=&mark=', ['mode', 'a', 'b', 'site', 'mark']],
  ];
  for (const [query, refused] of cases) {
    const route = parseRoute(`#/compare?period=week&${query}`);
    const parsed = parseCompareParams(route.compare ?? {});
    expect(parsed.refused, query.slice(0, 80)).toEqual(refused);
    for (const key of refused) {
      const field = key as keyof CompareChoice;
      expect(parsed.choice[field], `${key} in ${query.slice(0, 80)}`).toEqual(DEFAULT_COMPARE[field]);
    }
    // Written again, the address holds none of what was refused.
    const again = parseCompareParams(parseRoute(routeHash({ ...route, compare: compareParams(parsed.choice) })).compare ?? {});
    expect(again).toEqual({ choice: parsed.choice, refused: [] });
  }
  // A value past what the view could have written is not read whole, and other views ignore the compare parameters.
  expect(parseRoute(`#/compare?site=${'b'.repeat(100_000)}`).compare?.site).toHaveLength(300);
  expect(parseRoute('#/log?period=week&mode=site').compare).toBeUndefined();
  expect(routeHash({ view: 'log', period: { kind: 'week' }, compare: { mode: 'site' } })).toBe('#/log?period=week');
});
