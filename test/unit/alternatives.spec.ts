/**
 * The alternatives table: services matched on host and path (reCAPTCHA on www.google.com,
 * not Search on the same host), whatever the input; which sites used each, from requests
 * stored through the pipeline; every entry's texts in both languages and every recommended
 * service classified by the compiled knowledge.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { ServiceMatcher } from '../../src/classify/service-match.js';
import { classifyAlternatives, parseAlternativeHosts } from '../../src/classify/alternative-hosts.js';
import { parseAlternativesTable } from '../../src/knowledge/alternatives.js';
import {
  ownerMessage,
  pathUsesOf,
  personMessage,
  SERVICE_MATCHER,
  SERVICES,
  servicesSeen,
} from '../../src/report/aggregate/alternatives.js';
import { dailyBetween } from '../../src/store/queries.js';
import { pathUsesBetween } from '../../src/store/service-paths.js';
import { dayOf } from '../../src/store/url-parts.js';
import type { CaptureEvent } from '../../src/shared/types.js';
import { builtKnowledge } from './classify-knowledge.js';
import { SessionArea } from './helpers/session-area.js';
import { freshDb, pipelineOver } from './helpers/test-store.js';

const root = path.resolve(import.meta.dirname, '../..');
const locale = (l: string) =>
  JSON.parse(readFileSync(path.join(root, 'extension/_locales', l, 'messages.json'), 'utf8')) as Record<string, { message: string }>;

test('reCAPTCHA is matched on www.google.com/recaptcha/ and not on www.google.com/search; the most specific rule wins', () => {
  const m = SERVICE_MATCHER;
  const cases: [string, string | null, string | null][] = [
    ['www.google.com', '/recaptcha/api2/anchor', 'recaptcha'],
    ['www.google.com', '/recaptcha/api.js', 'recaptcha'],
    ['www.gstatic.com', '/recaptcha/releases/abc/recaptcha__en.js', 'recaptcha'],
    ['www.recaptcha.net', '/recaptcha/api.js', 'recaptcha'],
    ['www.google.com', '/search', 'google-search'],
    ['www.google.com', '/maps/embed', 'google-maps'],
    ['maps.google.com', '/', 'google-maps'],
    ['www.google.com', '/recaptchas', null],
    ['www.google.com', '/', null],
    ['www.google.com', null, null],
    ['docs.google.com', '/forms/d/e/x/viewform', 'google-forms'],
    ['docs.google.com', '/document/d/x', 'google-drive'],
    ['fonts.gstatic.com', '/s/a.woff2', 'google-fonts'],
    ['www.gstatic.com', '/images/x.png', null],
    ['bat.bing.com', '/bat.js', 'bing-uet'],
    ['www.bing.com', '/search', 'bing'],
    ['px.ads.linkedin.com', '/collect', 'linkedin-insight'],
    ['www.linkedin.com', '/embed', 'linkedin'],
    ['notgoogle.com', '/recaptcha/api.js', null],
    ['evilgoogle-analytics.com', '/collect', null],
    ['WWW.Google.COM.', '/recaptcha/api2/anchor', 'recaptcha'],
  ];
  expect(cases.map(([host, p]) => m.serviceOf(host, p))).toEqual(cases.map(([, , id]) => id));
  expect(['www.google.com', 'docs.google.com', 'www.gstatic.com'].map((h) => m.needsPath(h))).toEqual([true, true, true]);
  expect(['maps.google.com', 'fonts.gstatic.com', 'www.google-analytics.com', 'example.org'].map((h) => m.needsPath(h))).toEqual([
    false,
    false,
    false,
    false,
  ]);
});

test('hostile hosts and paths give no service and never throw', () => {
  const m = SERVICE_MATCHER;
  const hostile: unknown[] = [
    undefined,
    null,
    42,
    {},
    [],
    '',
    '.',
    '__proto__',
    'constructor',
    'www.google.com/recaptcha/',
    ' www.google.com',
  ];
  hostile.push('a.'.repeat(300) + 'google.com', 'xn--80ak6aa92e.com', '[::1]', 'www.google.com\n', 'www.google.com\u0000');
  for (const host of hostile) {
    expect(m.serviceOf(host, '/recaptcha/api.js'), String(host)).toBeNull();
    expect(m.needsPath(host)).toBe(false);
  }
  for (const p of [undefined, 42, {}, '', 'recaptcha/api.js', '\u0000/recaptcha/', '/RECAPTCHA/api.js']) {
    expect(m.serviceOf('www.google.com', p), String(p)).toBeNull();
  }
  expect(m.serviceOf('www.google.com', `/recaptcha/${'x'.repeat(100_000)}`)).toBe('recaptcha');
  // A table of its own: rules are data, not code.
  const own = new ServiceMatcher([{ id: 'x', match: [{ host: 'example.org', paths: ['/a/', '/b'] }] }]);
  expect(['/a/1', '/b', '/b/2', '/bc', '/a'].map((p) => own.serviceOf('www.example.org', p))).toEqual(['x', 'x', 'x', null, null]);
});

test('the table: over 40 services, each with its texts in English and French, a source, and recommendations the knowledge classifies', async () => {
  expect(SERVICES.length).toBeGreaterThanOrEqual(40);
  const [en, fr] = [locale('en'), locale('fr')];
  for (const s of SERVICES) {
    for (const name of [personMessage(s.id), ownerMessage(s.id)]) {
      expect(en[name]?.message, `en ${name}`).toBeTruthy();
      expect(fr[name]?.message, `fr ${name}`).toBeTruthy();
      expect(fr[name]!.message, `${name} is translated`).not.toBe(en[name]!.message);
    }
    expect(s.source).toMatch(/^https:\/\//);
    expect(s.alternatives.length).toBeGreaterThan(0);
  }
  // Every rule is reachable: a request to its host (and path) is matched to its own service.
  for (const s of SERVICES)
    for (const rule of s.match)
      for (const p of rule.paths ?? ['/']) expect(SERVICE_MATCHER.serviceOf(rule.host, p), `${rule.host}${p}`).toBe(s.id);
  const classified = classifyAlternatives(
    await builtKnowledge(),
    SERVICES.flatMap((s) => s.alternatives),
  );
  for (const h of classified) {
    expect(h.company, h.host).not.toBeNull();
    expect(h.jurisdiction, h.host).toMatch(/^[A-Z]{2}$/);
  }
  expect(classified.find((h) => h.host === 'qwant.com')).toMatchObject({ jurisdiction: 'FR', prism: false });
});

test('a damaged alternative-hosts file gives no jurisdiction rather than a wrong one', () => {
  for (const json of [null, 42, 'text', {}, { format: 2, hosts: [] }, { format: 1, hosts: 'x' }])
    expect(parseAlternativeHosts(json).size).toBe(0);
  const parsed = parseAlternativeHosts({
    format: 1,
    hosts: [
      null,
      { host: 42 },
      { host: 'qwant.com', company: 'Qwant', parent: {}, jurisdiction: ['FR'], prism: 'yes' },
      { host: '__proto__' },
    ],
  });
  expect(parsed.get('qwant.com')).toEqual({ host: 'qwant.com', company: 'Qwant', parent: null, jurisdiction: null, prism: false });
  expect([...parsed.keys()]).toEqual(['qwant.com', '__proto__']);
});

test('the build rejects a table with a duplicate rule, a bad path or host, or no recommendation', () => {
  const table = (services: unknown) => () => parseAlternativesTable({ services });
  const ok = { id: 'a', service: 'A', match: [{ host: 'a.example' }], alternatives: ['b.example'], source: 'https://a.example/' };
  expect(parseAlternativesTable({ services: [ok] })).toHaveLength(1);
  expect(table([ok, { ...ok, id: 'b' }])).toThrow(/already matched/);
  expect(table([{ ...ok, match: [{ host: 'a.example', paths: ['no-slash'] }] }])).toThrow(/not a path/);
  expect(table([{ ...ok, match: [{ host: 'A.example' }] }])).toThrow(/host name/);
  expect(table([{ ...ok, alternatives: [] }])).toThrow(/alternatives/);
  expect(table([{ ...ok, source: 'http://a.example/' }])).toThrow(/https/);
  expect(table('not a list')).toThrow(/services/);
});

let ids = 0;
const navigation = (url: string, tabId: number): CaptureEvent => ({
  kind: 'navigation',
  navigation: { requestId: `n${++ids}`, time: Date.now(), url, tabId, frameId: 0, statusCode: 200, documentLifecycle: null, commits: true },
});
const request = (url: string, tabId: number): CaptureEvent => ({
  kind: 'request',
  request: {
    ...{ requestId: `r${++ids}`, time: Date.now(), url, method: 'GET', type: 'script', tabId, frameId: 0, parentFrameId: -1 },
    ...{ initiator: null, topUrl: null, documentId: null, documentLifecycle: null, frameType: null, outcome: 'completed' },
    ...{ statusCode: 200, ip: '192.0.2.1', fromCache: false, redirectUrl: null, error: null, cookies: null, referrer: null },
  },
});

test('which sites used each service, from the stored requests: paths without their query, most sites first, then most requests', async () => {
  const db = freshDb('alternatives');
  const { pipeline } = pipelineOver(db, new SessionArea());
  const from = Date.now() - 1000;
  pipeline.push(navigation('https://contact.example/', 1));
  pipeline.push(request('https://www.google.com/recaptcha/api2/anchor?k=secret-site-key', 1));
  pipeline.push(request('https://www.google.com/recaptcha/api2/anchor?k=secret-site-key', 1));
  pipeline.push(request('https://www.google.com/search?q=secret', 1));
  pipeline.push(request('https://fonts.gstatic.com/s/a.woff2', 1));
  pipeline.push(navigation('https://news.example/', 2));
  pipeline.push(request('https://www.google.com/recaptcha/api.js', 2));
  pipeline.push(request('https://fonts.googleapis.com/css2', 2));
  pipeline.push(request('https://www.google.com/favicon.ico', 2));
  await pipeline.flush();
  const to = Date.now() + 1000;
  const paths = await pathUsesBetween(db, (h) => SERVICE_MATCHER.needsPath(h), from, to);
  expect(paths.map((u) => `${u.site} ${u.host}${u.path} ${u.requests}`).sort()).toEqual([
    'contact.example www.google.com/recaptcha/api2/anchor 2',
    'contact.example www.google.com/search 1',
    'news.example www.google.com/favicon.ico 1',
    'news.example www.google.com/recaptcha/api.js 1',
  ]);
  const daily = await dailyBetween(db, dayOf(from), dayOf(to));
  const seen = servicesSeen(daily.rows, daily.hosts, paths);
  expect(seen.map((s) => [s.id, s.sites.map((x) => `${x.site} ${x.requests}`), s.hosts])).toEqual([
    ['recaptcha', ['contact.example 2', 'news.example 1'], ['www.google.com']],
    ['google-fonts', ['contact.example 1', 'news.example 1'], ['fonts.googleapis.com', 'fonts.gstatic.com']],
    ['google-search', ['contact.example 1'], ['www.google.com']],
  ]);
  // An opened export holds the same requests: the same answer from its paths.
  const hostIds = new Map([...daily.hosts].map(([id, h]) => [h.name, id]));
  const exported = paths.flatMap((u) =>
    Array.from({ length: u.requests }, () => ({ time: from + 1, host: hostIds.get(u.host)!, site: u.site, path: u.path })),
  );
  expect(servicesSeen(daily.rows, daily.hosts, pathUsesOf(exported, daily.hosts, from, to))).toEqual(seen);
  expect(pathUsesOf(exported, daily.hosts, to, to + 1)).toEqual([]);
});
