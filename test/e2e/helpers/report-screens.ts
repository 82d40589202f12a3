/**
 * The report's screens that the screenshot specs photograph and check with axe in each
 * browser (report-screens.spec.ts in Chromium, firefox-screens.spec.ts in Firefox).
 *
 * The views come from the report's own list of routes, so a view added later is covered in
 * both browsers without touching the specs; the pages of one item (a company, a site, a law)
 * are added here.
 */
import path from 'node:path';
import { VIEWS } from '../../../src/report/page/use-route.js';

export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../../test-output/screenshots');

/** A 360 px phone and a 1280 px screen. */
export const WIDTHS = [360, 1280] as const;

export interface Screen {
  /** in the screenshot's file name */
  name: string;
  view: string;
  /** the company, site or legal frame shown, or '' */
  item: string;
}

/** Every tab, then the views reached from inside other views. */
export const SCREENS: Screen[] = [
  ...VIEWS.map((view) => ({ name: view, view, item: '' })),
  { name: 'company', view: 'companies', item: 'c:Google' },
  { name: 'site', view: 'sites', item: 'news.example' },
  { name: 'law', view: 'law', item: 'eu-eea' },
  { name: 'guide', view: 'guide', item: '' },
];

/** The report's address of `screen` over the last week, after "report.html". */
export function screenHash({ view, item }: Screen): string {
  return `#/${view}?period=week${item ? `&item=${encodeURIComponent(item)}` : ''}`;
}

/** The problem when the page is wider than the screen (only a table's own box may scroll sideways), or null. */
export async function overflowAt(
  page: { evaluate(script: string): Promise<unknown> },
  width: number,
  what: string,
): Promise<string | null> {
  const scrollWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  return scrollWidth > width ? `${what}: the page is ${scrollWidth} px wide` : null;
}
