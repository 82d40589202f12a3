import { FLAGS, OUTCOMES, type RequestRow } from './schema.js';

/**
 * Whether a request reached its receiver. Every request did, except one the browser reports
 * as failed before anything was sent: blocked by an extension (ad blockers) or by the
 * browser's own tracking protection or safe browsing, a name that did not resolve, a
 * connection that was refused or never made, a certificate refused. Such a request told its
 * receiver nothing, so it makes nobody an observer of the page (docs/report-figures.md).
 * A failure that names the server's address came after a connection was made (an extension
 * can also cancel a request once the server has answered it: uBlock Origin's `header=`
 * filters give the same net::ERR_BLOCKED_BY_CLIENT), and counts as reached. So does any
 * other failure: it may have come after the request went out (a page or the browser
 * cancelling a request the server already has: `net::ERR_ABORTED`, `NS_BINDING_ABORTED`, seen
 * reaching the fixture server in both browsers, with no address).
 *
 * Pure: error texts as Chromium (`net::ERR_…`, net/base/net_error_list.h) and Firefox
 * (`NS_ERROR_…`, certificate errors) report them in webRequest's onErrorOccurred.
 */
const NEVER_SENT = new RegExp(
  '^(?:' +
    [
      // Chromium
      'net::ERR_(?:BLOCKED_BY_CLIENT|BLOCKED_BY_ADMINISTRATOR|NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|ADDRESS_UNREACHABLE|ADDRESS_INVALID' +
        '|CONNECTION_REFUSED|CONNECTION_TIMED_OUT|INTERNET_DISCONNECTED|NETWORK_ACCESS_DENIED|PROXY_CONNECTION_FAILED|TUNNEL_CONNECTION_FAILED' +
        '|UNSAFE_PORT|UNKNOWN_URL_SCHEME|DISALLOWED_URL_SCHEME|INVALID_URL|CACHE_MISS|CERT_\\w+|CERTIFICATE_\\w+|SSL_\\w+|BAD_SSL_CLIENT_AUTH_CERT' +
        '|CONNECTION_FAILED|BLOCKED_BY_CSP)',
      // Firefox: an extension's cancel, tracking protection, safe browsing, and the same network failures
      'NS_ERROR_(?:ABORT|UNKNOWN_HOST|CONNECTION_REFUSED|OFFLINE|PORT_ACCESS_NOT_ALLOWED|MALFORMED_URI|UNKNOWN_PROTOCOL|PROXY_CONNECTION_REFUSED' +
        '|UNKNOWN_PROXY_HOST|CONTENT_BLOCKED|\\w*TRACKING_URI|FINGERPRINTING_URI|CRYPTOMINING_URI|BLOCKED_URI|MALWARE_URI|PHISHING_URI|UNWANTED_URI|HARMFUL_URI' +
        '|HARMFULADDON_URI|BLOCKED_BY_POLICY)',
      'SEC_ERROR_\\w+',
      'SSL_ERROR_\\w+',
      'MOZILLA_PKIX_ERROR_\\w+',
    ].join('|') +
    ')$',
);

/**
 * `failed`: the request failed; `error`: the browser's error text, when it gave one;
 * `addressKnown`: the browser named the server's address.
 */
export function reachedReceiver(failed: boolean, error: string | null | undefined, addressKnown: boolean): boolean {
  return !failed || addressKnown || !error || !NEVER_SENT.test(error);
}

/** The same, for a stored row: a recovered request nothing shows went out reached nobody either. */
export function rowReached(row: Pick<RequestRow, 'o' | 'e' | 'i' | 'b'>): boolean {
  return (row.b & FLAGS.unverified) === 0 && reachedReceiver(row.o === OUTCOMES.indexOf('failed'), row.e, row.i !== 0);
}
