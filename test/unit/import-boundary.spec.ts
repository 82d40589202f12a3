/**
 * An imported file adds only what capture itself could have stored: web page addresses
 * without credentials, no query string unless the setting keeps them, times and numbers in
 * their plausible range. Refused rows are counted and named; they never reach the store.
 */
import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import { ingest } from '../../src/capture/ingest.js';
import { toNavigationStart } from '../../src/capture/observation.js';
import { reserveVisitIds } from '../../src/capture/capture-state.js';
import { UpstreamDb } from '../../src/store/db.js';
import { domainOnlyClassifier } from '../../src/store/domain-only-classifier.js';
import { Interner } from '../../src/store/interner.js';
import type { Settings } from '../../src/store/settings.js';
import { exportHeader, exportJson } from '../../src/report/export/export-json.js';
import { parseExport } from '../../src/store/export-file/parse-export.js';
import type { ExportFile } from '../../src/store/export-file/export-format.js';
import { importIntoStore } from '../../src/store/export-file/import-into-store.js';
import { JournalWriter } from './helpers/journal.js';
import { freshDb as newDb, records, settings, visitRecords } from './helpers/test-store.js';

const freshDb = () => newDb('import-boundary');
const deps = (db: UpstreamDb, over: Partial<Settings> = {}) => ({
  classifier: domainOnlyClassifier,
  interner: new Interner(),
  settings: settings(over),
  reserveVisitIds: (count: number) => reserveVisitIds(db, count),
});
const DAY = 86_400_000;
const T = Date.now() - 2 * DAY;

/** A real record exported: two pages, each with a request; the test then edits the file as an attacker would. */
async function recordedFile(): Promise<ExportFile> {
  const db = freshDb();
  const j = new JournalWriter('source');
  j.navigate('https://www.news.example/front', 1, T);
  j.request({ url: 'https://cdn.news.example/a.js', time: T + 10, type: 'script' });
  j.navigate('https://shop.example/cart', 2, T + 1000);
  j.request({ url: 'https://cdn.shop.example/b.js', tabId: 2, time: T + 1010, type: 'script' });
  await ingest(db, j.take(), domainOnlyClassifier, settings(), new Interner());
  const { blob } = await exportJson(db, exportHeader('0.1.0', [], false, new Date()));
  return parseExport(await blob.text());
}

const visitOf = (file: ExportFile, url: string) => file.visits.find((v) => v.url === url)!;
const requestOf = (file: ExportFile, path: string) => file.requests.find((r) => r.path === path)!;

test('credentials, javascript: pages, tokens in a path, the year 275760 and frame 1e300 never reach the store', async () => {
  const file = await recordedFile();
  visitOf(file, 'https://www.news.example/front').url = 'https://alice:hunter2@www.news.example/front?session=abc';
  visitOf(file, 'https://shop.example/cart').url = 'javascript:alert(document.cookie)';
  requestOf(file, '/a.js').path = '/a.js?token=secret#frag';
  file.requests.push({ ...requestOf(file, '/a.js?token=secret#frag'), path: '/late.js', time: 8.64e15 });
  file.requests.push({ ...requestOf(file, '/a.js?token=secret#frag'), path: '/framed.js', frame: 1e300 });
  file.daily.push({ ...file.daily[0]!, day: '2099-01-01' });
  const parsed = parseExport(JSON.stringify(file)); // the schema lets all of this through: the boundary must not
  const target = freshDb();
  const counts = await importIntoStore(target, parsed, deps(target));

  // The file's requests, by time: the two pages' own documents, each followed by one script.
  expect(file.requests.map((r) => r.path)).toEqual(['/front', '/a.js?token=secret#frag', '/cart', '/b.js', '/late.js', '/framed.js']);
  expect(counts.visits.added).toBe(1);
  expect(counts.requests.added).toBe(2);
  const at = (name: string, list: unknown[]) => `${name}[${list.length}]`;
  expect(counts.refused).toEqual({
    count: 6,
    named: [
      { row: 'visits[1]', reason: 'not a web page address (javascript:)' },
      { row: 'requests[2]', reason: 'its page visit was refused' },
      { row: 'requests[3]', reason: 'its page visit was refused' },
      { row: 'requests[4]', reason: 'dated in the future' },
      { row: 'requests[5]', reason: 'a frame id no browser gives' },
      { row: at('daily', file.daily.slice(1)), reason: 'not a calendar day between 2000 and tomorrow' },
    ],
  });
  const [visit] = await visitRecords(target);
  expect(visit!.url).toBe('https://www.news.example/front');
  const script = (await records(target)).find((r) => new URL(r.url).pathname.startsWith('/a.js'))!;
  // Its path alone: no query, no fragment.
  expect(script).toMatchObject({ url: 'https://cdn.news.example/a.js', frameId: 0 });
  expect(await target.daily.where('day').equals('2099-01-01').count()).toBe(0);
  const stored = JSON.stringify(await Promise.all([target.visits.toArray(), target.requests.toArray(), target.daily.toArray()]));
  for (const secret of ['hunter2', 'alice', 'javascript', 'token', 'session', 'frag']) expect(stored).not.toContain(secret);
});

test('a query string in a path is kept as a query string when the setting keeps them', async () => {
  const file = await recordedFile();
  requestOf(file, '/a.js').path = '/a.js?token=secret';
  const target = freshDb();
  const counts = await importIntoStore(target, parseExport(JSON.stringify(file)), deps(target, { storeQueryStrings: true }));
  expect(counts.refused.count).toBe(0);
  const request = (await records(target)).find((r) => new URL(r.url).pathname === '/a.js')!;
  expect(request.url).toBe('https://cdn.news.example/a.js?token=secret');
});

test('an imported page address is stored exactly as the same address captured', async () => {
  const address = 'https://bob:pw@intranet.example/wiki?page=salaries#top';
  const captured = freshDb();
  const j = new JournalWriter('capture');
  // Through capture's own boundary: the browser's details, read as the worker reads them.
  const navigation = toNavigationStart({ requestId: '1', url: address, tabId: 1, frameId: 0, statusCode: 200, timeStamp: T })!;
  j.navigate(navigation.url, 1, navigation.time);
  await ingest(captured, j.take(), domainOnlyClassifier, settings(), new Interner());
  const file = await recordedFile();
  file.visits[0]!.url = address;
  const imported = freshDb();
  await importIntoStore(imported, parseExport(JSON.stringify(file)), deps(imported));
  const [one] = await visitRecords(captured);
  expect(one!.url).toBe('https://intranet.example/wiki');
  expect((await visitRecords(imported)).map((v) => v.url)).toContain(one!.url);
});

test('numbers outside their plausible range are refused: a page of 2^40 requests, daily parts larger than the whole, a time before 2000', async () => {
  const file = await recordedFile();
  file.visits[0]!.requests = 2 ** 40;
  file.visits[1]!.time = Date.UTC(1999, 11, 31);
  file.daily[0]!.clear = file.daily[0]!.requests + 1;
  const target = freshDb();
  const counts = await importIntoStore(target, parseExport(JSON.stringify(file)), deps(target));
  expect(counts.refused.named).toEqual([
    { row: 'visits[0]', reason: 'more than 10000000 requests on one page visit' },
    { row: 'visits[1]', reason: 'dated before 2000' },
    { row: 'requests[0]', reason: 'its page visit was refused' },
    { row: 'requests[1]', reason: 'its page visit was refused' },
    { row: 'requests[2]', reason: 'its page visit was refused' },
    { row: 'requests[3]', reason: 'its page visit was refused' },
    { row: 'daily[0]', reason: 'parts larger than their whole' },
  ]);
  expect(await target.visits.count()).toBe(0);
  expect(await target.requests.count()).toBe(0);
});
