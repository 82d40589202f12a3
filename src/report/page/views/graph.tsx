import { useRef, useState } from 'preact/hooks';
import type { Bloc } from '../../../classify/country-groups.js';
import { graphOf, graphPairs, type GraphFilter } from '../../aggregate/graph.js';
import { counted, t } from '../../components/i18n.js';
import { GraphList } from '../graph/graph-list.js';
import { GraphPanel } from '../graph/graph-panel.js';
import { GraphStage } from '../graph/graph-stage.js';
import type { ReportData } from '../use-report-data.js';
import '../graph/graph.css';

const BLOCS: (Bloc | 'all')[] = ['all', 'us', 'eu', 'other', 'unknown'];
type Mode = 'graph' | 'list';

/**
 * Sites and the organisations they sent the reader to: a force-laid graph to explore with
 * the pointer or the keyboard (a node's panel says who it talked to), or the same facts as a table.
 */
export function GraphView({ data }: { data: ReportData }) {
  const [filter, setFilter] = useState<GraphFilter>({ bloc: 'all', category: 'all' });
  const [mode, setMode] = useState<Mode>('graph');
  const [opened, setOpened] = useState<string | null>(null);
  const nodesRef = useRef<HTMLDivElement>(null);
  const graph = graphOf(data.sites, data.exposure.observers, filter);
  const categories = [...new Set(data.exposure.observers.flatMap((o) => o.categories))].sort();
  const key = `${JSON.stringify(filter)}|${graph.nodes.length}|${graph.links.length}|${data.range.from}`;
  const openedNode = graph.nodes.find((n) => n.id === opened) ?? null;
  const sites = graph.nodes.filter((n) => n.kind === 'site').length;
  const close = () => {
    if (!opened) return;
    setOpened(null);
    nodesRef.current?.focus();
  };
  return (
    <section aria-labelledby="graph-heading" data-testid="graph-view" data-mode={mode}>
      <h2 id="graph-heading">{t('viewGraph')}</h2>
      <p>{t('graphIntro')}</p>
      <div class="graph-filters">
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
        </label>
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
        <span class="graph-mode" role="group" aria-label={t('graphShowAs')}>
          {(['graph', 'list'] as const).map((m) => (
            <button key={m} type="button" data-testid={`graph-mode-${m}`} aria-pressed={mode === m} onClick={() => setMode(m)}>
              {t(m === 'graph' ? 'graphModeGraph' : 'graphModeList')}
            </button>
          ))}
        </span>
      </div>
      {mode === 'list' ? (
        <GraphList pairs={graphPairs(data.sites, data.exposure.observers, filter)} />
      ) : (
        <div class={openedNode ? 'graph-layout has-panel' : 'graph-layout'}>
          <GraphStage
            graph={graph}
            graphKey={key}
            label={t('graphLabel', counted('siteCount', sites), counted('organisationCount', graph.nodes.length - sites))}
            opened={openedNode?.id ?? null}
            onOpen={setOpened}
            onClose={close}
            nodesRef={nodesRef}
          />
          {openedNode && <GraphPanel data={data} node={openedNode} onClose={close} />}
        </div>
      )}
    </section>
  );
}
