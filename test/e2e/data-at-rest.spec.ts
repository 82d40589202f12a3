/**
 * Data at rest: with the default settings, no query string, fragment or value
 * carried in one reaches anything the extension keeps: every row of every IndexedDB store,
 * storage.local, storage.session, localStorage, Cache Storage. Read while the page's tab is
 * still open (the capture state then knows it) and after it is closed.
 * Private windows and wipe are shown in tabs-private.spec.ts and controls-wipe.spec.ts.
 */
import { test, expect, waitForRecords } from './harness.js';
import { command, currentSettings, quiesce } from './helpers/commands.js';
import { placesHolding, readEverything } from './helpers/everything-stored.js';
import { DEFAULT_SETTINGS } from '../../src/store/settings.js';

const PAGE = 'https://secret-query.example/?token=SECRET-PAGE&v=1#SECRET-PAGE-FRAGMENT';
/** What the page sends (test/fixtures/sites/secret-query.example/index.html), each with a secret in its query. */
const SENT_SECRETS = ['SECRET-PAGE', 'SECRET-IMG', 'SECRET-PIXEL', 'SECRET-FRAME', 'SECRET-REDIRECT', 'SECRET-SCRIPT', 'SECRET-FETCH'];
const STORED_URLS = [
  'https://secret-query.example/',
  'https://secret-query.example/own.png',
  'https://tracker-q.example/p.gif',
  'https://frame-q.example/embed.html',
  'https://redirect-q.example/__redirect',
  'https://tracker-q.example/after.gif',
  'https://cdn-q.example/lib.js',
  'https://api-q.example/data.json',
];

test('Chromium: no query string or fragment is kept anywhere the extension stores data, tab open or closed', async ({
  chromium,
  server,
}) => {
  const popup = await chromium.openExtensionPage('popup.html');
  await command(popup, { type: 'resume' });
  expect((await currentSettings(popup)).storeQueryStrings).toBe(DEFAULT_SETTINGS.storeQueryStrings);
  expect(DEFAULT_SETTINGS.storeQueryStrings).toBe(false);
  const from = server.log.length;
  const tab = await chromium.visit(PAGE);

  // The secrets really went out: the server received every one of them.
  await expect
    .poll(() => SENT_SECRETS.filter((secret) => !server.log.slice(from).some((e) => decodeURIComponent(e.path).includes(secret))))
    .toEqual([]);
  // And the requests that carried them are recorded, without them.
  const { requests } = await waitForRecords(popup, (rows) => STORED_URLS.every((url) => rows.some((r) => r.url === url)));
  expect(requests.filter((r) => r.host.endsWith('-q.example') || r.host === 'secret-query.example').length).toBeGreaterThanOrEqual(
    STORED_URLS.length,
  );
  await quiesce(popup, server.log);

  const whileOpen = await readEverything(popup);
  // The reader sees the real store: the recorded page and hosts are there.
  expect(Object.keys(whileOpen)).toEqual(
    expect.arrayContaining(['idb:upstream/requests', 'idb:upstream/visits', 'idb:upstream/meta', 'storage.local', 'storage.session']),
  );
  expect(JSON.stringify(whileOpen['idb:upstream/hosts'])).toContain('tracker-q.example');
  expect(JSON.stringify(whileOpen['idb:upstream/visits'])).toContain('https://secret-query.example/');
  expect(placesHolding(whileOpen, 'SECRET'), 'with the tab open').toEqual([]);

  await tab.close();
  await quiesce(popup, server.log);
  expect(placesHolding(await readEverything(popup), 'SECRET'), 'after the tab closed').toEqual([]);
  await popup.close();
});

// The search above would find a kept query string: with the setting on, it does.
test('Chromium: when the user asks to keep query strings, the same search finds them (and forgetting the site removes them)', async ({
  chromium,
  server,
}) => {
  const popup = await chromium.openExtensionPage('popup.html');
  await command(popup, { type: 'set-settings', settings: { ...DEFAULT_SETTINGS, storeQueryStrings: true } });
  const tab = await chromium.visit(PAGE.replace('SECRET-PAGE', 'KEPT-PAGE'));
  await waitForRecords(popup, (rows) => rows.some((r) => r.url.startsWith('https://tracker-q.example/p.gif?uid=SECRET-PIXEL')));
  await tab.close();
  await quiesce(popup, server.log);
  expect(placesHolding(await readEverything(popup), 'SECRET-PIXEL').some((place) => place.startsWith('idb:upstream/requests:'))).toBe(true);
  await command(popup, { type: 'set-settings', settings: DEFAULT_SETTINGS });
  await command(popup, { type: 'forget-site', site: 'secret-query.example' });
  expect(placesHolding(await readEverything(popup), 'SECRET')).toEqual([]);
  await popup.close();
});
