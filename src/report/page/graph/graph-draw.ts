/** Drawing the graph on its canvas: lines, dots by colour, the highlighted node's links, labels and the focus ring. */
import type { SimulationLinkDatum, SimulationNodeDatum } from 'd3-force';
import type { Bloc } from '../../../classify/country-groups.js';
import type { GraphNode } from '../../aggregate/graph.js';
import type { Transform } from './graph-geometry.js';
import type { PlacedLabel } from './graph-labels.js';

export type LaidNode = GraphNode & SimulationNodeDatum & { r: number };
export type LaidLink = SimulationLinkDatum<LaidNode> & { visits: number };

/** Colours of the page's theme (its CSS variables), and of each law's dots in that theme. */
export interface Palette {
  fg: string;
  bg: string;
  line: string;
  accent: string;
  blocs: Record<Bloc, string>;
}

// Dots are no text: 3:1 against the page's background is their bar, in either theme.
const LIGHT_BLOCS: Record<Bloc, string> = { us: '#c62828', eu: '#1f5fa8', other: '#8a6800', unknown: '#6e7781' };
const DARK_BLOCS: Record<Bloc, string> = { us: '#ff8a80', eu: '#7db4f0', other: '#e0b84a', unknown: '#9aa4ae' };

/** The colour of each law's dots in the light or the dark theme. */
export const blocColours = (dark: boolean): Record<Bloc, string> => (dark ? DARK_BLOCS : LIGHT_BLOCS);

export function paletteOf(element: Element, dark: boolean): Palette {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    fg: read('--fg', dark ? '#e6e8eb' : '#1b1f24'),
    bg: read('--bg', dark ? '#16191d' : '#ffffff'),
    line: read('--line', dark ? '#3a4149' : '#d0d7de'),
    accent: read('--accent', dark ? '#7db4f0' : '#164e8c'),
    blocs: blocColours(dark),
  };
}

export interface Scene {
  width: number;
  height: number;
  /** device pixels per CSS pixel */
  ratio: number;
  transform: Transform;
  palette: Palette;
  nodes: readonly LaidNode[];
  links: readonly LaidLink[];
  /** the node hovered or focused, and its neighbours: drawn in full, the rest faded */
  highlight: { id: string; neighbours: ReadonlySet<string> } | null;
  /** the node with the keyboard focus: ringed */
  focused: LaidNode | null;
  labels: readonly PlacedLabel[];
  labelOf: (id: string) => string;
}

/** `colour` (#rrggbb) with `share` of it kept over `background`; any other notation is kept as it is. */
export function mix(colour: string, background: string, share: number): string {
  const rgb = (hex: string) => (/^#[0-9a-f]{6}$/i.test(hex) ? [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) : null);
  const a = rgb(colour);
  const b = rgb(background);
  if (!a || !b) return colour;
  return `#${a
    .map((v, i) =>
      Math.round(v * share + b[i]! * (1 - share))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

export const LABEL_FONT = '12px system-ui, sans-serif';

/**
 * A dot's radius on the screen: never below 2 px, however far out the view is zoomed, and
 * growing only a little when zoomed in, where the space between dots is what the reader wants.
 */
export const screenRadius = (node: LaidNode, k: number) => Math.max(2, node.r * Math.min(k, 1.5));

export function drawScene(context: CanvasRenderingContext2D, scene: Scene): void {
  const { transform: t, palette, highlight } = scene;
  const sx = (n: LaidNode) => n.x! * t.k + t.x;
  const sy = (n: LaidNode) => n.y! * t.k + t.y;
  context.setTransform(scene.ratio, 0, 0, scene.ratio, 0, 0);
  context.clearRect(0, 0, scene.width, scene.height);
  const lit = (n: LaidNode) => !highlight || n.id === highlight.id || highlight.neighbours.has(n.id);
  // Faded by opaque colours mixed with the background: a translucent dot would let the
  // lines under it show through, and a faded dot must still hide what lies beneath it.
  const faded = (colour: string) => (highlight ? mix(colour, palette.bg, 0.3) : colour);
  context.strokeStyle = faded(palette.line);
  context.lineWidth = 1;
  context.beginPath();
  for (const link of scene.links) {
    const s = link.source as LaidNode;
    const e = link.target as LaidNode;
    context.moveTo(sx(s), sy(s));
    context.lineTo(sx(e), sy(e));
  }
  context.stroke();
  if (highlight) {
    context.strokeStyle = palette.accent;
    context.lineWidth = 2;
    context.beginPath();
    for (const link of scene.links) {
      const s = link.source as LaidNode;
      const e = link.target as LaidNode;
      if (s.id !== highlight.id && e.id !== highlight.id) continue;
      context.moveTo(sx(s), sy(s));
      context.lineTo(sx(e), sy(e));
    }
    context.stroke();
  }
  // One path per colour and brightness: a frame fills a handful of paths, not one per node.
  const groups = new Map<string, LaidNode[]>();
  for (const node of scene.nodes) {
    const fill = node.kind === 'site' ? palette.fg : palette.blocs[node.bloc ?? 'unknown'];
    const key = lit(node) ? fill : faded(fill);
    const group = groups.get(key);
    if (group) group.push(node);
    else groups.set(key, [node]);
  }
  for (const [fill, group] of groups) {
    context.fillStyle = fill;
    context.beginPath();
    for (const node of group) {
      const r = screenRadius(node, t.k);
      context.moveTo(sx(node) + r, sy(node));
      context.arc(sx(node), sy(node), r, 0, Math.PI * 2);
    }
    context.fill();
  }
  if (scene.focused) {
    const n = scene.focused;
    context.strokeStyle = palette.accent;
    context.lineWidth = 3;
    context.beginPath();
    context.arc(sx(n), sy(n), screenRadius(n, t.k) + 4, 0, Math.PI * 2);
    context.stroke();
  }
  context.font = LABEL_FONT;
  context.textBaseline = 'middle';
  context.lineJoin = 'round';
  context.lineWidth = 3;
  context.strokeStyle = palette.bg;
  context.fillStyle = palette.fg;
  for (const label of scene.labels) {
    const text = scene.labelOf(label.id);
    // A halo of the background colour keeps a label readable over the lines it crosses.
    context.strokeText(text, label.x, label.y);
    context.fillText(text, label.x, label.y);
  }
}
