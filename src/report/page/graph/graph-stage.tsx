import type { RefObject } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { GraphLink, GraphNode } from '../../aggregate/graph.js';
import { counted, t } from '../../components/i18n.js';
import { GraphController } from './graph-controller.js';
import { directionOf, neighbourSets, nodeInDirection } from './graph-neighbours.js';
import { usePointerGestures } from './use-pointer-gestures.js';

/** Zoom step of the buttons and the + and − keys. */
const STEP = 1.25;

/** A node's accessible name: what it is, and how much it is linked. */
function nodeName(node: GraphNode, links: number): string {
  return node.kind === 'site'
    ? t('graphNodeSite', node.label, counted('pageVisitCount', node.weight), counted('organisationCount', links))
    : t('graphNodeCompany', node.label, t(`bloc_${node.bloc ?? 'unknown'}`), counted('siteCount', links));
}

/** The canvas's size for a stage this wide: flatter on a wide screen, never taller than most screens. */
function heightFor(width: number): number {
  return Math.round(Math.min(Math.max(width * 0.62, 300), 640));
}

interface StageProps {
  graph: { nodes: GraphNode[]; links: GraphLink[] };
  /** changes when the graph does: a new layout */
  graphKey: string;
  label: string;
  /** the node whose panel is open: highlighted while the focus is in the panel */
  opened: string | null;
  onOpen(id: string): void;
  onClose(): void;
  /** the focusable list of nodes, for the view to give the focus back to */
  nodesRef: RefObject<HTMLDivElement | null>;
}

/**
 * The graph drawn on a canvas, with over it a listbox of its nodes (each named for screen
 * readers, one tab stop, the arrow keys moving between nodes as they lie on the screen),
 * zoom buttons, and the pointer gestures: hover, click, drag, wheel, pinch, pan.
 */
export function GraphStage({ graph, graphKey, label, opened, onOpen, onClose, nodesRef }: StageProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const controller = useRef<GraphController | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);
  // Worked out once per graph, not at every hover: a month's graph has thousands of nodes.
  const { neighbours, index, names } = useMemo(() => {
    const sets = neighbourSets(graph.links);
    return {
      neighbours: sets,
      index: new Map(graph.nodes.map((n, i) => [n.id, i])),
      names: graph.nodes.map((n) => nodeName(n, sets.get(n.id)?.size ?? 0)),
    };
  }, [graphKey]);
  const lit = hovered ?? (focused ? active : opened);
  const litNeighbours = lit ? (neighbours.get(lit) ?? new Set<string>()) : new Set<string>();

  useEffect(() => {
    const element = canvas.current;
    const box = stage.current;
    const list = nodesRef.current;
    if (!element || !box || !list) return;
    element.dataset.settled = 'false';
    const publish = () => {
      // Where each node is on the screen, for tests to point at (written once the layout rests).
      const c = controller.current;
      if (!c?.settled) return;
      for (const option of list.children) {
        const node = c.byId.get(option.getAttribute('data-node') ?? '');
        if (!node) continue;
        const { x, y } = c.screenOf(node);
        option.setAttribute('data-x', x.toFixed(1));
        option.setAttribute('data-y', y.toFixed(1));
      }
    };
    const c = new GraphController(element, graph, {
      settled(frames, seconds) {
        element.dataset.settled = 'true';
        element.dataset.fps = (frames / seconds).toFixed(1);
        performance.mark('upstream:graph-settled', { detail: { frames, seconds } });
        publish();
      },
      restarted() {
        element.dataset.settled = 'false';
      },
      viewed(transform) {
        box.dataset.zoom = transform.k.toFixed(4);
        publish();
      },
    });
    controller.current = c;
    const unfollow = c.followTheme(matchMedia('(prefers-color-scheme: dark)'));
    const resize = () => {
      const width = Math.max(box.clientWidth, 1);
      const height = heightFor(width);
      element.style.height = `${height}px`;
      c.resize(width, height, devicePixelRatio || 1);
    };
    resize();
    const observer = new ResizeObserver(resize);
    observer.observe(box);
    return () => {
      c.stop();
      observer.disconnect();
      unfollow();
      controller.current = null;
    };
  }, [graphKey]);

  useEffect(() => controller.current?.setHovered(hovered), [hovered, graphKey]);
  useEffect(() => controller.current?.setFocused(focused ? active : opened), [focused, active, opened, graphKey]);
  useEffect(() => {
    if (active && !index.has(active)) setActive(null);
  }, [graphKey]);

  usePointerGestures(nodesRef, controller, {
    hover: setHovered,
    click: (id) => {
      setActive(id);
      onOpen(id);
    },
  });

  const moveTo = (id: string | undefined | null) => {
    if (!id) return;
    setActive(id);
    controller.current?.reveal(id);
  };
  const keyDown = (e: KeyboardEvent) => {
    const c = controller.current;
    if (!c || e.altKey || e.ctrlKey || e.metaKey) return;
    const direction = directionOf(e.key);
    const from = active ? c.byId.get(active) : undefined;
    if (direction) {
      moveTo(
        from
          ? nodeInDirection(
              { id: from.id, ...c.screenOf(from) },
              c.nodes.map((n) => ({ id: n.id, ...c.screenOf(n) })),
              direction,
            )
          : c.byWeight[0]?.id,
      );
    } else if (e.key === 'PageDown' || e.key === 'PageUp') {
      // Through every node, largest first: the arrows follow the picture, these reach every node.
      const at = c.byWeight.findIndex((n) => n.id === active);
      moveTo(c.byWeight[Math.min(Math.max(at + (e.key === 'PageDown' ? 1 : -1), 0), c.byWeight.length - 1)]?.id);
    } else if (e.key === 'Home') moveTo(c.byWeight[0]?.id);
    else if (e.key === 'End') moveTo(c.byWeight.at(-1)?.id);
    else if ((e.key === 'Enter' || e.key === ' ') && active) onOpen(active);
    else if (e.key === 'Escape') onClose();
    else if (e.key === '+' || e.key === '=') c.zoomBy(STEP);
    else if (e.key === '-' || e.key === '_') c.zoomBy(1 / STEP);
    else if (e.key === '0') c.fit();
    else return;
    e.preventDefault();
  };

  const sites = graph.nodes.filter((n) => n.kind === 'site').length;
  return (
    <div class="graph-stage-wrap">
      <div class="graph-stage" ref={stage} data-testid="graph-stage">
        <canvas
          ref={canvas}
          class="graph"
          aria-hidden="true"
          data-testid="graph"
          data-nodes={graph.nodes.length}
          data-links={graph.links.length}
          data-sites={sites}
        />
        <div
          ref={nodesRef}
          class="graph-nodes"
          role="listbox"
          tabIndex={0}
          aria-label={label}
          aria-describedby="graph-keys"
          aria-activedescendant={active && index.has(active) ? `graph-node-${index.get(active)}` : undefined}
          data-testid="graph-nodes"
          data-active={active ?? ''}
          onKeyDown={keyDown}
          onFocus={() => {
            setFocused(true);
            if (!active || !index.has(active)) moveTo(controller.current?.byWeight[0]?.id);
          }}
          onBlur={() => setFocused(false)}
        >
          {graph.nodes.map((n, i) => (
            <div
              key={n.id}
              id={`graph-node-${i}`}
              role="option"
              class="visually-hidden"
              aria-selected={n.id === active}
              data-node={n.id}
              data-kind={n.kind}
              data-highlight={n.id === lit ? 'self' : litNeighbours.has(n.id) ? 'neighbour' : undefined}
            >
              {names[i]}
            </div>
          ))}
        </div>
      </div>
      <p class="graph-tools">
        <button
          type="button"
          data-testid="graph-zoom-in"
          aria-label={t('graphZoomIn')}
          title={t('graphZoomIn')}
          onClick={() => controller.current?.zoomBy(STEP)}
        >
          +
        </button>
        <button
          type="button"
          data-testid="graph-zoom-out"
          aria-label={t('graphZoomOut')}
          title={t('graphZoomOut')}
          onClick={() => controller.current?.zoomBy(1 / STEP)}
        >
          −
        </button>
        <button type="button" data-testid="graph-fit" onClick={() => controller.current?.fit()}>
          {t('graphFit')}
        </button>
        <span id="graph-keys" class="muted">
          {t('graphKeys')}
        </span>
      </p>
    </div>
  );
}
