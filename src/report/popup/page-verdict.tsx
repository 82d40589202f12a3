import type { PageObserver, PageSummary } from '../aggregate/page-summary.js';
import type { AnsweredPlace } from '../aggregate/servers.js';
import { placeKey, placeTitle, shortPlace } from '../components/answered-from.js';
import { DbIpCredit, placedByDbIp } from '../components/dbip-credit.js';
import { format } from '../components/format.js';
import { counted, numbers, t } from '../components/i18n.js';
import { HostedBySpoken } from '../components/hosted-by.js';
import { PageHosts } from './page-hosts.js';

/** Organisations named on the popup; the rest are counted ("+3 more"), the report lists them all. */
const SHOWN_ORGANISATIONS = 5;

type Law = 'us' | 'elsewhere' | 'unknown';
/** The bar's order: US law first, so its share reads from the left edge. */
const LAWS: Law[] = ['us', 'elsewhere', 'unknown'];

function lawOf(company: PageObserver): Law {
  return company.jurisdiction === 'US' ? 'us' : company.jurisdiction ? 'elsewhere' : 'unknown';
}

/** "3 organisations got this page: 2 of them answer to US law." as one sentence, with the right plurals. */
function verdictSentence(summary: PageSummary): string {
  const total = summary.companies.length;
  if (total === 0) return t('verdictNobody');
  const us = summary.usCompanies;
  const whoUnderUs =
    total === 1
      ? t(us === 1 ? 'verdictUsOnly' : 'verdictUsNotIt')
      : us === 0
        ? t('verdictUsNone')
        : us === total
          ? t('verdictUsAll')
          : counted('verdictUsSome', us);
  return `${counted('verdictOrganisations', total)} ${whoUnderUs}`;
}

/** The shown organisations by where they answered from (each by its place on the best evidence): one short line, not one per organisation. */
function placesOf(companies: readonly PageObserver[]): { place: AnsweredPlace; names: string[] }[] {
  const byPlace = new Map<string, { place: AnsweredPlace; names: string[] }>();
  for (const company of companies) {
    const place = company.answered[0];
    if (!place) continue;
    const key = placeKey(place);
    const entry = byPlace.get(key);
    if (entry) entry.names.push(company.name);
    else byPlace.set(key, { place, names: [company.name] });
  }
  return [...byPlace.values()];
}

/**
 * This page at a glance: one sentence, a bar of who got it coloured by law (each organisation
 * weighted by its requests; decorative, the sentence and the names say the same in words),
 * the organisations by name with their law written out, who hosted them, and where their
 * servers stood.
 */
export function PageVerdict({ summary }: { summary: PageSummary }) {
  const f = format();
  const n = numbers();
  const shown = summary.companies.slice(0, SHOWN_ORGANISATIONS);
  const hidden = summary.companies.length - shown.length;
  // Where the organisations answered from earns its line only when a CDN or the geolocation said
  // so: otherwise every place is an address's registry country, which the servers line gives, labelled.
  const places = placesOf(shown);
  const answeredShown = places.some(({ place }) => place.evidence !== 'registry');
  return (
    <div data-visit={summary.visitId}>
      <p class="verdict" data-testid="page-companies" data-count={summary.companies.length} data-us={summary.usCompanies}>
        {verdictSentence(summary)}
      </p>
      {summary.companies.length > 0 && (
        <div class="law-bar" aria-hidden="true">
          {LAWS.flatMap((law) =>
            summary.companies
              .filter((c) => lawOf(c) === law)
              .map((c) => <span key={c.key} class={`law-${law}`} style={{ flexGrow: c.requests }} />),
          )}
        </div>
      )}
      {shown.length > 0 && (
        <ul class="organisations" data-testid="page-company-list" aria-label={t('organisationsLabel')}>
          {shown.map((company) => (
            <li
              key={company.key}
              class={`organisation law-${lawOf(company)}`}
              data-company={company.name}
              data-requests={company.requests}
              title={counted('requestsCount', company.requests)}
            >
              <span class="company-name" title={company.known ? company.name : t('unknownOwner', company.name)}>
                <bdi>{company.name}</bdi>
              </span>
              {!company.known && <span class="visually-hidden"> {t('ownerUnknownShort')}</span>}
              <span class="law" aria-hidden="true">
                {company.jurisdiction ?? '?'}
              </span>
              <span class="visually-hidden">
                {' '}
                {company.jurisdiction ? t('underLawOf', f.country(company.jurisdiction)) : t('lawUnknown')}
              </span>
              <HostedBySpoken hosting={company.hosting} />
              {company.prism && (
                <span class="badge badge-prism" title={t('badgePrismTitle')}>
                  PRISM
                </span>
              )}
              {company.cloaked.length > 0 && (
                <span class="badge badge-cloaked" data-testid="page-cloaked" title={t('badgeCloakedTitle', company.cloaked.join(', '))}>
                  {t('badgeCloaked')}
                </span>
              )}
              {/* The main category only: the report lists them all. */}
              {company.trackers[0] && (
                <span class="badge badge-category" data-category={company.trackers[0].category}>
                  {t(`category_${company.trackers[0].category}`)}
                </span>
              )}
            </li>
          ))}
          {hidden > 0 && <li class="organisation more">{counted('andMore', hidden)}</li>}
        </ul>
      )}
      {summary.trackerNetworks.length > 0 && (
        <p class="page-facts muted" data-testid="page-tracker-networks">
          {summary.trackerNetworks.map(({ host, operator }) => (
            <span key={host} data-host={host} data-operator={operator}>
              <bdi>{host}</bdi> {t('hostServedBy', operator)}{' '}
            </span>
          ))}
        </p>
      )}
      <PageHosts summary={summary} />
      {answeredShown && (
        <div
          class="page-facts muted one-line"
          title={places.map(({ place, names }) => t('answeredFromWho', placeTitle(place), names.join(', '))).join('\n')}
        >
          <ul class="inline-list" data-testid="page-answered" aria-label={t('answeredFromHeading')}>
            {places.map(({ place, names }) => (
              <li
                key={placeKey(place)}
                data-country={place.country}
                data-evidence={place.evidence}
                data-anycast={place.anycast ? 'true' : undefined}
                data-companies={names.join('|')}
                title={placeTitle(place)}
              >
                {t('answeredFromWho', shortPlace(place), names.join(', '))}
              </li>
            ))}
          </ul>
        </div>
      )}
      {placedByDbIp(places.map(({ place }) => place)) && (
        <p class="page-facts muted">
          <DbIpCredit />
        </p>
      )}
      {summary.prismCompanies.length > 0 && (
        <p class="page-facts muted" data-testid="page-prism" data-count={summary.prismCompanies.length}>
          {t('pagePrism', summary.prismCompanies.join(', '))}
        </p>
      )}
      <div class="page-facts muted">
        <span data-testid="page-third-parties" data-count={summary.thirdParties}>
          {counted('thirdPartyDomains', summary.thirdParties)}
        </span>
        {summary.countries.length > 0 && (
          <>
            {' · '}
            <span data-testid="page-servers-label" title={t('serversInTitle')}>
              {t('serversIn')}
            </span>{' '}
            <ul class="inline-list" data-testid="page-countries">
              {summary.countries.map((c) => (
                <li key={c.country} data-country={c.country} data-count={c.requests}>
                  <span class="country-name">{f.country(c.country)}</span> <span class="count">({n.number(c.requests)})</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {(summary.stopped > 0 || summary.clearText > 0) && (
        <p class="page-facts">
          {summary.clearText > 0 && (
            <span class="warning" data-testid="page-clear" data-count={summary.clearText}>
              {counted('pageClearTextShort', summary.clearText)}
            </span>
          )}
          {summary.stopped > 0 && summary.clearText > 0 && ' '}
          {summary.stopped > 0 && (
            <span class="muted" data-testid="page-stopped" data-count={summary.stopped}>
              {counted('pageStoppedShort', summary.stopped)}
            </span>
          )}
        </p>
      )}
    </div>
  );
}
