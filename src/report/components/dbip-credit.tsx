/**
 * The credit DB-IP's licence (CC BY 4.0) asks for wherever a place its geolocation database
 * gave is shown: the words "IP Geolocation by DB-IP", linked to its site.
 */
import type { AnsweredPlace } from '../aggregate/servers.js';
import { t } from './i18n.js';

/** Whether any of these places rests on DB-IP's geolocation, and so must carry its credit. */
export function placedByDbIp(places: readonly Pick<AnsweredPlace, 'evidence'>[]): boolean {
  return places.some((place) => place.evidence === 'geolocation');
}

export function DbIpCredit() {
  return (
    <a class="dbip-credit" data-testid="dbip-credit" href="https://db-ip.com" target="_blank" rel="noopener noreferrer">
      {t('dbipAttribution')}
    </a>
  );
}
