/**
 * Assertions on what the extension recorded, for `expect(upstream)`. Each one says "no
 * recorded request matches this filter"; with `.not` it says "at least one does". Either
 * way a failure lists the requests that decided it, one per line.
 */
import { expect as baseExpect, type ExpectMatcherState, type MatcherReturnType } from '@playwright/test';
import { isUpstream, type Upstream } from './upstream.js';
import { checkFilter, describeFilter, matchesFilter, type RequestFilter } from './request-filter.js';
import { listRequests } from './offenders.js';

/** Narrows any of the matchers to a part of the test, between marks. */
export interface MarkWindow {
  before?: string;
  after?: string;
}

async function sendsNothing(
  state: ExpectMatcherState,
  name: string,
  upstream: Upstream,
  filter: RequestFilter,
  call: string,
): Promise<MatcherReturnType> {
  if (!isUpstream(upstream)) {
    throw new Error(
      `expect(…).${name}() takes the \`upstream\` fixture (from test(…, async ({ page, upstream }) => …)), not ${typeof upstream}`,
    );
  }
  checkFilter(filter);
  // An unknown mark is a mistake in the test, not a failed expectation: it throws either way, `.not` or not.
  for (const label of [filter.before, filter.after]) if (label !== undefined) upstream.markTime(label);
  const requests = await upstream.requests();
  const offenders = requests.filter((request) => matchesFilter(request, filter, upstream.markTime));
  const what = describeFilter(filter);
  const hint = `expect(upstream)${state.isNot ? '.not' : ''}.${name}(${call})`;
  const message = () => {
    if (state.isNot) {
      const recorded = requests.length ? `\nRecorded:\n${listRequests(requests, upstream.startedAt)}` : '';
      return `${hint}\n\nExpected at least one request ${what}; none of the ${requests.length} recorded requests matched.${recorded}`;
    }
    return `${hint}\n\nExpected no request ${what}; ${offenders.length} of the ${requests.length} recorded requests did:\n${listRequests(offenders, upstream.startedAt)}`;
  };
  return { name, pass: offenders.length === 0, message, expected: what, actual: offenders.map((r) => r.url) };
}

const show = (value: unknown) =>
  value === undefined ? '' : JSON.stringify(value, (_key, v: unknown) => (v instanceof RegExp ? String(v) : v));

export const expect = baseExpect.extend({
  /** No recorded request matches `filter` (see RequestFilter; `{}` means no request at all). */
  async toSendNothingTo(this: ExpectMatcherState, upstream: Upstream, filter: RequestFilter) {
    return sendsNothing(this, 'toSendNothingTo', upstream, filter ?? {}, show(filter));
  },
  /** No recorded request was addressed to a company under US jurisdiction (first or third party; failed ones too: the page tried), optionally between marks. */
  async toSendNothingToUsJurisdiction(this: ExpectMatcherState, upstream: Upstream, window: MarkWindow = {}) {
    return sendsNothing(
      this,
      'toSendNothingToUsJurisdiction',
      upstream,
      { ...window, jurisdiction: 'US' },
      show(window === undefined || Object.keys(window).length === 0 ? undefined : window),
    );
  },
  /** No recorded request was addressed to a tracker (the report's definition; failed ones too) before the mark `label`. */
  async toSendNoTrackerBefore(this: ExpectMatcherState, upstream: Upstream, label: string) {
    return sendsNothing(this, 'toSendNoTrackerBefore', upstream, { tracker: true, before: label }, show(label));
  },
});
