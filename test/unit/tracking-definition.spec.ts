/**
 * Tracker reach counts hosts that track, by one definition (src/classify/tracking.ts):
 * every category the compiled knowledge uses is decided there, and the figure follows it
 * whatever surface computes it. Badges keep naming every category.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { isTrackingCategory, tracks, TRACKING_BY_CATEGORY } from '../../src/classify/tracking.js';
import { classify } from '../../src/classify/classify.js';
import { ensureKnowledge } from '../../src/cli/knowledge-fs.js';
import { exposureIn } from '../../src/report/aggregate/exposure.js';
import { daysRange, slicesOver } from '../../src/report/aggregate/period.js';
import type { HostFacts, IpFacts, VisitFacts } from '../../src/store/visit-facts.js';
import { builtKnowledge } from './classify-knowledge.js';

const root = path.resolve(import.meta.dirname, '../..');

/** The decision for each category, as docs/report-figures.md states it. */
const TRACKING = ['advertising', 'pornvertising', 'site_analytics', 'social_media', 'extensions'];
const NOT_TRACKING = ['audio_video_player', 'consent', 'customer_interaction', 'hosting', 'utilities', 'misc'];

async function compiledCategories(): Promise<string[]> {
  const dir = await ensureKnowledge(() => {});
  const owners = JSON.parse(await readFile(path.join(dir, 'owners.json'), 'utf8')) as {
    categories: string[];
    trackers: { category: number[] };
  };
  return [...new Set(owners.trackers.category.map((index) => owners.categories[index]!))].sort();
}

test('every category the compiled knowledge gives a tracker is decided, and decided as the docs say', async () => {
  const used = await compiledCategories();
  expect(used.length).toBeGreaterThanOrEqual(10);
  // A category a newer TrackerDB adds fails here until someone decides it.
  expect(
    used.filter((category) => !Object.hasOwn(TRACKING_BY_CATEGORY, category)),
    'categories nobody decided',
  ).toEqual([]);
  expect(used.filter(isTrackingCategory)).toEqual(TRACKING.filter((c) => used.includes(c)).sort());
  expect(used.filter((category) => !isTrackingCategory(category))).toEqual(NOT_TRACKING.filter((c) => used.includes(c)).sort());
  // Every third-party-web category maps onto a decided one.
  const mapping = JSON.parse(await readFile(path.join(root, 'src/knowledge/data/categories.json'), 'utf8')) as {
    thirdPartyWeb: Record<string, string>;
  };
  for (const [from, to] of Object.entries(mapping.thirdPartyWeb))
    expect(Object.hasOwn(TRACKING_BY_CATEGORY, to), `third-party-web ${from} → ${to}`).toBe(true);
});

test('an unknown category, a prototype name or no tracker at all is not tracking', () => {
  for (const category of ['fingerprinting_v2', 'constructor', '__proto__', 'toString', 'hasOwnProperty', ''])
    expect(isTrackingCategory(category), category).toBe(false);
  expect(tracks(null)).toBe(false);
  expect(tracks(undefined)).toBe(false);
  expect(tracks({ category: 'advertising' })).toBe(true);
});

test('with the real knowledge: a video player, a consent manager, web fonts and a CDN do not track; ads, analytics, session recording and social widgets do', async () => {
  const knowledge = await builtKnowledge();
  const verdict = (host: string) => {
    const c = classify(knowledge, { url: `https://${host}/x.js`, page: 'https://www.city-services.example/' });
    return { listed: c.tracker !== null, tracks: tracks(c.tracker) };
  };
  for (const host of [
    'www.youtube-nocookie.com',
    'consent.cookiebot.com',
    'cdn.cookielaw.org',
    'fonts.googleapis.com',
    'cdnjs.cloudflare.com',
  ]) {
    expect(verdict(host), host).toEqual({ listed: true, tracks: false });
  }
  for (const host of ['securepubads.g.doubleclick.net', 'www.google-analytics.com', 'static.hotjar.com', 'connect.facebook.net']) {
    expect(verdict(host), host).toEqual({ listed: true, tracks: true });
  }
});

test('tracker reach counts a visit once one of its hosts is in a tracking category, for every category the knowledge uses', async () => {
  const categories = await compiledCategories();
  const hour = Date.UTC(2026, 10, 28, 9);
  const hosts = new Map<number, HostFacts>([
    [1, { name: 'www.site.example', domain: 'site.example', company: null, parent: null, jurisdiction: null, prism: false, tracker: null }],
  ]);
  const visits: VisitFacts[] = categories.map((category, i) => {
    hosts.set(10 + i, {
      name: `t${i}.example`,
      domain: `t${i}.example`,
      company: `Company ${i}`,
      parent: null,
      jurisdiction: null,
      prism: false,
      tracker: { name: `T${i}`, category },
    });
    return {
      id: i + 1,
      time: hour + i * 1000,
      site: 'site.example',
      host: 1,
      shown: true,
      prerender: false,
      inferred: false,
      hosts: [1, 10 + i],
      ips: [],
      requests: 2,
      clearText: 0,
    };
  });
  const range = daysRange(hour, hour);
  const e = exposureIn(range, slicesOver(range), visits, hosts, new Map<number, IpFacts>());
  expect(e.visits).toBe(categories.length);
  expect(e.trackerReach.visits).toBe(categories.filter((c) => TRACKING.includes(c)).length);
  // Badges still name every category: each observer keeps its host's.
  expect(e.observers.flatMap((o) => o.categories).sort()).toEqual(categories);
});
