import { Fragment } from 'preact';
import type { PageSummary } from '../aggregate/page-summary.js';
import { format } from '../components/format.js';
import { counted, t } from '../components/i18n.js';

/** Organisations named after an operator; the rest are counted. */
const NAMED = 2;

/** Whom an operator hosted: "all of them", or the first names (each isolated: a name may be written right to left) and how many more. */
function Whom({ companies, organisations }: { companies: readonly string[]; organisations: number }) {
  if (companies.length === organisations) return <>{t('hostedAll')}</>;
  const rest = companies.length - NAMED;
  return (
    <>
      {companies.slice(0, NAMED).map((name, i) => (
        <Fragment key={name}>
          {i > 0 && ', '}
          <bdi>{name}</bdi>
        </Fragment>
      ))}
      {rest > 0 && ` ${counted('andMore', rest)}`}
    </>
  );
}

/**
 * Who hosted the page's organisations, on one line: each hosting operator with its law's
 * country code and the organisations it answered for. One line for the page rather than a
 * name in every organisation's chip: on a crowded page those wrapped onto rows the popup
 * does not have (test/e2e/popup-fit.spec.ts); each chip still says its own to screen readers.
 */
export function PageHosts({ summary }: { summary: PageSummary }) {
  const f = format();
  if (summary.hosts.length === 0) return null;
  return (
    <div class="page-facts page-hosts muted" data-testid="page-hosts">
      {t('pageHostedBy')}{' '}
      <ul class="inline-list">
        {summary.hosts.map((h) => (
          <li key={h.operator} data-operator={h.operator} data-jurisdiction={h.jurisdiction ?? ''} data-companies={h.companies.join('|')}>
            <bdi>{h.operator}</bdi>{' '}
            <span class="law" aria-hidden="true">
              {h.jurisdiction ?? '?'}
            </span>
            <span class="visually-hidden"> {h.jurisdiction ? t('underLawOf', f.country(h.jurisdiction)) : t('lawUnknown')}</span> (
            <Whom companies={h.companies} organisations={summary.companies.length} />)
          </li>
        ))}
      </ul>
    </div>
  );
}
