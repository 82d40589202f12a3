/**
 * The popup from the keyboard alone: Tab reaches the period, every tile and every control
 * in reading order; a tile's explanation opens and closes with Enter, Space and Escape;
 * recording pauses and resumes; "Forget this site" asks, and Cancel gives the focus back.
 */
import type { Page } from 'playwright-core';
import { test, expect } from './harness.js';
import { browseFixtureSites } from './helpers/popup.js';
import { FIGURES } from '../../src/store/figures.js';

/** What has the focus, named as a test names it. */
function focused(popup: Page): Promise<string> {
  return popup.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    return (
      el.getAttribute('data-testid') ??
      (el.closest('[data-tile]')
        ? `tile:${el.closest('[data-tile]')!.getAttribute('data-tile')}`
        : `${el.tagName.toLowerCase()}:${el.getAttribute('value') ?? el.textContent}`)
    );
  });
}

async function tabTo(popup: Page, target: string): Promise<void> {
  for (let presses = 0; presses < 30; presses++) {
    if ((await focused(popup)) === target) return;
    await popup.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

test('Chromium: the popup from the keyboard alone', async ({ chromium }) => {
  const { reader, visit } = await browseFixtureSites(chromium);
  const popup = await chromium.context.newPage();
  await popup.setViewportSize({ width: 800, height: 600 });
  await popup.goto(`${chromium.extensionOrigin}/popup.html?tab=${visit.tab}`);
  await popup.waitForSelector('#app[data-complete="true"]:has([data-visit]):has([data-figure])');

  // The period shown is the one chosen last in this browser (other tests choose too).
  const period = await popup.getAttribute('[data-testid="period"]', 'data-period');
  // Every stop Tab makes from the top, until the focus leaves the page.
  const stops: string[] = [];
  for (let presses = 0; presses < 30; presses++) {
    await popup.keyboard.press('Tab');
    const now = await focused(popup);
    if (now === 'body' || stops.includes(now)) break;
    stops.push(now);
  }
  expect(stops).toEqual([
    `input:${period}`,
    ...[...FIGURES.map((figure) => figure.key), 'companies', 'countries'].map((tile) => `tile:${tile}`),
    'pause',
    'forget',
    'open-report',
  ]);

  // The period: arrow keys move within the radio group (and back, so that the popup opens
  // on the same period for the tests after this one).
  const periods = ['24h', '7d', '30d', 'all'];
  const next = periods[(periods.indexOf(period!) + 1) % periods.length]!;
  await tabTo(popup, `input:${period}`);
  await popup.keyboard.press('ArrowRight');
  await expect(popup.locator('[data-testid="period"]')).toHaveAttribute('data-period', next);
  await popup.keyboard.press('ArrowLeft');
  await expect(popup.locator('[data-testid="period"]')).toHaveAttribute('data-period', period!);
  await expect(popup.locator('[data-testid="period"]')).toHaveAttribute('data-state', 'ready');

  // A tile: Enter opens its explanation, Escape closes it and leaves the focus on the tile.
  await tabTo(popup, 'tile:usReach');
  const usTile = popup.locator('[data-tile="usReach"] button');
  const usExplanation = popup.locator('#explain-usReach');
  await expect(usExplanation).toBeHidden();
  await popup.keyboard.press('Enter');
  await expect(usTile).toHaveAttribute('aria-expanded', 'true');
  await expect(usExplanation).toBeVisible();
  await expect(usExplanation).toContainText('FISA section 702');
  await popup.keyboard.press('Escape');
  await expect(usExplanation).toBeHidden();
  await expect.poll(() => focused(popup)).toBe('tile:usReach');
  // Space on another tile: one explanation at a time, the companies that saw most.
  await tabTo(popup, 'tile:companies');
  await popup.keyboard.press('Space');
  await expect(popup.locator('[data-testid="top-companies"]')).toBeVisible();
  // The browser is shared with other specs: whichever company it is, the first saw the most sites.
  const sites = (await popup
    .locator('[data-testid="top-companies"] li')
    .evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-sites'))))) as number[];
  expect(sites.length).toBeGreaterThan(0);
  expect(sites[0]).toBe(Math.max(...sites));
  await popup.keyboard.press('Space');
  await expect(popup.locator('[data-testid="top-companies"]')).toBeHidden();

  // Pause and resume with Enter; the focus stays on the button.
  await tabTo(popup, 'pause');
  await popup.keyboard.press('Enter');
  await expect(popup.locator('[data-testid="paused-banner"]')).toBeVisible();
  await expect(popup.locator('[data-testid="pause"]')).toHaveText('Resume recording');
  await expect.poll(() => focused(popup)).toBe('pause');
  await popup.keyboard.press('Enter');
  await expect(popup.locator('[data-testid="paused-banner"]')).toHaveCount(0);
  await expect(popup.locator('[data-testid="pause"]')).toHaveText('Pause recording');

  // Forget asks first; the focus goes to Cancel, and back to Forget once cancelled.
  await tabTo(popup, 'forget');
  await popup.keyboard.press('Enter');
  await expect(popup.locator('[data-testid="forget-confirm"]')).toBeVisible();
  await expect.poll(() => focused(popup)).toBe('forget-cancel');
  await popup.keyboard.press('Enter');
  await expect(popup.locator('[data-testid="forget-confirm"]')).toHaveCount(0);
  await expect.poll(() => focused(popup)).toBe('forget');

  await popup.close();
  await reader.close();
});
