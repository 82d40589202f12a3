/**
 * The report's graph after browsing fixture pages: pointing at a node lights it and its
 * neighbours as the records on disk link them; the keyboard alone reaches the graph, moves
 * between nodes, opens a node's panel (a site's organisations, an organisation's sites and
 * page) and closes it, zooms and fits; the wheel zooms, a drag moves a node, a click opens it;
 * the list view holds every site × organisation; axe finds nothing at 360 and 1280 px, light
 * and dark; on a touch screen as wide as a phone, one finger scrolls the page past the graph
 * and taps a node open, two fingers zoom. Firefox goes through the same with events sent to the page.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { test, expect } from './harness.js';
import { axeViolations } from './helpers/axe.js';
import { browse, expected, nodeAt, nodeInView, openGraph, shown, wrap, type Want } from './helpers/graph-view.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-output/screenshots');

/** The node lit, with its neighbours as the links on disk make them, and nothing else. */
function expectLit(state: Awaited<ReturnType<typeof shown>>, id: string, want: Want): void {
  expect(state.self).toEqual([id]);
  expect(state.neighbours).toEqual([...(want.neighbours.get(id) ?? [])].sort());
  expect(state.neighbours.length).toBeGreaterThan(0);
}

async function tabTo(page: Page, testId: string, key = 'Tab'): Promise<void> {
  for (let i = 0; i < 80 && (await shown(wrap(page))).focus !== testId; i++) await page.keyboard.press(key);
  expect((await shown(wrap(page))).focus, `reached by ${key}`).toBe(testId);
}

test('Chromium: the graph from the keyboard alone and the pointer; its list; axe finds nothing, light and dark, at 360 and 1280 px', async ({
  chromium,
}) => {
  test.setTimeout(240_000);
  const reader = await browse(chromium);
  const want = await expected(reader);
  expect(want.graph.nodes.length).toBeGreaterThan(3);
  const page = await chromium.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${chromium.extensionOrigin}/report.html#/overview?period=week`);
  const report = wrap(page);
  await openGraph(report);
  const fitted = (await shown(report)).zoom;
  expect(fitted).toBeGreaterThan(0);

  // Keyboard alone: Tab reaches the graph, which starts on its largest node, lit with its neighbours.
  await tabTo(page, 'graph-nodes');
  let state = await shown(report);
  const largest = [...want.graph.nodes].sort((a, b) => b.weight - a.weight || a.label.localeCompare(b.label))[0]!;
  expect(state.active).toBe(largest.id);
  expectLit(state, largest.id, want);
  // Arrow keys move to the nearest node that way, each lit with its own neighbours.
  let moves = 0;
  for (const arrow of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp', 'ArrowRight', 'ArrowDown']) {
    const before = (await shown(report)).active;
    await page.keyboard.press(arrow);
    state = await shown(report);
    if (state.active === before) continue;
    moves++;
    expectLit(state, state.active, want);
  }
  expect(moves).toBeGreaterThan(0);
  // Page Down goes through every node, largest first; Enter opens a node's panel, which takes
  // the focus and lists what the records say; Tab reaches its page link; Escape closes it and
  // gives the focus back to the graph. Both kinds of node, a site and an organisation.
  await page.keyboard.press('Home');
  const opened = new Set<string>();
  const visited: string[] = [];
  for (let press = 0; press < want.graph.nodes.length; press++) {
    state = await shown(report);
    visited.push(state.active);
    expectLit(state, state.active, want);
    const kind = state.active.startsWith('s:') ? 'site' : 'company';
    if (!opened.has(kind)) {
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await shown(report)).focus).toBe('graph-panel-heading');
      state = await shown(report);
      expect(state.panel).toBe(state.active);
      expect(state.items).toEqual(want.items(state.active).sort());
      await tabTo(page, 'graph-panel-page');
      const href = await page.getAttribute('[data-testid="graph-panel-page"]', 'href');
      expect(href).toContain(kind === 'site' ? `#/sites?` : '#/companies?');
      expect(href).toContain(`item=${encodeURIComponent(kind === 'site' ? state.active.slice(2) : state.active)}`);
      await page.keyboard.press('Escape');
      state = await shown(report);
      expect(state.panel).toBeNull();
      expect(state.focus).toBe('graph-nodes');
      opened.add(kind);
    }
    await page.keyboard.press('PageDown');
  }
  expect(visited.sort()).toEqual(want.graph.nodes.map((n) => n.id).sort());
  expect([...opened].sort()).toEqual(['company', 'site']);
  // Zoom from the graph's keys, then from the buttons; "Whole graph" fits it again.
  await page.keyboard.press('+');
  await expect.poll(async () => (await shown(report)).zoom).toBeCloseTo(fitted * 1.25, 3);
  await page.keyboard.press('0');
  await expect.poll(async () => (await shown(report)).zoom).toBeCloseTo(fitted, 3);
  await tabTo(page, 'graph-zoom-in');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await shown(report)).zoom).toBeCloseTo(fitted * 1.25 * 1.25, 3);
  await tabTo(page, 'graph-zoom-out');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await shown(report)).zoom).toBeCloseTo(fitted * 1.25, 3);
  await tabTo(page, 'graph-fit');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await shown(report)).zoom).toBeCloseTo(fitted, 3);
  // Back to the switch, on to the list: every site × organisation, sortable from the keyboard.
  await tabTo(page, 'graph-mode-list', 'Shift+Tab');
  await page.keyboard.press('Enter');
  const rows = () => page.$$eval('[data-testid="graph-list"] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-row')!));
  expect((await rows()).sort()).toEqual(want.pairs.map((p) => `${p.site}\n${p.company}`).sort());
  // The list comes right after the switch: one Tab to its first column's sort button.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-sort'))).toBe('site');
  await page.keyboard.press('Enter');
  await expect(page.locator('th:has([data-sort="site"])')).toHaveAttribute('aria-sort', 'ascending');
  const sites = (await rows()).map((r) => r.split('\n')[0]!);
  expect(sites).toEqual([...sites].sort((a, b) => a.localeCompare(b)));
  await tabTo(page, 'graph-mode-graph', 'Shift+Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="graph"][data-settled="true"]');

  // The pointer: hovering a site lights it and its neighbours; away, nothing is lit.
  const news = 's:news.example';
  let point = await nodeAt(report, news);
  await page.mouse.move(point.x, point.y);
  await expect.poll(async () => (await shown(report)).self).toEqual([news]);
  expectLit(await shown(report), news, want);
  await page.mouse.move(2, 2);
  await expect.poll(async () => (await shown(report)).self).toEqual([]);
  // The wheel zooms about the pointer: the node under it stays under it.
  const zoomBefore = (await shown(report)).zoom;
  await page.mouse.move(point.x, point.y);
  await page.mouse.wheel(0, -200);
  await expect.poll(async () => (await shown(report)).zoom).toBeGreaterThan(zoomBefore * 1.2);
  const still = await nodeAt(report, news);
  expect(Math.hypot(still.x - point.x, still.y - point.y)).toBeLessThan(2);
  // A drag moves a node, which stays where it is dropped (and opens no panel); a click opens it.
  point = still;
  // Towards the middle of the graph, so that the node is dropped inside it however the layout placed it.
  const box = (await page.locator('[data-testid="graph-nodes"]').boundingBox())!;
  const dx = point.x < box.x + box.width / 2 ? 60 : -60;
  const dy = point.y < box.y + box.height / 2 ? 40 : -40;
  await page.mouse.down();
  await page.mouse.move(point.x + dx / 2, point.y + dy / 2, { steps: 5 });
  await page.mouse.move(point.x + dx, point.y + dy, { steps: 5 });
  await page.mouse.up();
  await page.waitForSelector('[data-testid="graph"][data-settled="true"]');
  const dropped = await nodeAt(report, news);
  expect(Math.hypot(dropped.x - point.x - dx, dropped.y - point.y - dy)).toBeLessThan(3);
  expect((await shown(report)).panel).toBeNull();
  await page.mouse.click(dropped.x, dropped.y);
  await expect.poll(async () => (await shown(report)).panel).toBe(news);

  // axe on the graph with a panel open and on the list, at a phone's width and a desktop's, in both themes.
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const mode of ['graph', 'list']) {
        await page.click(`[data-testid="graph-mode-${mode}"]`);
        if (mode === 'graph') await page.waitForSelector('[data-testid="graph"][data-settled="true"]');
        await page.screenshot({ path: path.join(SCREENSHOTS, `report-graph-${mode}-${width}-${scheme}.png`), fullPage: true });
        expect(await axeViolations(page, `${mode}, ${width} px, ${scheme}`, '[data-testid="graph-view"]'), 'axe').toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `page width at ${width} px`).toBeLessThanOrEqual(width);
      }
    }
  }
  await page.close();
  await reader.close();
});

test('Chromium, touch, 360 px: one finger on the graph scrolls the page and taps a node; two fingers zoom the graph', async ({
  chromium,
}) => {
  const reader = await browse(chromium);
  const page = await chromium.context.newPage();
  await page.setViewportSize({ width: 360, height: 640 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
  await page.goto(`${chromium.extensionOrigin}/report.html#/overview?period=week`);
  const report = wrap(page);
  await openGraph(report);
  // The graph in the window, with page left below to scroll to.
  const top = await page.evaluate(() => {
    const nodes = document.querySelector('[data-testid="graph-nodes"]')!.getBoundingClientRect();
    window.scrollTo(0, window.scrollY + nodes.bottom - window.innerHeight + 20);
    return window.scrollY;
  });
  expect(await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight - window.scrollY)).toBeGreaterThan(100);
  const box = (await page.locator('[data-testid="graph-nodes"]').boundingBox())!;
  const x = box.x + box.width / 2;
  const touch = async (type: 'touchStart' | 'touchMove' | 'touchEnd', points: { x: number; y: number }[]) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map((p, id) => ({ ...p, id })) });
  const zoom = (await shown(report)).zoom;
  // One finger up the graph: the page scrolls, the graph stays as it was.
  const from = Math.min(box.y + box.height - 10, 600);
  await touch('touchStart', [{ x, y: from }]);
  for (let step = 1; step <= 10; step++) await touch('touchMove', [{ x, y: from - step * 15 }]);
  await touch('touchEnd', []);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(top + 60);
  expect((await shown(report)).zoom).toBeCloseTo(zoom, 6);
  // Two fingers apart on the graph: it zooms.
  const y = await page.evaluate(() => {
    const b = document.querySelector('[data-testid="graph-nodes"]')!.getBoundingClientRect();
    return b.top + b.height / 2;
  });
  await touch('touchStart', [
    { x: x - 20, y },
    { x: x + 20, y },
  ]);
  for (let step = 1; step <= 8; step++)
    await touch('touchMove', [
      { x: x - 20 - step * 8, y },
      { x: x + 20 + step * 8, y },
    ]);
  await touch('touchEnd', []);
  await expect.poll(async () => (await shown(report)).zoom).toBeGreaterThan(zoom * 1.5);
  // One finger's tap on a node opens it.
  const { node, at } = await nodeInView(report);
  await touch('touchStart', [at]);
  await touch('touchEnd', []);
  await expect.poll(async () => (await shown(report)).panel).toBe(node);
  await page.close();
  await reader.close();
});

test('Firefox: the graph lights neighbours, opens and closes a panel from the keyboard, zooms, and lists every link', async ({
  firefox,
}) => {
  test.setTimeout(180_000);
  const reader = await browse(firefox);
  const want = await expected(reader);
  const report = await firefox.openExtensionPage('report.html#/overview?period=week');
  await openGraph(report);
  const key = (k: string) =>
    report.evaluate((name) => {
      const target = document.activeElement!;
      target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));
    }, k);
  // Focus on the graph: its largest node, lit with its neighbours; an arrow moves on.
  await report.evaluate(() => (document.querySelector('[data-testid="graph-nodes"]') as HTMLElement).focus());
  await report.waitForFunction(() => document.querySelector('[data-testid="graph-nodes"]')!.getAttribute('data-active'));
  let state = await shown(report);
  expectLit(state, state.active, want);
  const first = state.active;
  for (const arrow of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp']) if ((await shown(report)).active === first) await key(arrow);
  state = await shown(report);
  expect(state.active).not.toBe(first);
  expectLit(state, state.active, want);
  // Enter opens its panel (the focus in it), Escape closes it (the focus back on the graph).
  await key('Enter');
  await report.waitForFunction(() => document.activeElement?.id === 'graph-panel-heading');
  state = await shown(report);
  expect(state.panel).toBe(state.active);
  expect(state.items).toEqual(want.items(state.active).sort());
  await key('Escape');
  state = await shown(report);
  expect(state.panel).toBeNull();
  expect(state.focus).toBe('graph-nodes');
  // The pointer over a node lights it; the zoom button and the wheel zoom.
  const point = await nodeAt(report, 's:news.example');
  await report.evaluate(
    (p) =>
      document
        .querySelector('[data-testid="graph-nodes"]')!
        .dispatchEvent(new PointerEvent('pointermove', { clientX: p.x, clientY: p.y, bubbles: true, pointerType: 'mouse' })),
    point,
  );
  expectLit(await shown(report), 's:news.example', want);
  const fitted = (await shown(report)).zoom;
  await report.evaluate(() => (document.querySelector('[data-testid="graph-zoom-in"]') as HTMLElement).click());
  expect((await shown(report)).zoom).toBeCloseTo(fitted * 1.25, 3);
  await report.evaluate(
    (p) =>
      document
        .querySelector('[data-testid="graph-nodes"]')!
        .dispatchEvent(new WheelEvent('wheel', { clientX: p.x, clientY: p.y, deltaY: -200, bubbles: true, cancelable: true })),
    point,
  );
  expect((await shown(report)).zoom).toBeGreaterThan(fitted * 1.25 * 1.2);
  // The list: every site × organisation.
  await report.evaluate(() => (document.querySelector('[data-testid="graph-mode-list"]') as HTMLElement).click());
  await report.waitForFunction(() => document.querySelector('[data-testid="graph-list"]'));
  const rows = await report.evaluate(() =>
    [...document.querySelectorAll('[data-testid="graph-list"] tbody tr')].map((tr) => tr.getAttribute('data-row')!),
  );
  expect(rows.sort()).toEqual(want.pairs.map((p) => `${p.site}\n${p.company}`).sort());
  await report.close();
  await reader.close();
});
