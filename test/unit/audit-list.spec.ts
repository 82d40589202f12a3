import { test, expect } from '@playwright/test';
import { parseListFile, parseSiteList, targetUrl } from '../../src/audit/site-list.js';
import { parseShard, pickShard } from '../../src/audit/shard.js';
import { parseAuditArgs, UsageError } from '../../src/audit/audit-args.js';
import { sameSiteLinks } from '../../src/audit/run/same-site-links.js';
import { firefoxHostMapping } from '../../src/audit/run/host-rules.js';
import { navigationError } from '../../src/audit/run/audit-target.js';

test('list entries: bare hosts become https front pages, junk is reported by line, duplicates kept once', () => {
  const list = parseListFile(
    [
      '\uFEFF# sites of the workshop',
      'example.org',
      'https://www.example.com/news?page=2   # a comment',
      '',
      'not a url',
      'ftp://files.example.net/',
      'localhost:8080/app',
      'hello',
      'https://user:secret@example.org/',
      'https://www.example.com/news?page=2',
      'javascript:alert(1)',
      'x'.repeat(5000),
    ].join('\r\n'),
  );
  expect(list.urls).toEqual(['https://example.org/', 'https://www.example.com/news?page=2', 'https://localhost:8080/app']);
  expect(list.problems.map((p) => [p.line, p.reason])).toEqual([
    [5, 'contains spaces'],
    [6, 'ftp: addresses cannot be audited (only http and https)'],
    [8, 'not a web address (no domain)'],
    [9, 'holds a user name or password'],
    [11, 'javascript: addresses cannot be audited (only http and https)'],
    [12, 'longer than 4096 characters'],
  ]);
  expect(targetUrl('http://plain.example/')).toEqual({ url: 'http://plain.example/' });
  expect(parseSiteList([{ line: 0, text: '  ' }])).toEqual({ urls: [], problems: [] });
});

test('shards: disjoint, together the whole list, even in size, each address keeps its position', () => {
  const urls = Array.from({ length: 11 }, (_, i) => `https://s${i}.example/`);
  const shards = [1, 2, 3].map((index) => pickShard(urls, { index, count: 3 }));
  expect(shards.map((s) => s.length)).toEqual([4, 4, 3]);
  const all = shards.flat().sort((a, b) => a.index - b.index);
  expect(all).toEqual(urls.map((url, index) => ({ index, url })));
  expect(pickShard(urls, null)).toHaveLength(11);
  expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
  for (const bad of ['0/2', '3/2', '1/0', 'a/b', '1-2', '']) expect(() => parseShard(bad)).toThrow(/shard/);
});

test('command line: options, defaults and clear refusals', () => {
  const args = parseAuditArgs([
    'https://a.example/',
    '--browser',
    'firefox',
    '--out=/tmp/x',
    '--dwell',
    '500',
    '--pages',
    '2',
    '--shard',
    '1/3',
    '--insecure',
    '--host-rules',
    'MAP * 127.0.0.1:8443',
  ]);
  expect(args).toMatchObject({
    urls: ['https://a.example/'],
    browser: 'firefox',
    out: '/tmp/x',
    dwellMs: 500,
    pages: 2,
    shard: { index: 1, count: 3 },
    insecure: true,
    hostRules: 'MAP * 127.0.0.1:8443',
  });
  expect(parseAuditArgs([])).toMatchObject({ urls: [], browser: 'chromium', out: 'upstream-audit', dwellMs: null, pages: 0, shard: null });
  const refusals: [string[], RegExp][] = [
    [['--browser', 'chrome'], /branded Google Chrome/],
    [['--dwell', 'abc'], /--dwell takes a whole number/],
    [['--pages', '1000'], /between 0 and 100/],
    [['--file'], /--file needs a value/],
    [['--out', '--insecure'], /--out needs a value/],
    [['--shard', '4/3'], /between 1 and n/],
    [['--frobnicate'], /unknown option --frobnicate/],
  ];
  for (const [argv, message] of refusals) {
    expect(() => parseAuditArgs(argv)).toThrow(UsageError);
    expect(() => parseAuditArgs(argv)).toThrow(message);
  }
});

test('same-site links: same registrable domain, once each, no fragments, downloads or other schemes', () => {
  const page = 'https://www.shop.example.co.uk/';
  const links = sameSiteLinks(
    page,
    [
      '/products/a',
      'https://www.shop.example.co.uk/#top',
      'https://cdn.shop.example.co.uk/help',
      '/products/a#reviews',
      '/products/a?sort=1',
      'https://other.co.uk/',
      'mailto:x@shop.example.co.uk',
      '/brochure.pdf',
      42,
      'javascript:void(0)',
      '/products/b',
    ],
    3,
  );
  expect(links).toEqual([
    'https://www.shop.example.co.uk/products/a',
    'https://cdn.shop.example.co.uk/help',
    'https://www.shop.example.co.uk/products/b',
  ]);
  expect(sameSiteLinks(page, ['/a'], 0)).toEqual([]);
});

test('Firefox follows only "every host to one address" host rules, and says so otherwise', () => {
  expect(firefoxHostMapping('MAP * 127.0.0.1:8443, EXCLUDE localhost')).toEqual({ address: '127.0.0.1', port: 8443 });
  expect(firefoxHostMapping('MAP * 10.0.0.5')).toEqual({ address: '10.0.0.5', port: null });
  expect(() => firefoxHostMapping('MAP *.staging.example 10.0.0.5')).toThrow(/use --browser chromium/);
  expect(() => firefoxHostMapping('MAP * 127.0.0.1:99999')).toThrow(/out of range/);
});

test('navigation errors read as one short line', () => {
  expect(
    navigationError(new Error('page.goto: net::ERR_NAME_NOT_RESOLVED at https://nowhere.example/\nCall log:\n  - navigating'), 30_000),
  ).toBe('net::ERR_NAME_NOT_RESOLVED');
  expect(navigationError(new Error('page.goto: Timeout 30000ms exceeded.'), 30_000)).toBe('did not load within 30 s');
  expect(navigationError('odd', 1000)).toBe('odd');
});
