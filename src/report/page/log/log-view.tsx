/**
 * The request log (#/log): every request of the period, or of one site's pages in it
 * (item=<site>) or of one page visit (item=visit:<id>), live, filterable by party, company,
 * law, tracker, outcome and host, each with the frame that sent it shown by its origin.
 */
import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { uiLanguage } from '../../../shared/browser.js';
import { t } from '../../components/i18n.js';
import { localeNumbers } from '../../components/locale-numbers.js';
import type { LogScope } from '../../../store/request-log.js';
import { rangeOf, formatPeriod } from '../report-period.js';
import { routeHash, type Route } from '../use-route.js';
import { LogFilterControls } from './log-filters.js';
import { companiesOf, filtering, frameSources, matching, NO_FILTERS, type LogFilters } from './log-model.js';
import { logColumns, rowsOf } from './log-row.js';
import { useRequestLog } from './use-request-log.js';
import { VirtualGrid } from './virtual-grid.js';
import './log.css';

function scopeOf(route: Route, now: number): LogScope {
  const visit = /^visit:(\d+)$/.exec(route.item ?? '');
  if (visit) return { visit: Number(visit[1]) };
  const { from, to } = rangeOf(route.period, now);
  return route.item ? { from, to, site: route.item } : { from, to };
}

/** For the benchmark (test/bench/log-open.bench.ts): the first rows shown, and the whole scope read, once a page. */
const marked = { rows: false, read: false };

export function LogView({ route }: { route: Route }) {
  const scopeKey = `${formatPeriod(route.period)}|${route.item ?? ''}`;
  const scope = useMemo(() => scopeOf(route, Date.now()), [scopeKey]);
  const log = useRequestLog(scope, scopeKey);
  const [filters, setFilters] = useState<LogFilters>(NO_FILTERS);
  const numbers = useMemo(() => localeNumbers(uiLanguage()), []);
  const times = useMemo(
    () =>
      new Intl.DateTimeFormat(uiLanguage(), {
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      }),
    [],
  );
  const { entries, hosts, visits, revision } = log;
  const kept = useMemo(() => matching(entries, hosts, filters), [revision, filters]);
  const companies = useMemo(() => companiesOf(entries, hosts), [revision]);
  const frames = useMemo(() => frameSources(entries), [revision]);

  useLayoutEffect(() => {
    if (!marked.rows && entries.length > 0) {
      marked.rows = true;
      performance.mark('upstream:log-rows', { detail: { rows: entries.length } });
    }
    if (!marked.read && !log.loading) {
      marked.read = true;
      performance.mark('upstream:log-read', { detail: { rows: entries.length } });
    }
  }, [revision]);

  const columns = useMemo(logColumns, []);
  const row = useMemo(() => rowsOf({ entries, kept, hosts, visits, frames, times }), [kept, frames, times]);

  const total = entries.length;
  const shown = kept.length;
  const status = log.loading
    ? t(numbers.messageName('logReading', total), numbers.number(total))
    : filtering(filters)
      ? t(numbers.messageName('logCountFiltered', total), numbers.number(shown), numbers.number(total))
      : t(numbers.messageName('logCount', total), numbers.number(total));
  const item = route.item;
  return (
    <section aria-labelledby="log-heading" class="log" data-testid="log" data-state={log.loading ? 'loading' : 'ready'}>
      {item && (
        <p>
          <a href={routeHash({ ...route, item: undefined })}>{t('logAllRequests')}</a>
        </p>
      )}
      <h2 id="log-heading">{item && !item.startsWith('visit:') ? t('logHeadingSite', item) : t('viewLog')}</h2>
      <p class="lead">{t('logIntro')}</p>
      <LogFilterControls filters={filters} companies={companies} numbers={numbers} onChange={setFilters} />
      <p role="status" class="log-status" data-testid="log-status" data-total={total} data-shown={shown}>
        {status}
      </p>
      {!log.loading && total === 0 ? (
        <p class="empty">{t('logEmpty')}</p>
      ) : (
        <VirtualGrid columns={columns} count={shown} row={row} labelledBy="log-heading" testId="log-grid" />
      )}
    </section>
  );
}
