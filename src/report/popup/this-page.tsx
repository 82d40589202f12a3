import { useEffect } from 'preact/hooks';
import { openDb } from '../../store/db.js';
import { pageRows, visitOfTab } from '../../store/queries.js';
import { summarisePage } from '../aggregate/page-summary.js';
import { t } from '../components/i18n.js';
import { useLiveQuery } from '../use-live-query.js';
import { PageVerdict } from './page-verdict.js';
import type { ShownTab } from './use-shown-tab.js';

/** What the page in the tab sent where, updated live while it keeps loading. */
interface ThisPageProps {
  shown: ShownTab;
  paused: boolean;
  excluded: boolean;
  /** told the site the page is filed under, once known */
  onSite: (site: string | null) => void;
}

export function ThisPage({ shown, paused, excluded, onSite }: ThisPageProps) {
  const tabId = shown.kind === 'web' ? shown.tab.id : -1;
  const host = shown.kind === 'web' ? shown.host : '';
  const summary = useLiveQuery(async () => {
    if (tabId < 0) return null;
    const db = openDb();
    const visit = await visitOfTab(db, tabId, host);
    if (!visit) return null;
    const rows = await pageRows(db, visit);
    return summarisePage(rows.visit, rows.requests, rows.hosts, rows.ips);
  }, [tabId, host]);
  useEffect(() => onSite(summary?.site ?? null), [summary?.site]);

  let body;
  if (shown.kind === 'loading') body = null;
  else if (shown.kind === 'unseen')
    body = (
      <p class="empty" data-empty="unseen">
        {t(shown.private ? 'pagePrivate' : 'pageUnseen')}
      </p>
    );
  else if (excluded)
    body = (
      <p class="empty" data-empty="excluded">
        {t('pageExcluded', shown.host)}
      </p>
    );
  else if (summary === undefined) body = null;
  else if (summary === null)
    body = (
      <p class="empty" data-empty="nothing">
        {t(paused ? 'pageNothingPaused' : 'pageNothing')}
      </p>
    );
  else body = <PageVerdict summary={summary} />;

  return (
    <section
      aria-labelledby="this-page"
      data-testid="this-page"
      data-state={shown.kind === 'loading' || (shown.kind === 'web' && !excluded && summary === undefined) ? 'loading' : 'ready'}
    >
      <h2 id="this-page">{summary ? t('thisPageOf', summary.site) : t('thisPage')}</h2>
      {body}
    </section>
  );
}
