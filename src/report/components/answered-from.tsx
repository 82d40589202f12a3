/**
 * Where an organisation answered from, each place with its evidence written out: a CDN's own
 * header names a point of presence; DB-IP's geolocation database places the address (with the
 * credit its licence asks for, dbip-credit.tsx); an address's registry country only says where
 * the network's holder registered it, so it is labelled as not telling where the server stood,
 * and an anycast network's as answering near the reader from a place no database knows.
 */
import { cdnName } from '../../classify/answered-from.js';
import type { AnsweredPlace, AnsweredPlaces } from '../aggregate/servers.js';
import { DbIpCredit, placedByDbIp } from './dbip-credit.js';
import { format } from './format.js';
import { counted, t } from './i18n.js';

/** "Paris, France", or the country alone when the evidence names no city. */
function placeName(place: Pick<AnsweredPlace, 'country' | 'city'>): string {
  const country = format().country(place.country);
  return place.city ? `${place.city}, ${country}` : country;
}

/** One place in a few words, with its evidence: what the popup shows beside an organisation. */
export function shortPlace(place: AnsweredPlace): string {
  if (place.evidence === 'cdn-header') return t('answeredFromShortCdn', placeName(place));
  if (place.evidence === 'geolocation') return t('answeredFromShortGeolocation', placeName(place));
  return t(place.anycast ? 'answeredFromShortAnycast' : 'answeredFromShortRegistry', placeName(place));
}

/** The place with its evidence in full: what a short place's tooltip says. */
export function placeTitle(place: AnsweredPlace): string {
  return `${placeName(place)}: ${evidenceText(place)}`;
}

function evidenceText(place: AnsweredPlace): string {
  if (place.evidence === 'cdn-header') return t('answeredFromCdn', cdnName(place.cdn ?? ''));
  if (place.evidence === 'geolocation') return t('answeredFromGeolocation');
  return t(place.anycast ? 'answeredFromAnycast' : 'answeredFromRegistry');
}

/** A key for a place in a list: its evidence, where, and who said so. */
export const placeKey = (place: AnsweredPlace): string =>
  `${place.evidence}|${place.country}|${place.city ?? ''}|${place.cdn ?? ''}|${place.anycast ? 'anycast' : ''}`;

export function AnsweredFromList({ answered, testId }: { answered: AnsweredPlaces; testId: string }) {
  if (answered.places.length === 0 && answered.unknown === 0) return null;
  return (
    <>
      <h3>{t('answeredFromHeading')}</h3>
      <ul class="countries" data-testid={testId} data-unknown={answered.unknown}>
        {answered.places.map((place) => (
          <li
            key={placeKey(place)}
            data-country={place.country}
            data-city={place.city ?? ''}
            data-evidence={place.evidence}
            data-anycast={place.anycast ? 'true' : undefined}
            data-count={place.requests}
          >
            <span class="country-name">{placeName(place)}</span> <span class="evidence">({evidenceText(place)})</span>{' '}
            <span class="muted">{counted('requestsCount', place.requests)}</span>
          </li>
        ))}
      </ul>
      {placedByDbIp(answered.places) && (
        <p class="muted">
          <DbIpCredit />
        </p>
      )}
      {answered.unknown > 0 && <p class="muted">{counted('answeredFromUnknown', answered.unknown)}</p>}
    </>
  );
}
