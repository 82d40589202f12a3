/**
 * Requests as lines of a failure message: one line each, saying where it went and who
 * received it, so that a failing test names what to fix without opening a trace.
 */
import type { UpstreamRequest } from './classified-requests.js';
import { tracks } from '../../classify/tracking.js';

const DEFAULT_LIST_LIMIT = 20;

function seconds(ms: number): string {
  return `${ms < 0 ? '-' : '+'}${(Math.abs(ms) / 1000).toFixed(2)} s`;
}

/**
 * "GET https://www.google-analytics.com/analytics.js · host www.google-analytics.com ·
 * Google (parent Alphabet) · jurisdiction US · PRISM · tracker Google Analytics
 * (site_analytics) · page https://bakery.example/tracked.html · +0.84 s"
 */
export function describeRequest(request: UpstreamRequest, startedAt: number): string {
  const who = request.company ? `${request.company}${request.parent ? ` (parent ${request.parent})` : ''}` : 'unknown company';
  return [
    `${request.method} ${request.url}`,
    `host ${request.host}`,
    who,
    `jurisdiction ${request.jurisdiction ?? 'unknown'}`,
    ...(request.prism ? ['PRISM'] : []),
    !request.tracker
      ? 'not a listed tracker'
      : tracks(request.tracker)
        ? `tracker ${request.tracker.name} (${request.tracker.category})`
        : `listed as ${request.tracker.name} (${request.tracker.category}), not tracking`,
    ...(request.serverCountry ? [`server in ${request.serverCountry}`] : []),
    request.thirdParty ? 'third party' : 'first party',
    `page ${request.pageUrl ?? '(none: sent outside a tab)'}`,
    seconds(request.time - startedAt),
  ].join(' · ');
}

/** One line per request, the first `limit` of them, then "…and N more". */
export function listRequests(requests: readonly UpstreamRequest[], startedAt: number, limit = DEFAULT_LIST_LIMIT): string {
  const lines = requests.slice(0, limit).map((request) => `  - ${describeRequest(request, startedAt)}`);
  if (requests.length > limit) lines.push(`  …and ${requests.length - limit} more`);
  return lines.join('\n');
}
