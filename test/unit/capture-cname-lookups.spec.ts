/** When the worker asks the browser's DNS (capture/cname-uncloak.ts): once per host, a few at a time, never for an address. */
import { test, expect } from '@playwright/test';
import { CanonicalNames } from '../../src/capture/cname-uncloak.js';

test('each host is asked once in a worker’s life, addresses never, and only real aliases are stored', async () => {
  const asked: string[] = [];
  const stored: [string, string][] = [];
  let inFlight = 0;
  let most = 0;
  const answers: Record<string, unknown> = {
    'f7ds.liberation.fr': 'liberation.eulerian.net.',
    'www.liberation.fr': 'www.liberation.fr',
    'evil.liberation.fr': { toString: () => 'x.eulerian.net' },
    // shared/browser.ts gives undefined for a failed lookup
    'fails.liberation.fr': undefined,
  };
  const names = new CanonicalNames({
    resolve: async (host) => {
      asked.push(host);
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return answers[host];
    },
    store: async (host, canonical) => void stored.push([host, canonical]),
  });
  const many = Array.from({ length: 20 }, (_, i) => `h${i}.liberation.fr`);
  names.note([
    'f7ds.liberation.fr',
    'www.liberation.fr',
    '192.0.2.1',
    '[2001:db8::1]',
    'evil.liberation.fr',
    'fails.liberation.fr',
    ...many,
  ]);
  names.note(['f7ds.liberation.fr', 'www.liberation.fr']);
  await names.idle();
  names.note(['f7ds.liberation.fr']);
  await names.idle();
  expect(asked.filter((h) => h === 'f7ds.liberation.fr')).toHaveLength(1);
  expect(asked).not.toContain('192.0.2.1');
  expect(asked).not.toContain('[2001:db8::1]');
  expect(asked).toHaveLength(24);
  expect(most).toBeLessThanOrEqual(4);
  expect(stored).toEqual([['f7ds.liberation.fr', 'liberation.eulerian.net']]);
});

test('once a proxy resolves names for the browser, nothing more is looked up locally', async () => {
  const asked: string[] = [];
  const names = new CanonicalNames({ resolve: async (host) => void asked.push(host), store: async () => undefined });
  names.note(['a.site.example']);
  await names.idle();
  names.note(null);
  names.note(['b.site.example', 'c.site.example']);
  await names.idle();
  expect(asked).toEqual(['a.site.example']);
});

test('after the record lost host rows (a wipe, a forgotten site), a host met again is asked again', async () => {
  const asked: string[] = [];
  const names = new CanonicalNames({ resolve: async (host) => void asked.push(host), store: async () => undefined });
  names.note(['metrics.site.example']);
  await names.idle();
  names.note(['metrics.site.example']);
  await names.idle();
  expect(asked).toEqual(['metrics.site.example']);
  names.forget();
  names.note(['metrics.site.example']);
  await names.idle();
  expect(asked).toEqual(['metrics.site.example', 'metrics.site.example']);
});
