import { groupMessage, GROUPS, groupsOf } from '../../../classify/country-groups.js';
import { preferredLanguages, uiLanguage } from '../../../shared/browser.js';
import type { CountryReach, Reach } from '../../aggregate/exposure.js';
import { unknownReasonMessage, type UnknownReason } from '../../aggregate/unknown-figure.js';
import { CountryList } from '../../components/country-list.js';
import { DbIpCredit } from '../../components/dbip-credit.js';
import { LawLink } from '../../components/law-link.js';
import { format } from '../../components/format.js';
import { t } from '../../components/i18n.js';
import { ownCountry } from '../../own-country.js';
import { useSettings } from '../../use-settings.js';
import type { ReportData } from '../use-report-data.js';

/**
 * Three answers kept apart, by page visits: which countries' law the companies answer to,
 * which the companies that hosted their servers answer to, and where the servers answered
 * (their address's registry country), with the groupings of the design brief and the
 * reader's own country.
 */
export function CountriesView({ data }: { data: ReportData }) {
  const f = format();
  const e = data.exposure;
  const own = ownCountry(useSettings(), preferredLanguages());
  const ownServer = own ? e.countries.find((c) => c.country === own) : undefined;
  const ownLaw = own ? e.jurisdictions.find((c) => c.country === own) : undefined;
  const ownHost = own ? e.hostedUnder.find((c) => c.country === own) : undefined;
  const line = (reach: Reach) =>
    reach.unknown ? (
      <span data-unknown={reach.unknown} title={t(unknownReasonMessage(reach.unknown))}>
        {t('unknownValue')}
      </span>
    ) : (
      `${f.share(reach.share)} (${f.number(reach.visits)})`
    );
  // A server's country here is its address's registry country: with none located, the own
  // country's server share is unknown like the groups', not 0 % (upstream reach, which counts
  // only places a CDN's header tells, has its own reason).
  const serverUnknown: UnknownReason | null = e.visits === 0 ? 'no-page-visits' : e.countries.length === 0 ? 'no-server-location' : null;
  // A hosting operator is known only for networks Upstream's table lists (e.usHostedReach carries the reason).
  const hostUnknown = e.usHostedReach.unknown;
  const ofVisits = (count: number, unknown: Reach['unknown'] = null): Reach =>
    unknown ? { visits: count, share: null, unknown } : { visits: count, share: count / e.visits, unknown: null };
  const list = (items: CountryReach[], testId: string) => (
    <CountryList
      testId={testId}
      countries={items.map((c) => ({ country: c.country, count: c.visits, label: t('visitsShare', f.share(c.share)) }))}
    />
  );
  return (
    <section aria-labelledby="countries-heading">
      <h2 id="countries-heading">{t('viewCountries')}</h2>
      {e.visits === 0 ? (
        <p class="empty">{t('periodEmpty')}</p>
      ) : (
        <>
          <table class="data" data-testid="groups-table">
            <caption>{t('groupsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colGroup')}</th>
                <th scope="col" class="num">
                  {t('colServersIn')}
                </th>
                <th scope="col" class="num">
                  {t('colCompaniesUnder')}
                </th>
                <th scope="col" class="num">
                  {t('colHostedUnder')}
                </th>
              </tr>
            </thead>
            <tbody>
              <tr data-group="us">
                <th scope="row">
                  {t('group_us')}
                  <LawLink frame="us" />
                </th>
                <td class="num">{line(e.upstreamReach)}</td>
                <td class="num">{line(e.usReach)}</td>
                <td class="num">{line(e.usHostedReach)}</td>
              </tr>
              {GROUPS.map((g) => (
                <tr key={g} data-group={g}>
                  <th scope="row">
                    {t(groupMessage(g))}
                    <LawLink frame={g} />
                  </th>
                  <td class="num">{line(e.groups[`s:${g}`]!)}</td>
                  <td class="num">{line(e.groups[`j:${g}`]!)}</td>
                  <td class="num">{line(e.groups[`h:${g}`]!)}</td>
                </tr>
              ))}
              {own && (
                <tr data-group="own">
                  <th scope="row">
                    {t('group_own', f.country(own))}
                    <LawLink frame={own} />
                  </th>
                  <td class="num">{line(ofVisits(ownServer?.visits ?? 0, serverUnknown))}</td>
                  <td class="num">{line(ofVisits(ownLaw?.visits ?? 0))}</td>
                  <td class="num">{line(ofVisits(ownHost?.visits ?? 0, hostUnknown))}</td>
                </tr>
              )}
            </tbody>
          </table>
          {own && <OwnGroups country={own} />}
          {/* The servers column's US row (upstream reach) counts places DB-IP's geolocation gave: its licence asks for the credit. */}
          <p class="muted">
            {t('countriesThreeAnswers')} <DbIpCredit />
          </p>
          <h3>{t('jurisdictionsHeading')}</h3>
          {list(e.jurisdictions, 'jurisdictions')}
          <h3>{t('hostedUnderHeading')}</h3>
          {hostUnknown ? (
            <p class="muted" data-testid="hosting-jurisdictions-unknown" data-unknown={hostUnknown}>
              {t(unknownReasonMessage(hostUnknown))}
            </p>
          ) : (
            list(e.hostedUnder, 'hosting-jurisdictions')
          )}
          <h3>{t('serversStoodIn')}</h3>
          {serverUnknown ? (
            <p class="muted" data-testid="server-countries-unknown" data-unknown={serverUnknown}>
              {t(unknownReasonMessage(serverUnknown))}
            </p>
          ) : (
            list(e.countries, 'server-countries')
          )}
        </>
      )}
    </section>
  );
}

/** Which groups the reader's own country belongs to, in a sentence. */
function OwnGroups({ country }: { country: string }) {
  const f = format();
  const groups = groupsOf(country).map((group) => t(groupMessage(group)));
  const list = new Intl.ListFormat(uiLanguage(), { type: 'conjunction' }).format(groups);
  return (
    <p data-testid="own-groups" data-groups={groupsOf(country).join(' ')}>
      {groups.length ? t('ownCountryGroups', f.country(country), list) : t('ownCountryNoGroup', f.country(country))}
    </p>
  );
}
