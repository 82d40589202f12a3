import type { Observation } from '../shared/types.js';

/**
 * The server a request reached, as far as it is known. An answer from the cache places none
 * (docs/report-figures.md): both browsers say fromCache for a copy used as it was and for one
 * the server was asked about first (304); Chrome gives the address the copy once came from
 * for both, Firefox only for the second (seen in Chromium 156 and Firefox ESR with
 * test/fixtures/sites/cache.example). One rule for both browsers: no address.
 */
export function serverAddress(obs: Observation): string | null {
  return obs.fromCache ? null : obs.ip;
}
