/**
 * The request log's pure parts: the search for a period's first id, the outcome each row
 * shows, the filters, the companies offered, and frames shown by their document's origin;
 * and every message the log prints, in English and French, with both plural forms.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { firstIdFrom, type Bound, type LogEntry, type LogHost } from '../../src/store/request-log.js';
import {
  companiesOf,
  frameOrigin,
  frameSources,
  matching,
  NO_FILTERS,
  outcomeOf,
  UNKNOWN_COMPANY,
} from '../../src/report/page/log/log-model.js';

/** Rows with these ids and times, and the search's reads counted. */
function stored(rows: Bound[]) {
  let reads = 0;
  const rowFrom = async (id: number) => {
    reads++;
    return rows.find((row) => row.id >= id)!;
  };
  return { rowFrom, reads: () => reads, first: rows[0]!, last: rows[rows.length - 1]! };
}

test('the first id of a time: exact over gaps, before and after every row, in few reads', async () => {
  let seed = 7;
  const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const rows: Bound[] = [];
  for (let id = 1, time = 1_000; rows.length < 50_000; id += random() < 0.1 ? 1 + Math.floor(random() * 500) : 1) {
    time += Math.floor(random() * 3_000);
    rows.push({ id, time });
  }
  for (const wanted of [0, 1_000, rows[1]!.time, rows[777]!.time + 1, rows[25_000]!.time, rows.at(-1)!.time, rows.at(-1)!.time + 1]) {
    const { rowFrom, reads, first, last } = stored(rows);
    const id = await firstIdFrom(rowFrom, wanted, first, last);
    const expected = rows.find((row) => row.time >= wanted)?.id ?? last.id + 1;
    // Any id in the gap before the row wanted reads the same rows.
    const before = rows.filter((row) => row.id < expected).at(-1)?.id ?? 0;
    expect(id, `time ${wanted}`).toBeGreaterThan(before);
    expect(id, `time ${wanted}`).toBeLessThanOrEqual(expected);
    expect(reads(), `reads for time ${wanted}`).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(last.id)));
  }
});

const host = (name: string, company: string | null, jurisdiction: string | null, tracker: LogHost['tracker'] = null): LogHost => ({
  name,
  domain: name.split('.').slice(-2).join('.'),
  company,
  jurisdiction,
  prism: false,
  tracker,
});

const HOSTS = new Map<number, LogHost>([
  [1, host('www.news.example', null, null)],
  [2, host('www.google-analytics.com', 'Google', 'US', { name: 'Google Analytics', category: 'site_analytics' })],
  [3, host('widget.example', null, null)],
  [4, host('cdn.consent.example', 'Consent Co', 'FR', { name: 'Consent', category: 'consent' })],
]);

let ids = 0;
function entry(over: Partial<LogEntry>): LogEntry {
  const base: LogEntry = {
    id: ++ids,
    time: ids,
    visit: 1,
    frame: 0,
    host: 1,
    scheme: 'https',
    path: '/',
    type: 'script',
    outcome: 'completed',
    status: 200,
    thirdParty: false,
    fromCache: false,
    recovered: false,
    unverified: false,
    detail: null,
    looseSite: null,
  };
  return { ...base, ...over };
}

const ENTRIES = [
  entry({ type: 'main_frame' }),
  entry({ host: 2, thirdParty: true }),
  entry({ host: 3, type: 'sub_frame', frame: 5, thirdParty: true, outcome: 'redirected', detail: 'widget.example', scheme: 'http' }),
  entry({ host: 3, type: 'sub_frame', frame: 5, thirdParty: true }),
  entry({ host: 2, frame: 5, thirdParty: true, fromCache: true }),
  entry({ host: 4, frame: 9, thirdParty: true, outcome: 'failed', status: 0, detail: 'net::ERR_BLOCKED_BY_CLIENT' }),
  entry({ host: 2, thirdParty: true, recovered: true }),
  entry({ host: 2, thirdParty: true, recovered: true, unverified: true }),
];

test('outcomes: recovered and unverified first, then what the browser said, a cached answer apart', () => {
  expect(ENTRIES.map(outcomeOf)).toEqual([
    'completed',
    'completed',
    'redirected',
    'completed',
    'cache',
    'failed',
    'recovered',
    'unverified',
  ]);
});

test('filters: each narrows by its own field, together they all apply, the host text ignores case', () => {
  const shown = (filters: Partial<typeof NO_FILTERS>) =>
    [...matching(ENTRIES, HOSTS, { ...NO_FILTERS, ...filters })].map((i) => ENTRIES[i]!.id);
  const all = ENTRIES.map((e) => e.id);
  expect(shown({})).toEqual(all);
  expect(shown({ party: 'first' })).toEqual([all[0]]);
  expect(shown({ company: 'Google' })).toEqual([all[1], all[4], all[6], all[7]]);
  expect(shown({ company: UNKNOWN_COMPANY })).toEqual([all[0], all[2], all[3]]);
  expect(shown({ bloc: 'us' })).toEqual([all[1], all[4], all[6], all[7]]);
  expect(shown({ bloc: 'eu' })).toEqual([all[5]]);
  expect(shown({ bloc: 'unknown' })).toEqual([all[0], all[2], all[3]]);
  // A consent manager is catalogued but does not track (classify/tracking.ts).
  expect(shown({ tracker: 'yes' })).toEqual([all[1], all[4], all[6], all[7]]);
  expect(shown({ tracker: 'no' })).toEqual([all[0], all[2], all[3], all[5]]);
  expect(shown({ outcome: 'failed' })).toEqual([all[5]]);
  expect(shown({ outcome: 'cache' })).toEqual([all[4]]);
  expect(shown({ text: '  GOOGLE ' })).toEqual([all[1], all[4], all[6], all[7]]);
  expect(shown({ company: 'Google', outcome: 'completed' })).toEqual([all[1]]);
});

test('companies offered by the filter: by name, with their requests, hosts of no known company last', () => {
  expect(companiesOf(ENTRIES, HOSTS)).toEqual([
    { name: 'Consent Co', requests: 1 },
    { name: 'Google', requests: 4 },
    { name: UNKNOWN_COMPANY, requests: 3 },
  ]);
});

test('frames: the top frame, a frame by the origin its document landed on after a redirect, a frame whose document was not seen', () => {
  const frames = frameSources(ENTRIES);
  expect(ENTRIES.map((e) => frameOrigin(e, frames, HOSTS))).toEqual([
    null,
    null,
    'https://widget.example',
    'https://widget.example',
    'https://widget.example',
    '',
    null,
    null,
  ]);
  // The same frame id in another visit is another frame.
  expect(frameOrigin(entry({ visit: 2, frame: 5 }), frames, HOSTS)).toBe('');
});

test('every message the log prints exists in English and French, counts in both plural forms', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  const read = (language: string) =>
    JSON.parse(readFileSync(path.join(root, 'extension/_locales', language, 'messages.json'), 'utf8')) as Record<
      string,
      { message: string }
    >;
  const sources = ['log-view.tsx', 'log-row.ts', 'log-filters.tsx'].map((file) =>
    readFileSync(path.join(root, 'src/report/page/log', file), 'utf8'),
  );
  const names = new Set(sources.flatMap((source) => [...source.matchAll(/\b(?:t|label)\('(\w+)'/g)].map((m) => m[1]!)));
  for (const counted of ['logReading', 'logCount', 'logCountFiltered'])
    for (const form of ['one', 'other']) names.add(`${counted}_${form}`);
  for (const key of ['completed', 'failed', 'redirected', 'cache', 'recovered', 'unverified']) names.add(`logOutcome_${key}`);
  expect(names.size).toBeGreaterThan(25);
  for (const language of ['en', 'fr']) {
    const messages = read(language);
    expect(
      [...names].filter((name) => !messages[name]?.message),
      language,
    ).toEqual([]);
  }
});
