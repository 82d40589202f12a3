/** The site a page address is filed under, and which addresses have none. */
import { test, expect } from '@playwright/test';
import { domainOnlyClassifier } from '../../src/store/domain-only-classifier.js';
import { siteOf } from '../../src/store/sites.js';

test('web addresses are filed under their registrable domain; other schemes have no site', () => {
  const site = (url: string | null) => siteOf(url, domainOnlyClassifier);
  expect(site('https://www.news.example.co.uk/story?id=1')).toBe('example.co.uk');
  expect(site('http://user:secret@shop.example:8080/')).toBe('shop.example');
  expect(site('wss://live.example/socket')).toBe('live.example');
  expect(site('HTTPS://WWW.EXAMPLE.COM')).toBe('example.com');
  // Another extension's pages, files and the browser's own pages are not web sites.
  for (const url of [
    'chrome-extension://abcdefghijklmnopabcdefghijklmnop/page.html',
    'moz-extension://1234-5678/bg.html',
    'file:///home/me/page.html',
    'chrome://settings',
    'about:blank',
    'data:text/html,x',
    null,
    '',
    'null',
  ]) {
    expect(site(url), String(url)).toBeNull();
  }
});
