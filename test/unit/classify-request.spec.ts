import { test, expect } from '@playwright/test';
import { classify, InvalidUrlError } from '../../src/classify/classify.js';
import { builtKnowledge } from './classify-knowledge.js';

const KEYS = [
  'url',
  'host',
  'domain',
  'thirdParty',
  'tracker',
  'company',
  'parent',
  'jurisdiction',
  'prism',
  'serverCountry',
  'network',
  'hosting',
  'location',
  'cleartext',
  'sources',
];

test('a classification has exactly the documented keys, in order', async () => {
  const result = classify(await builtKnowledge(), {
    url: 'https://www.google-analytics.com/g/collect',
    ip: '142.250.74.46',
    page: 'https://www.lemonde.fr/',
  });
  expect(Object.keys(result)).toEqual(KEYS);
  expect(Object.keys(classify(await builtKnowledge(), { url: 'data:,x' }))).toEqual(KEYS);
});

test('a server IP adds its country, network, hosting operator and their sources', async () => {
  const knowledge = await builtKnowledge();
  const withIp = classify(knowledge, { url: 'https://www.google-analytics.com/g/collect', ip: '142.250.74.46' });
  expect(withIp.serverCountry).toBe('US');
  expect(withIp.network).toEqual({ asn: 15169, name: 'Google LLC' });
  expect(withIp.hosting).toEqual({ asn: 15169, network: 'Google LLC', company: 'Google', jurisdiction: 'US' });
  expect(withIp.sources).toEqual(['trackerdb', 'jurisdictions', 'ip-location-db', 'networks']);
  const without = classify(knowledge, { url: 'https://www.google-analytics.com/g/collect' });
  expect([without.serverCountry, without.network, without.hosting]).toEqual([null, null, null]);
  expect(without.sources).toEqual(['trackerdb', 'jurisdictions']);
});

test('an IP-literal host is its own server address', async () => {
  const knowledge = await builtKnowledge();
  const v6 = classify(knowledge, { url: 'https://[2606:4700:4700::1111]/dns-query' });
  expect(v6).toMatchObject({ host: '[2606:4700:4700::1111]', domain: '[2606:4700:4700::1111]', company: null, serverCountry: 'US' });
  expect(v6.network?.asn).toBe(13335);
  // The operator's company comes from Upstream's tables (networks.json joined to jurisdictions.json).
  expect(v6.hosting).toEqual({ asn: 13335, network: 'Cloudflare, Inc.', company: 'Cloudflare', jurisdiction: 'US' });
  expect(v6.sources).toEqual(['jurisdictions', 'ip-location-db', 'networks']);
  const v4 = classify(knowledge, { url: 'http://8.8.8.8/' });
  expect(v4.network?.asn).toBe(15169);
  expect(v4.cleartext).toBe(true);
  // A private address has no country or network, and no error either.
  expect(classify(knowledge, { url: 'http://192.168.1.10/' })).toMatchObject({
    serverCountry: null,
    network: null,
    hosting: null,
    sources: [],
  });
});

test('sources name only the data sets that answered', async () => {
  const knowledge = await builtKnowledge();
  expect(classify(knowledge, { url: 'https://www.example.org/' }).sources).toEqual([]);
  // TrackerDB alone: tracker and organisation, no table row.
  expect(classify(knowledge, { url: 'https://logc279.xiti.com/hit.xiti' }).sources).toEqual(['trackerdb']);
  // Both: a TrackerDB tracker whose company the table names and cites.
  expect(classify(knowledge, { url: 'https://static.criteo.net/js/ld/publishertag.js' }).sources).toEqual(['trackerdb', 'jurisdictions']);
  // The table alone: icloud.com is missing upstream.
  expect(classify(knowledge, { url: 'https://www.icloud.com/' }).sources).toEqual(['jurisdictions']);
  // third-party-web: a host TrackerDB lacks.
  expect(classify(knowledge, { url: 'https://is1-ssl.mzstatic.com/x.png' }).sources).toEqual(['third-party-web', 'jurisdictions']);
});

test('same site and same company are first party; a platform does not make sites one company', async () => {
  const knowledge = await builtKnowledge();
  const party = (url: string, page?: string) => classify(knowledge, { url, page: page ?? null }).thirdParty;
  expect(party('https://www.youtube.com/embed/x', 'https://www.google.com/')).toBe(false);
  expect(party('https://i.ytimg.com/vi/x/0.jpg', 'https://www.youtube.com/watch?v=x')).toBe(false);
  expect(party('https://scontent.cdninstagram.com/x.jpg', 'https://www.facebook.com/')).toBe(false);
  expect(party('https://static.licdn.com/x.css', 'https://www.microsoft.com/')).toBe(false);
  expect(party('https://www.example.org/a.js', 'https://example.org/')).toBe(false);
  expect(party('https://www.google-analytics.com/analytics.js', 'https://www.lemonde.fr/')).toBe(true);
  expect(party('https://www.youtube.com/embed/x', 'https://www.lemonde.fr/')).toBe(true);
  expect(party('https://alice.github.io/app.js', 'https://bob.github.io/')).toBe(true);
  expect(party('https://alice.github.io/app.js', 'https://alice.github.io/')).toBe(false);
  expect(party('https://d2.cloudfront.net/x.js', 'https://d1.cloudfront.net/')).toBe(true);
  expect(party('https://cdn.unknown-a.example/x.js', 'https://unknown-b.example/')).toBe(true);
  // Nothing to be third to: no page, a page without a host, a broken page URL.
  expect(party('https://www.google-analytics.com/analytics.js')).toBe(false);
  expect(party('https://www.google-analytics.com/analytics.js', 'about:blank')).toBe(false);
  expect(party('https://www.google-analytics.com/analytics.js', 'not a page')).toBe(false);
});

test('URLs that are not network requests are classified, not rejected', async () => {
  const knowledge = await builtKnowledge();
  for (const url of [
    'data:text/html,<p>x</p>',
    'blob:https://example.org/0b3c',
    'about:blank',
    'javascript:void(0)',
    'chrome-extension://abcdefghijklmnop/popup.html',
    'moz-extension://1234-5678/report.html',
  ]) {
    expect(classify(knowledge, { url, page: 'https://example.org/' }), url).toMatchObject({
      host: null,
      domain: null,
      thirdParty: false,
      tracker: null,
      company: null,
      prism: false,
      cleartext: false,
      sources: [],
    });
  }
});

test('strings that are not absolute URLs throw InvalidUrlError', async () => {
  const knowledge = await builtKnowledge();
  for (const url of ['', 'not a url', '/relative/path', 'www.google.com', 'http://', 'https://exa mple.com/', 'https://[::1/']) {
    expect(() => classify(knowledge, { url }), JSON.stringify(url)).toThrow(InvalidUrlError);
  }
});

test('cleartext is http: and ws: only', async () => {
  const knowledge = await builtKnowledge();
  const clear = (url: string) => classify(knowledge, { url }).cleartext;
  expect([clear('http://example.org/'), clear('ws://example.org/'), clear('https://example.org/'), clear('wss://example.org/')]).toEqual([
    true,
    true,
    false,
    false,
  ]);
});

test('hosts are normalised the way a browser does: case, IDN, ports, credentials, trailing dot', async () => {
  const knowledge = await builtKnowledge();
  const seen = (url: string) => {
    const { host, domain, company } = classify(knowledge, { url });
    return { host, domain, company };
  };
  expect(seen('HTTPS://WWW.GOOGLE.COM/')).toEqual({ host: 'www.google.com', domain: 'google.com', company: 'Google' });
  expect(seen('https://münchen.de/')).toEqual({ host: 'xn--mnchen-3ya.de', domain: 'xn--mnchen-3ya.de', company: null });
  expect(seen('https://www.facebook.com:8443/x')).toEqual({ host: 'www.facebook.com', domain: 'facebook.com', company: 'Meta' });
  expect(seen('https://user:pw@www.facebook.com/x')).toEqual({ host: 'www.facebook.com', domain: 'facebook.com', company: 'Meta' });
  expect(seen('https://www.facebook.com./x')).toEqual({ host: 'www.facebook.com.', domain: 'facebook.com', company: 'Meta' });
  expect(seen('http://0x7f.1/')).toEqual({ host: '127.0.0.1', domain: '127.0.0.1', company: null });
  expect(seen('https://[2001:DB8:0:0::1]/')).toEqual({ host: '[2001:db8::1]', domain: '[2001:db8::1]', company: null });
});

test('shared parts of a result are frozen, so one caller cannot corrupt another', async () => {
  const result = classify(await builtKnowledge(), { url: 'https://www.google-analytics.com/g/collect', ip: '142.250.74.46' });
  expect(Object.isFrozen(result.tracker)).toBe(true);
  expect(Object.isFrozen(result.sources)).toBe(true);
});
