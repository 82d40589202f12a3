/**
 * One site's page visits over a span, as the compare view splits them at a moment: only that
 * site's, only those that started in the span, oldest first, with every host they contacted
 * decoded.
 */
import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import { ingest } from '../../src/capture/ingest.js';
import { domainOnlyClassifier } from '../../src/store/domain-only-classifier.js';
import { Interner } from '../../src/store/interner.js';
import { siteVisits } from '../../src/store/site-visits.js';
import { JournalWriter } from './helpers/journal.js';
import { freshDb, settings } from './helpers/test-store.js';

const HOUR = 3_600_000;
const T = Date.now() - 10 * HOUR;

test("a site's visits in a span: not another site's, not one outside the span, each host decoded", async () => {
  const db = freshDb('site-visits');
  const j = new JournalWriter('source');
  j.navigate('https://www.news.example/early', 1, T);
  j.request({ url: 'https://pixel.tracker.example/a.gif', time: T + 10 });
  j.navigate('https://shop.example/', 2, T + HOUR);
  j.request({ url: 'https://cdn.shop.example/b.js', tabId: 2, time: T + HOUR + 10, type: 'script' });
  j.navigate('https://www.news.example/late', 1, T + 2 * HOUR);
  j.request({ url: 'https://fonts.cdn.example/c.css', time: T + 2 * HOUR + 10, type: 'stylesheet' });
  j.navigate('https://www.news.example/later', 1, T + 5 * HOUR);
  await ingest(db, j.take(), domainOnlyClassifier, settings(), new Interner());

  const { visits, hosts } = await siteVisits(db, 'news.example', T, T + 3 * HOUR);
  expect(visits.map((v) => v.time)).toEqual([T, T + 2 * HOUR]);
  expect(visits.every((v) => v.site === 'news.example')).toBe(true);
  const names = (v: (typeof visits)[number]) => v.hosts.map((id) => hosts.get(id)?.name).sort();
  expect(names(visits[0]!)).toEqual(['pixel.tracker.example', 'www.news.example']);
  expect(names(visits[1]!)).toEqual(['fonts.cdn.example', 'www.news.example']);
  expect((await siteVisits(db, 'nowhere.example', 0, Date.now())).visits).toEqual([]);
});
