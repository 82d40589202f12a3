/**
 * What well-formed output looks like, for the capture fuzz tests: whatever details the
 * browser hands over, the capture boundary (toObservation, toNavigationStart, toHeaderFlags)
 * must hand on well-formed values, and every row the store keeps must point at rows that exist.
 */
import { isDeepStrictEqual } from 'node:util';
import { isOwnRequest, MAX_URL_LENGTH, toHeaderFlags, toNavigationStart, toObservation } from '../../../src/capture/observation.js';
import type { UpstreamDb } from '../../../src/store/db.js';
import type { Outcome } from '../../../src/shared/types.js';
import { GRAINS } from '../../../src/store/rollup-grains.js';
import { buildRollupsOfRows } from '../../../src/store/visit-rollup-build.js';
import { rollupParts, tryDecodeRollup } from '../../../src/store/visit-rollup.js';
import { decodeVisit, requestRefs } from '../../../src/store/decode.js';
import { OWN_ORIGIN } from './fuzz-details.js';
const isSafeInt = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v);
const isText = (v: unknown, max: number) => typeof v === 'string' && v.length > 0 && v.length <= max;
const isTextOrNull = (v: unknown, max: number) => v === null || isText(v, max);

// Plain assertions inside properties: Playwright's `expect` records a step per call, far too
// slow for tens of thousands of runs.
export function check(condition: boolean, what: string, value?: unknown): asserts condition {
  if (!condition) throw new Error(`${what}: ${JSON.stringify(value)?.slice(0, 300)}`);
}

const OBSERVATION_KEYS = [
  'cookies',
  'documentId',
  'documentLifecycle',
  'error',
  'frameId',
  'frameType',
  'fromCache',
  'initiator',
  'ip',
  'method',
  'outcome',
  'parentFrameId',
  'redirectUrl',
  'referrer',
  'requestId',
  'statusCode',
  'tabId',
  'time',
  'topUrl',
  'type',
  'url',
].join();

/**
 * The journal keeps events in storage.session, which takes JSON only: they must survive it
 * unchanged (a -0 tab id coming back as 0 is the one harmless difference, so compare as JSON).
 */
function checkJsonSafe(value: object) {
  const json = JSON.stringify(value);
  const back = JSON.parse(json) as object;
  check(JSON.stringify(back) === json && Object.keys(back).join() === Object.keys(value).join(), 'survives JSON', value);
}

export function checkObservation(details: unknown, outcome: Outcome) {
  const obs = toObservation(details, outcome);
  const d = details as Record<string, unknown>;
  const usable =
    !!details && typeof details === 'object' && !Array.isArray(details) && isText(d.requestId, Infinity) && isText(d.url, Infinity);
  check((obs === null) === !usable, 'null exactly when there is no request id or URL', obs);
  if (!obs) return;
  check(Object.keys(obs).sort().join() === OBSERVATION_KEYS, 'the documented keys', obs);
  check(isText(obs.requestId, 64), 'requestId', obs.requestId);
  check(isText(obs.url, MAX_URL_LENGTH), 'url', obs.url.length);
  check(isText(obs.method, 16) && isText(obs.type, 32), 'method and type', [obs.method, obs.type]);
  check(isSafeInt(obs.tabId) && isSafeInt(obs.frameId) && isSafeInt(obs.parentFrameId), 'ids', [obs.tabId, obs.frameId, obs.parentFrameId]);
  check(Number.isFinite(obs.time) && obs.time > 0, 'time', obs.time);
  check(isTextOrNull(obs.initiator, MAX_URL_LENGTH) && isTextOrNull(obs.topUrl, MAX_URL_LENGTH), 'initiator and topUrl', obs);
  check(
    isTextOrNull(obs.documentId, 64) &&
      isTextOrNull(obs.documentLifecycle, 32) &&
      isTextOrNull(obs.frameType, 32) &&
      isTextOrNull(obs.ip, 64),
    'short texts',
    obs,
  );
  check(obs.outcome === outcome, 'outcome', obs.outcome);
  check(obs.statusCode === null || (isSafeInt(obs.statusCode) && obs.statusCode !== 0), 'status', obs.statusCode);
  check(outcome !== 'failed' || obs.statusCode === null, 'no status on a failure', obs.statusCode);
  check(typeof obs.fromCache === 'boolean', 'fromCache', obs.fromCache);
  check(
    outcome === 'redirected' ? isTextOrNull(obs.redirectUrl, MAX_URL_LENGTH) : obs.redirectUrl === null,
    'redirectUrl',
    obs.redirectUrl,
  );
  check(outcome === 'failed' ? isTextOrNull(obs.error, 256) : obs.error === null, 'error', obs.error);
  check(obs.cookies === null && obs.referrer === null, 'header flags unknown until headers are seen', obs);
  checkJsonSafe(obs);
  check(typeof isOwnRequest(obs, OWN_ORIGIN) === 'boolean', 'isOwnRequest');
}

export function checkNavigation(details: unknown) {
  const nav = toNavigationStart(details);
  if (!nav) return;
  check(isText(nav.requestId, 64) && isText(nav.url, MAX_URL_LENGTH), 'id and url', nav);
  check(isSafeInt(nav.tabId) && isSafeInt(nav.frameId), 'ids', nav);
  check(Number.isFinite(nav.time) && nav.time > 0, 'time', nav.time);
  check(nav.statusCode === null || isSafeInt(nav.statusCode), 'status', nav.statusCode);
  check(isTextOrNull(nav.documentLifecycle, 32), 'lifecycle', nav.documentLifecycle);
  check(typeof nav.commits === 'boolean', 'commits', nav.commits);
  checkJsonSafe(nav);
}

export function checkHeaderFlags(details: unknown) {
  const flags = toHeaderFlags(details);
  if (!flags) return;
  check(isText(flags.requestId, 64), 'id', flags.requestId);
  check(typeof flags.cookies === 'boolean' && typeof flags.referrer === 'boolean', 'flags', flags);
}

/**
 * Every stored row points at rows that exist, and has a usable time; every visit roll-up
 * decodes and equals the stored visits folded from scratch.
 */
export async function checkIntegrity(db: UpstreamDb) {
  const [requests, visits, hosts, ips] = await Promise.all([
    db.requests.toArray(),
    db.visits.toArray(),
    db.hosts.toArray(),
    db.ips.toArray(),
  ]);
  const hostIds = new Set(hosts.map((h) => h.id));
  const ipIds = new Set(ips.map((i) => i.id));
  const visitIds = new Set(visits.map((v) => v.id));
  for (const row of requests) {
    const r = requestRefs(row);
    check(hostIds.has(r.host), 'request host exists', row);
    check(r.ip === 0 || ipIds.has(r.ip), 'request IP exists', row);
    check(r.visit === 0 || visitIds.has(r.visit), 'request visit exists', row);
    check(Number.isFinite(r.time), 'request time', row);
  }
  for (const row of visits) {
    const v = decodeVisit(row);
    check(
      hostIds.has(v.host) && v.hosts.every((id) => hostIds.has(id)) && v.ips.every((id) => ipIds.has(id)),
      'visit hosts and IPs exist',
      row,
    );
  }
  const hostTable = new Map(hosts.map((h) => [h.id!, h]));
  const ipTable = new Map(ips.map((i) => [i.id!, i]));
  for (const grain of GRAINS) {
    const stored = (await db[grain.table].orderBy('h').toArray()).map((row) => [rollupParts(row).start, tryDecodeRollup(row)] as const);
    for (const [h, row] of stored) check(row !== null, `the ${grain.table} roll-up decodes`, new Date(h).toISOString());
    // Keyed by the start of their hour (or day): in that order, as the table is.
    const rebuilt = [...buildRollupsOfRows(visits, hostTable, ipTable, grain).entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
    check(
      isDeepStrictEqual(
        stored.map(([, row]) => row),
        rebuilt,
      ),
      `the ${grain.table} roll-ups equal the visits folded from scratch`,
    );
  }
}
