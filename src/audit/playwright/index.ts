/**
 * `upstream/playwright`: Playwright Test with Upstream loaded in each test's Chromium.
 *
 *   import { test, expect } from 'upstream/playwright';
 *   test('nothing goes to US companies before consent', async ({ page, upstream }) => { … });
 *
 * See docs/playwright-fixture.md.
 */
export { test, type UpstreamFixtures, type UpstreamOptions } from './fixture.js';
export { expect, type MarkWindow } from './matchers.js';
export type { Upstream } from './upstream.js';
export type { UpstreamRequest } from './classified-requests.js';
export type { UpstreamFigures } from './figures.js';
export type { RequestFilter } from './request-filter.js';
export { describeRequest } from './offenders.js';
