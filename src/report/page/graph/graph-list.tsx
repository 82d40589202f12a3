import type { GraphPair } from '../../aggregate/graph.js';
import { format } from '../../components/format.js';
import { t } from '../../components/i18n.js';
import { SortableTable, type Column } from '../../components/sortable-table.js';
import { hashInPeriod } from '../use-route.js';

/** The graph's facts as a table: each site with each organisation present on it, and that organisation's law. */
export function GraphList({ pairs }: { pairs: GraphPair[] }) {
  const f = format();
  const columns: Column<GraphPair>[] = [
    { key: 'site', label: t('colSite'), value: (p) => p.site, render: (p) => <a href={hashInPeriod('sites', p.site)}>{p.site}</a> },
    {
      key: 'company',
      label: t('colCompany'),
      value: (p) => p.name,
      render: (p) => (
        <a href={hashInPeriod('companies', p.company)}>
          <bdi>{p.known ? p.name : t('unknownOwner', p.name)}</bdi>
        </a>
      ),
    },
    {
      key: 'law',
      label: t('colJurisdiction'),
      value: (p) => `${p.bloc} ${p.jurisdiction ?? ''}`,
      render: (p) => (p.jurisdiction ? `${f.country(p.jurisdiction)} (${t(`bloc_${p.bloc}`)})` : t(`bloc_${p.bloc}`)),
    },
    { key: 'visits', label: t('colVisits'), value: (p) => p.visits, numeric: true, render: (p) => f.number(p.visits) },
  ];
  return (
    <div class="graph-list">
      <SortableTable
        caption={t('graphListCaption')}
        columns={columns}
        rows={pairs}
        rowKey={(p) => `${p.site}\n${p.company}`}
        initialSort="visits"
        testId="graph-list"
      />
    </div>
  );
}
