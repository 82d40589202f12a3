import { useEffect, useRef } from 'preact/hooks';
import type { GraphNode } from '../../aggregate/graph.js';
import { OwnerBadges } from '../../components/badges.js';
import { format } from '../../components/format.js';
import { counted, t } from '../../components/i18n.js';
import type { ReportData } from '../use-report-data.js';
import { hashInPeriod } from '../use-route.js';

interface PanelProps {
  data: ReportData;
  node: GraphNode;
  onClose(): void;
}

/** A site's panel: which organisations it sent the reader to, and under which law each stands. */
function SiteFacts({ data, site }: { data: ReportData; site: string }) {
  const f = format();
  const row = data.sites.find((s) => s.site === site);
  if (!row) return <p class="empty">{t('notInPeriod')}</p>;
  return (
    <>
      <p>{counted('pageVisitCount', row.visits)}</p>
      <h4>{t('siteObservers')}</h4>
      <ul class="graph-panel-list" data-testid="graph-panel-items">
        {row.observers.map((o) => (
          <li key={o.key} data-item={o.key}>
            <a href={hashInPeriod('companies', o.key)}>
              <bdi>{o.known ? o.name : t('unknownOwner', o.name)}</bdi>
            </a>{' '}
            <OwnerBadges jurisdiction={o.jurisdiction} prism={o.prism} />{' '}
            <span class="muted">{o.jurisdiction ? t('underLawOf', f.country(o.jurisdiction)) : t('lawUnknown')}</span>
          </li>
        ))}
      </ul>
      <p>
        <a href={hashInPeriod('sites', site)} data-testid="graph-panel-page">
          {t('graphOpenSite')}
        </a>
      </p>
    </>
  );
}

/** An organisation's panel: whose law it answers to, and on which sites it saw the reader. */
function CompanyFacts({ data, company }: { data: ReportData; company: string }) {
  const f = format();
  const o = data.exposure.observers.find((x) => x.key === company);
  if (!o) return <p class="empty">{t('notInPeriod')}</p>;
  const sites = data.sites
    .map((s) => ({ site: s.site, visits: s.observers.find((x) => x.key === company)?.visits ?? 0, total: s.visits }))
    .filter((s) => s.visits > 0)
    .sort((a, b) => b.visits - a.visits || a.site.localeCompare(b.site));
  return (
    <>
      <p>
        {o.jurisdiction ? t('answersTo', f.country(o.jurisdiction)) : t('jurisdictionUnknown')}{' '}
        <OwnerBadges jurisdiction={o.jurisdiction} prism={o.prism} categories={o.categories} />
      </p>
      <h4>{t('companySites')}</h4>
      <ul class="graph-panel-list" data-testid="graph-panel-items">
        {sites.map((s) => (
          <li key={s.site} data-item={s.site}>
            <a href={hashInPeriod('sites', s.site)}>{s.site}</a>{' '}
            <span class="muted">{t('visitsOf', f.number(s.visits), counted('pageVisitCount', s.total))}</span>
          </li>
        ))}
      </ul>
      <p>
        <a href={hashInPeriod('companies', company)} data-testid="graph-panel-page">
          {t('graphOpenCompany')}
        </a>
      </p>
    </>
  );
}

/** The panel of the node clicked or opened with Enter; it takes the focus, and Escape closes it. */
export function GraphPanel({ data, node, onClose }: PanelProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [node.id]);
  return (
    <section
      class="graph-panel"
      aria-labelledby="graph-panel-heading"
      data-testid="graph-panel"
      data-node={node.id}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        onClose();
      }}
    >
      <div class="graph-panel-head">
        <h3 id="graph-panel-heading" tabIndex={-1} ref={heading}>
          <bdi>{node.label}</bdi>
        </h3>
        <button type="button" data-testid="graph-panel-close" onClick={onClose}>
          {t('graphPanelClose')}
        </button>
      </div>
      {node.kind === 'site' ? <SiteFacts data={data} site={node.label} /> : <CompanyFacts data={data} company={node.id} />}
    </section>
  );
}
