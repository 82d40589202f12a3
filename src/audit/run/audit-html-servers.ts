/**
 * Who hosted an organisation and where its servers answered from, in an audit's report.html:
 * the words of the report's company page (the extension's English messages), on the same
 * decoding (report/aggregate/servers.ts), so the two never tell a different story.
 */
import { cdnName } from '../../classify/answered-from.js';
import type { AnsweredPlace } from '../../report/aggregate/servers.js';
import { localeNumbers } from '../../report/components/locale-numbers.js';
import { englishText } from '../../report/locale-text.js';
import { escapeHtml } from '../../shared/html-text.js';
import type { CompanySeen } from './audit-results.js';

const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });
const numbers = localeNumbers('en');

/** A country's English name, or its code when Intl knows no such region. */
export function countryName(code: string): string {
  try {
    return countryNames.of(code) ?? code;
  } catch {
    return code;
  }
}

const counted = (name: string, count: number) => englishText(numbers.messageName(name, count), numbers.number(count));

/** "hosted by Amazon (law: United States), OVHcloud (law: France)"; nothing when no operator is known (not a claim). */
function hostedBy(company: CompanySeen): string {
  if (company.hosting.length === 0) return '';
  const operators = company.hosting.map(
    (h) => `${h.operator} ${h.jurisdiction ? englishText('underLawOf', countryName(h.jurisdiction)) : englishText('lawUnknown')}`,
  );
  const data = company.hosting.map((h) => `${h.operator}:${h.jurisdiction ?? ''}`).join(' ');
  return `<small class="hosted-by" data-operators="${escapeHtml(data)}">${escapeHtml(englishText('hostedBy', operators.join(', ')))}</small>`;
}

/** "Paris, France (its CDN, Cloudflare, says so): 2 requests". */
function place(p: AnsweredPlace): string {
  const name = p.city ? `${p.city}, ${countryName(p.country)}` : countryName(p.country);
  const evidence =
    p.evidence === 'cdn-header'
      ? englishText('answeredFromCdn', cdnName(p.cdn ?? ''))
      : p.evidence === 'geolocation'
        ? `${englishText('answeredFromGeolocation')}, ${englishText('dbipAttribution')}, https://db-ip.com`
        : englishText(p.anycast ? 'answeredFromAnycast' : 'answeredFromRegistry');
  return `<li data-country="${escapeHtml(p.country)}" data-evidence="${p.evidence}">${escapeHtml(`${name} (${evidence}): ${counted('requestsCount', p.requests)}`)}</li>`;
}

/** Who hosted the organisation and where it answered from, under its name in an address's list. */
export function companyServers(company: CompanySeen): string {
  const { places, unknown } = company.answered;
  const lines = [
    hostedBy(company),
    places.length
      ? `<small>${escapeHtml(englishText('answeredFromHeading'))}:</small><ul class="answered">${places.map(place).join('')}</ul>`
      : '',
    unknown ? `<small data-evidence="none">${escapeHtml(counted('answeredFromUnknown', unknown))}</small>` : '',
  ].join('');
  return lines ? `<div class="servers">${lines}</div>` : '';
}
