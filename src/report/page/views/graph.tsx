import {
  forceCenter,
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from 'd3-force';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Bloc } from '../../../classify/country-groups.js';
import { graphOf, type GraphFilter, type GraphNode } from '../../aggregate/graph.js';
import { counted, t } from '../../components/i18n.js';
import type { ReportData } from '../use-report-data.js';

type Node = GraphNode & SimulationNodeDatum;
type Link = SimulationLinkDatum<Node> & { visits: number };

const WIDTH = 1000;
const HEIGHT = 700;
const COLOURS: Record<Bloc, string> = { us: '#c62828', eu: '#1f5fa8', other: '#a07800', unknown: '#7a828c' };
const BLOCS: (Bloc | 'all')[] = ['all', 'us', 'eu', 'other', 'unknown'];

const radius = (n: Node) => Math.min(18, 2.5 + Math.sqrt(n.weight));

/** What does not change while the layout moves: each node's fill, and which nodes are labelled. */
interface Paint {
  dark: boolean;
  /** fill colour → its nodes, so that a frame fills one path per colour rather than one per node */
  byFill: Map<string, Node[]>;
  labelled: Node[];
}

function paintOf(nodes: Node[], dark: boolean): Paint {
  const byFill = new Map<string, Node[]>();
  for (const node of nodes) {
    const fill = node.kind === 'site' ? (dark ? '#e6e8eb' : '#1b1f24') : COLOURS[node.bloc ?? 'unknown'];
    byFill.set(fill, [...(byFill.get(fill) ?? []), node]);
  }
  // Labels for the largest nodes only: a thousand labels are unreadable.
  return { dark, byFill, labelled: [...nodes].sort((a, b) => b.weight - a.weight).slice(0, 25) };
}

function draw(canvas: HTMLCanvasElement, links: Link[], paint: Paint): void {
  const { dark } = paint;
  const context = canvas.getContext('2d');
  if (!context) return;
  context.clearRect(0, 0, WIDTH, HEIGHT);
  context.strokeStyle = dark ? 'rgba(200,210,220,0.15)' : 'rgba(40,50,60,0.12)';
  context.lineWidth = 1;
  context.beginPath();
  for (const link of links) {
    const s = link.source as Node;
    const e = link.target as Node;
    context.moveTo(s.x!, s.y!);
    context.lineTo(e.x!, e.y!);
  }
  context.stroke();
  for (const [fill, group] of paint.byFill) {
    context.beginPath();
    context.fillStyle = fill;
    for (const node of group) {
      const r = radius(node);
      context.moveTo(node.x! + r, node.y!);
      context.arc(node.x!, node.y!, r, 0, Math.PI * 2);
    }
    context.fill();
  }
  context.fillStyle = dark ? '#e6e8eb' : '#1b1f24';
  context.font = '11px system-ui, sans-serif';
  for (const node of paint.labelled) context.fillText(node.label, node.x! + radius(node) + 2, node.y! + 4);
}

/**
 * Sites and the organisations they sent the reader to, laid out by force (d3-force) and
 * drawn on a canvas (one path for the lines, one per colour for the nodes), so it stays
 * fluid with hundreds of sites and thousands of organisations.
 * The tables of the other views hold the same facts for screen readers.
 */
export function GraphView({ data }: { data: ReportData }) {
  const [filter, setFilter] = useState<GraphFilter>({ bloc: 'all', category: 'all' });
  const canvas = useRef<HTMLCanvasElement>(null);
  const graph = graphOf(data.sites, data.exposure.observers, filter);
  const categories = [...new Set(data.exposure.observers.flatMap((o) => o.categories))].sort();
  const key = `${JSON.stringify(filter)}|${graph.nodes.length}|${graph.links.length}|${data.range.from}`;
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const nodes: Node[] = graph.nodes.map((n) => ({ ...n }));
    const links: Link[] = graph.links.map((l) => ({ ...l }));
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    let paint = paintOf(nodes, scheme.matches);
    // The theme is read at every frame (the media query's 'change' event comes a frame after
    // `matches` changed), and a change repaints at once, settled or not.
    const frame = () => {
      if (paint.dark !== scheme.matches) paint = paintOf(nodes, scheme.matches);
      draw(element, links, paint);
    };
    const repaint = () => frame();
    scheme.addEventListener('change', repaint);
    let frames = 0;
    let pending = false;
    const started = performance.now();
    element.dataset.settled = 'false';
    const simulation = forceSimulation(nodes)
      .force(
        'link',
        forceLink<Node, Link>(links)
          .id((n) => n.id)
          .distance(40)
          .strength(0.2),
      )
      .force('charge', forceManyBody<Node>().strength(-25).theta(0.9).distanceMax(300))
      .force(
        'collide',
        forceCollide<Node>().radius((n) => radius(n) + 1),
      )
      .force('center', forceCenter(WIDTH / 2, HEIGHT / 2))
      .on('tick', () => {
        // Draw at most once per frame, however fast the layout ticks.
        if (pending) return;
        pending = true;
        requestAnimationFrame(() => {
          pending = false;
          frames++;
          frame();
        });
      })
      .on('end', () => {
        const seconds = (performance.now() - started) / 1000;
        element.dataset.settled = 'true';
        element.dataset.fps = (frames / seconds).toFixed(1);
        performance.mark('upstream:graph-settled', { detail: { frames, seconds } });
      });
    return () => {
      simulation.stop();
      scheme.removeEventListener('change', repaint);
    };
  }, [key]);
  return (
    <section aria-labelledby="graph-heading">
      <h2 id="graph-heading">{t('viewGraph')}</h2>
      <p>{t('graphIntro')}</p>
      <p class="graph-filters">
        <label>
          {t('graphBloc')}{' '}
          <select
            data-testid="graph-bloc"
            value={filter.bloc}
            onChange={(e) => setFilter({ ...filter, bloc: (e.target as HTMLSelectElement).value as GraphFilter['bloc'] })}
          >
            {BLOCS.map((b) => (
              <option key={b} value={b}>
                {t(b === 'all' ? 'graphAll' : `bloc_${b}`)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('graphCategory')}{' '}
          <select
            data-testid="graph-category"
            value={filter.category}
            onChange={(e) => setFilter({ ...filter, category: (e.target as HTMLSelectElement).value })}
          >
            <option value="all">{t('graphAll')}</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {t(`category_${c}`)}
              </option>
            ))}
          </select>
        </label>
      </p>
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        class="graph"
        data-testid="graph"
        data-nodes={graph.nodes.length}
        data-links={graph.links.length}
        data-sites={graph.nodes.filter((n) => n.kind === 'site').length}
        role="img"
        aria-label={t(
          'graphLabel',
          counted('siteCount', graph.nodes.filter((n) => n.kind === 'site').length),
          counted('organisationCount', graph.nodes.filter((n) => n.kind === 'company').length),
        )}
      />
    </section>
  );
}
