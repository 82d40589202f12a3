/**
 * The graph view's pure parts: the layout fitted to the canvas and zoomed about a point,
 * labels that never overlap, each node's neighbours, the node an arrow key leads to, and
 * the list view's rows (every site × organisation under the filter), and the dots' colours in
 * both themes.
 */
import { test, expect } from '@playwright/test';
import {
  boundsOf,
  fitTransform,
  keepInView,
  MAX_ZOOM,
  MIN_ZOOM,
  toScreen,
  toWorld,
  zoomAt,
} from '../../src/report/page/graph/graph-geometry.js';
import { chooseLabels } from '../../src/report/page/graph/graph-labels.js';
import { blocColours, mix } from '../../src/report/page/graph/graph-draw.js';
import { directionOf, neighbourSets, nodeInDirection } from '../../src/report/page/graph/graph-neighbours.js';
import { graphOf, graphPairs } from '../../src/report/aggregate/graph.js';

test('the fitted view shows every node inside the canvas and fills it along one side', () => {
  // A cluster far off-centre, wider than tall: the view must bring it to the middle and fill the width.
  const circles = [
    { x: 500, y: 300, r: 5 },
    { x: 900, y: 340, r: 10 },
    { x: 700, y: 250, r: 3 },
  ];
  const box = boundsOf(circles)!;
  expect(box).toEqual({ left: 495, top: 247, right: 910, bottom: 350 });
  const [width, height, padding] = [800, 600, 20];
  const t = fitTransform(box, width, height, padding);
  const corners = [toScreen(t, box.left, box.top), toScreen(t, box.right, box.bottom)];
  for (const c of corners) {
    expect(c.x).toBeGreaterThanOrEqual(padding - 1e-9);
    expect(c.x).toBeLessThanOrEqual(width - padding + 1e-9);
    expect(c.y).toBeGreaterThanOrEqual(padding - 1e-9);
    expect(c.y).toBeLessThanOrEqual(height - padding + 1e-9);
  }
  // The width is the binding side: the cluster spans the canvas from padding to padding.
  expect(corners[1]!.x - corners[0]!.x).toBeCloseTo(width - 2 * padding, 6);
  // Centred both ways.
  expect((corners[0]!.x + corners[1]!.x) / 2).toBeCloseTo(width / 2, 6);
  expect((corners[0]!.y + corners[1]!.y) / 2).toBeCloseTo(height / 2, 6);
  expect(boundsOf([])).toBeNull();
  expect(fitTransform(null, 800, 600, 20)).toEqual({ k: 1, x: 400, y: 300 });
  // A lone node is not blown up to fill the canvas.
  const tiny = fitTransform(boundsOf([{ x: 0, y: 0, r: 3 }])!, 800, 600, 20);
  expect(tiny.k).toBeLessThan(10);
});

test('zooming keeps the point under the pointer still, within bounds; keepInView pans a point back onto the canvas', () => {
  const t = { k: 1.5, x: 40, y: -20 };
  const point = { x: 310, y: 220 };
  const world = toWorld(t, point.x, point.y);
  const zoomed = zoomAt(t, 2, point.x, point.y);
  expect(zoomed.k).toBe(3);
  const back = toScreen(zoomed, world.x, world.y);
  expect(back.x).toBeCloseTo(point.x, 9);
  expect(back.y).toBeCloseTo(point.y, 9);
  expect(zoomAt(t, 1e6, 0, 0).k).toBe(MAX_ZOOM);
  expect(zoomAt(t, 1e-6, 0, 0).k).toBe(MIN_ZOOM);
  const moved = keepInView({ k: 1, x: 0, y: 0 }, -50, 700, 800, 600, 30);
  expect(toScreen(moved, -50, 700)).toEqual({ x: 30, y: 570 });
  expect(keepInView({ k: 1, x: 5, y: 5 }, 100, 100, 800, 600, 30)).toEqual({ k: 1, x: 5, y: 5 });
});

test('labels: first come first placed, none overlapping, none off the canvas; a label that does not fit on the right goes left', () => {
  const area = { width: 400, height: 300 };
  const candidates = [
    { id: 'big', x: 100, y: 100, r: 10, width: 80 },
    // Its label would sit on big's, on either side: dropped.
    { id: 'clash', x: 150, y: 100, r: 4, width: 60 },
    // Too near the right edge for a label on its right: placed on its left.
    { id: 'edge', x: 380, y: 200, r: 5, width: 70 },
    // Too near the top for any label.
    { id: 'top', x: 200, y: 4, r: 3, width: 20 },
    { id: 'far', x: 100, y: 250, r: 4, width: 50 },
    { id: 'big', x: 300, y: 50, r: 4, width: 50 },
  ];
  const placed = chooseLabels(candidates, area, 16, 10);
  expect(placed.map((p) => p.id)).toEqual(['big', 'edge', 'far']);
  expect(placed.find((p) => p.id === 'edge')!.x).toBe(380 - 5 - 3 - 70);
  for (const [i, a] of placed.entries()) {
    expect(a.x).toBeGreaterThanOrEqual(0);
    expect(a.x + a.width).toBeLessThanOrEqual(area.width);
    for (const b of placed.slice(i + 1)) {
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || Math.abs(a.y - b.y) >= 16;
      expect(apart, `${a.id} and ${b.id} overlap`).toBe(true);
    }
  }
  expect(chooseLabels(candidates, area, 16, 1).map((p) => p.id)).toEqual(['big']);
  // A crowd of dots on one spot: one label, never a pile of them.
  const crowd = Array.from({ length: 50 }, (_, i) => ({ id: `n${i}`, x: 200 + (i % 3), y: 150 + (i % 4), r: 3, width: 40 }));
  expect(chooseLabels(crowd, area, 16, 100).length).toBeLessThanOrEqual(2);
});

test('neighbours both ways round; arrow keys lead to the nearest node ahead, straight ahead before aside', () => {
  const sets = neighbourSets([
    { source: 's:a', target: 'c:x' },
    { source: 's:a', target: 'c:y' },
    { source: 's:b', target: 'c:x' },
  ]);
  expect([...sets.get('s:a')!].sort()).toEqual(['c:x', 'c:y']);
  expect([...sets.get('c:x')!].sort()).toEqual(['s:a', 's:b']);
  expect(sets.get('s:none')).toBeUndefined();
  const nodes = [
    { id: 'centre', x: 0, y: 0 },
    { id: 'right', x: 100, y: 0 },
    { id: 'nearAside', x: 40, y: 35 },
    { id: 'down', x: 5, y: 80 },
    { id: 'left', x: -60, y: 10 },
  ];
  const from = nodes[0]!;
  expect(nodeInDirection(from, nodes, 'right')).toBe('right');
  // Straight ahead and farther beats nearer but as far aside as ahead.
  expect(nodeInDirection(from, nodes, 'down')).toBe('down');
  expect(nodeInDirection({ id: 'probe', x: 40, y: -10 }, nodes, 'down')).toBe('nearAside');
  expect(nodeInDirection(from, nodes, 'left')).toBe('left');
  expect(nodeInDirection(from, nodes, 'up')).toBeNull();
  expect(nodeInDirection(nodes[1]!, nodes, 'right')).toBeNull();
  expect(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Enter'].map(directionOf)).toEqual(['left', 'right', 'up', 'down', null]);
});

test("the list view's rows: every site × organisation under the filter, beyond the graph's dozen lines per site", () => {
  const observer = (i: number, jurisdiction: string | null) => ({
    key: `d:o${i}.example`,
    name: `o${i}.example`,
    known: false,
    parent: null,
    jurisdiction,
    prism: false,
  });
  const site = {
    site: 'a.example',
    visits: 10,
    usObservers: 7,
    requests: 0,
    thirdPartyRequests: 0,
    usShare: null,
    observers: Array.from({ length: 14 }, (_, i) => ({ ...observer(i, i % 2 ? 'US' : 'FR'), visits: 14 - i })),
  };
  const observers = Array.from({ length: 14 }, (_, i) => ({
    ...observer(i, i % 2 ? 'US' : 'FR'),
    visits: 14 - i,
    sites: 1,
    siteShare: 1,
    categories: i === 3 ? ['advertising'] : [],
  }));
  // Two sites with the same fourteen: the graph draws each site's dozen and the last two by one line each.
  const sites = [site, { ...site, site: 'b.example' }];
  const all = graphPairs(sites, observers, { bloc: 'all', category: 'all' });
  expect(all).toHaveLength(28);
  expect(graphOf(sites, observers, { bloc: 'all', category: 'all' }).links).toHaveLength(26);
  expect(all[1]).toEqual({
    site: 'a.example',
    company: 'd:o1.example',
    name: 'o1.example',
    known: false,
    jurisdiction: 'US',
    bloc: 'us',
    visits: 13,
  });
  expect(graphPairs(sites, observers, { bloc: 'us', category: 'all' }).map((p) => p.company)).toHaveLength(14);
  expect(graphPairs(sites, observers, { bloc: 'all', category: 'advertising' }).map((p) => `${p.site} ${p.company}`)).toEqual([
    'a.example d:o3.example',
    'b.example d:o3.example',
  ]);
});

/** WCAG contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

test("each law's dots stand out from the page in both themes; a faded dot is its colour mixed into the background", () => {
  // The backgrounds of extension/styles/common.css, light and dark.
  for (const [dark, background] of [
    [false, '#ffffff'],
    [true, '#16191d'],
  ] as const) {
    for (const [bloc, colour] of Object.entries(blocColours(dark))) {
      expect(contrast(colour, background), `${bloc} on ${background}`).toBeGreaterThanOrEqual(3);
    }
  }
  expect(mix('#ff0000', '#000000', 0.5)).toBe('#800000');
  expect(mix('#1b1f24', '#ffffff', 1)).toBe('#1b1f24');
  expect(mix('#1b1f24', '#ffffff', 0)).toBe('#ffffff');
  expect(mix('rgb(1, 2, 3)', '#ffffff', 0.3)).toBe('rgb(1, 2, 3)');
});
