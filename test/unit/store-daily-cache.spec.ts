import 'fake-indexeddb/auto';
import { test, expect } from '@playwright/test';
import { forgetSite } from '../../src/store/controls.js';
import type { CaptureEvent, NavigationStart, Observation } from '../../src/shared/types.js';
import { SessionArea } from './helpers/session-area.js';
import { freshDb, pipelineOver } from './helpers/test-store.js';

let ids = 0;
const navigation = (url: string, tabId: number): CaptureEvent => ({
  kind: 'navigation',
  navigation: {
    requestId: `n${++ids}`,
    time: Date.now(),
    url,
    tabId,
    frameId: 0,
    statusCode: 200,
    documentLifecycle: null,
    commits: true,
  } satisfies NavigationStart,
});
const request = (url: string, tabId: number, ip: string): CaptureEvent => ({
  kind: 'request',
  request: {
    requestId: `r${++ids}`,
    time: Date.now(),
    url,
    method: 'GET',
    type: 'image',
    tabId,
    frameId: 0,
    parentFrameId: -1,
    initiator: null,
    topUrl: null,
    documentId: null,
    documentLifecycle: null,
    frameType: null,
    outcome: 'completed',
    statusCode: 200,
    ip,
    fromCache: false,
    redirectUrl: null,
    error: null,
    cookies: null,
    referrer: null,
  } satisfies Observation,
});

async function dailyOf(db: ReturnType<typeof freshDb>) {
  const names = new Map((await db.hosts.toArray()).map((h) => [h.id!, h.n]));
  const daily = (await db.daily.toArray()).map((d) => `${d.site} ${names.get(d.host)} ${d.n}`).sort();
  const ips = (await db.dailyIps.toArray()).map((d) => `${d.site} ${names.get(d.host)} ${d.n}`).sort();
  return { daily, ips };
}

test('batches add to the daily rows the worker wrote last without reading them again, and the counts are those of the requests', async () => {
  const db = freshDb('daily-cache');
  const { pipeline } = pipelineOver(db, new SessionArea());
  pipeline.push(navigation('https://news.example/', 1));
  pipeline.push(request('https://px.tracker.example/a.gif', 1, '192.0.2.1'));
  await pipeline.flush();
  expect(pipeline.dailyCache.size, 'one daily row and one per-address row').toBe(2);
  // Another batch: the cached rows are added to; a changed stored row would show here.
  for (let i = 0; i < 3; i++) pipeline.push(request(`https://px.tracker.example/b${i}.gif`, 1, '192.0.2.1'));
  await pipeline.flush();
  expect(await dailyOf(db)).toEqual({ daily: ['news.example px.tracker.example 4'], ips: ['news.example px.tracker.example 4'] });
});

test('any other work on the store drops the remembered rows: a forgotten site comes back with its new requests only', async () => {
  const db = freshDb('daily-cache');
  const { pipeline } = pipelineOver(db, new SessionArea());
  pipeline.push(navigation('https://news.example/', 1));
  pipeline.push(request('https://px.tracker.example/a.gif', 1, '192.0.2.1'));
  await pipeline.flush();
  // As the forget command does it (commands.ts): the ids the interner remembers may be gone too.
  await pipeline.exclusive(async () => {
    await forgetSite(db, 'news.example');
    pipeline.interner.reset();
  });
  expect(pipeline.dailyCache.size).toBe(0);
  expect(await dailyOf(db)).toEqual({ daily: [], ips: [] });
  pipeline.push(navigation('https://news.example/again', 2));
  pipeline.push(request('https://px.tracker.example/c.gif', 2, '192.0.2.1'));
  await pipeline.flush();
  // Remembered rows added to would give 2 here.
  expect(await dailyOf(db)).toEqual({ daily: ['news.example px.tracker.example 1'], ips: ['news.example px.tracker.example 1'] });
});
