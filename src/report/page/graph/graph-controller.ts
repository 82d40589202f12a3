/**
 * The live graph on its canvas: the force layout, the view (fitted to the canvas until the
 * reader zooms or pans), dragging a node, hit-testing the pointer, and one drawing per frame.
 * The preact component (graph-stage.tsx) owns the DOM around it and the keyboard.
 */
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type Simulation } from 'd3-force';
import type { GraphLink, GraphNode } from '../../aggregate/graph.js';
import { boundsOf, fitTransform, keepInView, toWorld, zoomAt, panBy, type Transform } from './graph-geometry.js';
import { chooseLabels, type LabelCandidate } from './graph-labels.js';
import { neighbourSets } from './graph-neighbours.js';
import { drawScene, LABEL_FONT, paletteOf, screenRadius, type LaidLink, type LaidNode, type Palette } from './graph-draw.js';

const radius = (n: GraphNode) => Math.min(18, 2.5 + Math.sqrt(n.weight));
/** Room left around the fitted graph, in pixels, for the labels of its outer dots. */
const PADDING = 24;
const LINE_HEIGHT = 16;
/** At most this many labels at once, tried among at most this many candidates a frame. */
const MAX_LABELS = 60;
const MAX_TRIED = 600;

export interface ControllerEvents {
  /** the layout came to rest (again, after a drag) */
  settled(frames: number, seconds: number): void;
  /** the layout moves again (a node is dragged) */
  restarted(): void;
  /** the view moved (zoom, pan, fit) */
  viewed(transform: Transform): void;
}

export class GraphController {
  readonly nodes: LaidNode[];
  readonly byId: Map<string, LaidNode>;
  readonly neighbours: Map<string, Set<string>>;
  private readonly links: LaidLink[];
  /** largest first: the order labels are tried in, and Home/End walk */
  readonly byWeight: LaidNode[];
  private readonly simulation: Simulation<LaidNode, LaidLink>;
  private readonly widths = new Map<string, number>();
  private transform: Transform = { k: 1, x: 0, y: 0 };
  /** true until the reader zooms, pans or drags: the view follows the layout as it spreads */
  private fitted = true;
  private width = 1;
  private height = 1;
  private ratio = 1;
  private scheme: MediaQueryList | null = null;
  private palette: { dark: boolean; colours: Palette } | null = null;
  private hovered: string | null = null;
  private focused: string | null = null;
  private pending = false;
  private frames = 0;
  private started = performance.now();
  settled = false;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    graph: { nodes: GraphNode[]; links: GraphLink[] },
    private readonly events: ControllerEvents,
  ) {
    this.nodes = graph.nodes.map((n) => ({ ...n, r: radius(n) }));
    this.links = graph.links.map((l) => ({ ...l }));
    this.byId = new Map(this.nodes.map((n) => [n.id, n]));
    this.neighbours = neighbourSets(graph.links);
    this.byWeight = [...this.nodes].sort((a, b) => b.weight - a.weight || a.label.localeCompare(b.label));
    this.simulation = forceSimulation(this.nodes)
      .force(
        'link',
        forceLink<LaidNode, LaidLink>(this.links)
          .id((n) => n.id)
          .distance(40)
          .strength(0.2),
      )
      .force('charge', forceManyBody<LaidNode>().strength(-25).theta(0.9).distanceMax(300))
      .force(
        'collide',
        forceCollide<LaidNode>().radius((n) => n.r + 1),
      )
      // A gentle pull to the middle keeps the pieces that share no link near the rest, so that
      // fitting the view to the canvas does not shrink the main cluster to a corner.
      .force('x', forceX<LaidNode>(0).strength(0.04))
      .force('y', forceY<LaidNode>(0).strength(0.06))
      .on('tick', () => this.requestDraw())
      .on('end', () => {
        this.settled = true;
        this.events.settled(this.frames, (performance.now() - this.started) / 1000);
      });
  }

  stop(): void {
    this.simulation.stop();
  }

  resize(width: number, height: number, ratio: number): void {
    this.width = width;
    this.height = height;
    this.ratio = ratio;
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.requestDraw();
  }

  /**
   * Follows the page's theme: colours from its CSS variables, read again at any frame where the
   * query's answer changed (its 'change' event comes a frame after `matches` did), and at once on that event.
   */
  followTheme(scheme: MediaQueryList): () => void {
    this.scheme = scheme;
    const repaint = () => this.requestDraw();
    scheme.addEventListener('change', repaint);
    this.requestDraw();
    return () => scheme.removeEventListener('change', repaint);
  }

  setHovered(id: string | null): void {
    this.hovered = id;
    this.requestDraw();
  }

  setFocused(id: string | null): void {
    this.focused = id;
    this.requestDraw();
  }

  view(): Transform {
    return this.transform;
  }

  zoomBy(factor: number, px = this.width / 2, py = this.height / 2): void {
    this.setView(zoomAt(this.transform, factor, px, py));
  }

  panBy(dx: number, dy: number): void {
    this.setView(panBy(this.transform, dx, dy));
  }

  /** Back to the whole graph, fitted to the canvas, following the layout again. */
  fit(): void {
    this.fitted = true;
    this.transform = this.fittedView();
    this.events.viewed(this.transform);
    this.requestDraw();
  }

  /** Pans the node into view (the keyboard moved to it). */
  reveal(id: string): void {
    const n = this.byId.get(id);
    if (!n) return;
    const { x, y } = this.screenOf(n);
    const moved = keepInView(this.transform, x, y, this.width, this.height, PADDING + n.r);
    if (moved.x !== this.transform.x || moved.y !== this.transform.y) this.setView(moved);
  }

  screenOf(n: LaidNode): { x: number; y: number } {
    return { x: n.x! * this.transform.k + this.transform.x, y: n.y! * this.transform.k + this.transform.y };
  }

  /** The node under the pointer (the nearest, with a few pixels' grace for small dots). */
  nodeAt(px: number, py: number): LaidNode | null {
    let best: LaidNode | null = null;
    let bestDistance = Infinity;
    for (const n of this.nodes) {
      const { x, y } = this.screenOf(n);
      const distance = Math.hypot(px - x, py - y);
      if (distance <= screenRadius(n, this.transform.k) + 4 && distance < bestDistance) {
        best = n;
        bestDistance = distance;
      }
    }
    return best;
  }

  dragStart(n: LaidNode): void {
    this.fitted = false;
    n.fx = n.x;
    n.fy = n.y;
    this.settled = false;
    this.events.restarted();
    this.simulation.alphaTarget(0.3).restart();
  }

  dragTo(n: LaidNode, px: number, py: number): void {
    const world = toWorld(this.transform, px, py);
    n.fx = world.x;
    n.fy = world.y;
  }

  /** A dropped node stays where the reader put it (fixed), while the rest settle around it. */
  dragEnd(): void {
    this.simulation.alphaTarget(0);
  }

  private setView(t: Transform): void {
    this.fitted = false;
    this.transform = t;
    this.events.viewed(t);
    this.requestDraw();
  }

  private fittedView(): Transform {
    return fitTransform(boundsOf(this.nodes), this.width, this.height, PADDING);
  }

  /** Draws at most once per frame, however fast the layout ticks. */
  requestDraw(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.frames++;
      this.draw();
    });
  }

  private draw(): void {
    const context = this.canvas.getContext('2d');
    if (!context || !this.scheme) return;
    const dark = this.scheme.matches;
    if (this.palette?.dark !== dark) this.palette = { dark, colours: paletteOf(this.canvas, dark) };
    if (this.fitted) {
      const next = this.fittedView();
      if (next.k !== this.transform.k || next.x !== this.transform.x || next.y !== this.transform.y) {
        this.transform = next;
        this.events.viewed(next);
      }
    }
    const lit = this.hovered ?? this.focused;
    const highlight = lit ? { id: lit, neighbours: this.neighbours.get(lit) ?? new Set<string>() } : null;
    context.font = LABEL_FONT;
    const labels = chooseLabels(this.labelCandidates(context, lit), { width: this.width, height: this.height }, LINE_HEIGHT, MAX_LABELS);
    drawScene(context, {
      width: this.width,
      height: this.height,
      ratio: this.ratio,
      transform: this.transform,
      palette: this.palette.colours,
      nodes: this.nodes,
      links: this.links,
      highlight,
      focused: this.focused ? (this.byId.get(this.focused) ?? null) : null,
      labels,
      labelOf: (id) => this.byId.get(id)?.label ?? '',
    });
  }

  /** The node pointed at or focused, its neighbours, then every node largest first: the ones on the canvas. */
  private *labelCandidates(context: CanvasRenderingContext2D, lit: string | null): Generator<LabelCandidate> {
    const first = [this.focused, lit, ...(lit ? (this.neighbours.get(lit) ?? []) : [])].flatMap((id) => {
      const n = id ? this.byId.get(id) : undefined;
      return n ? [n] : [];
    });
    let tried = 0;
    for (const list of [first, this.byWeight])
      for (const n of list) {
        if (tried++ > MAX_TRIED) return;
        const { x, y } = this.screenOf(n);
        if (x < 0 || y < 0 || x > this.width || y > this.height) continue;
        let width = this.widths.get(n.id);
        if (width === undefined) this.widths.set(n.id, (width = context.measureText(n.label).width));
        yield { id: n.id, x, y, r: screenRadius(n, this.transform.k), width };
      }
  }
}
