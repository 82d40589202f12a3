/**
 * Hosts whose name hides who receives their requests (docs/cname-uncloaking.md): a tracker
 * behind a site's own name (cloaked, counted as the tracker), and a site's own host served
 * from a tracker's network (flagged only: the network alone does not say who receives them).
 */
import { t } from '../../components/i18n.js';

/** A site's hosts that are trackers in disguise, and its own hosts a tracker's network served. */
export function SiteHiddenHosts({ cloaked, networks }: { cloaked: ReadonlyMap<string, string>; networks: ReadonlyMap<string, string> }) {
  if (cloaked.size === 0 && networks.size === 0) return null;
  const byName = (a: [string, string], b: [string, string]) => a[0].localeCompare(b[0]);
  return (
    <>
      {cloaked.size > 0 && (
        <>
          <h3>{t('siteCloakedHosts')}</h3>
          <ul class="companies" data-testid="site-cloaked">
            {[...cloaked].sort(byName).map(([host, company]) => (
              <li key={host} data-host={host} data-company={company}>
                <bdi>{host}</bdi> {t('cloakedCountedAs', company)}
              </li>
            ))}
          </ul>
        </>
      )}
      {networks.size > 0 && (
        <>
          <h3>{t('siteTrackerNetworks')}</h3>
          <ul class="companies" data-testid="site-tracker-networks">
            {[...networks].sort(byName).map(([host, operator]) => (
              <li key={host} data-host={host} data-operator={operator}>
                <bdi>{host}</bdi> {t('hostServedBy', operator)}
              </li>
            ))}
          </ul>
          <p class="muted">{t('trackerNetworkNote')}</p>
        </>
      )}
    </>
  );
}

/** A company's hosts found behind sites' own names, with what each is an alias of. */
export function CompanyCloakedHosts({ cloaked }: { cloaked: ReadonlyMap<string, string> | undefined }) {
  if (!cloaked || cloaked.size === 0) return null;
  return (
    <>
      <h3>{t('companyCloakedHosts')}</h3>
      <ul class="companies" data-testid="company-cloaked">
        {[...cloaked]
          .sort((a, b) => a[0].localeCompare(b[0]))
          .map(([host, canonical]) => (
            <li key={host} data-host={host} data-canonical={canonical}>
              <bdi>{host}</bdi> {t('hostAliasOf', canonical)}
            </li>
          ))}
      </ul>
    </>
  );
}
