/**
 * axe-core, run the same way in Chromium (Playwright) and Firefox (Puppeteer over WebDriver
 * BiDi): its source evaluated in the page as a driver script, which the extension pages'
 * Content-Security-Policy lets through where an added <script> or `eval` would be refused,
 * then `axe.run` on the whole document with axe's default rules (every severity counts).
 */
import axe from 'axe-core';

/** Both Playwright's and Puppeteer's pages evaluate a script given as text. */
interface ScriptedPage {
  evaluate(script: string): Promise<unknown>;
}

const run = (context: string) => `axe.run(${context}, { resultTypes: ['violations'] }).then((results) =>
  results.violations.map((v) => v.impact + ' ' + v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`;

/**
 * Every axe violation on the page, or only within the element `within` selects, as
 * "<impact> <rule>: <elements>" prefixed with `what`; none is an empty list.
 */
export async function axeViolations(page: ScriptedPage, what: string, within?: string): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(`${axe.source}\n;undefined`);
  const violations = (await page.evaluate(run(within ? JSON.stringify({ include: [within] }) : 'document'))) as string[];
  return violations.map((v) => `${what}: ${v}`);
}
