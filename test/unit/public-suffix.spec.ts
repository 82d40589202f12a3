/**
 * Registrable domains from the Public Suffix List table compiled into owners.bin
 * (classify/public-suffix.ts) against tldts's getDomain, the library the list is taken
 * from: every rule, wildcard and exception of the list, under and beside it, and every
 * host key of the owners table must give the same answer.
 */
import { test, expect } from '@playwright/test';
import { getDomain } from 'tldts';
import { loadCoreKnowledge } from '../../src/classify/knowledge.js';
import { publicSuffixStart, registrableDomain } from '../../src/classify/public-suffix.js';
import { ensureKnowledge, folderReader } from '../../src/cli/knowledge-fs.js';

async function tables() {
  return (await loadCoreKnowledge(folderReader(await ensureKnowledge(() => {})))).owners;
}

const tldts = (host: string) =>
  getDomain(host, { allowPrivateDomains: true, extractHostname: false, detectIp: false, validateHostname: false });

test('every public suffix, the names under it and the owner keys give the registrable domain tldts gives', async () => {
  const owners = await tables();
  const { suffixes } = owners;
  const listed = new TextDecoder().decode(suffixes.keys).split('\n');
  expect(listed.length).toBeGreaterThan(5000);
  const hosts = new Set<string>();
  for (const suffix of listed) for (const prefix of ['', 'a.', 'www.', 'b.a.', 'c.b.a.']) hosts.add(prefix + suffix);
  for (const key of new TextDecoder().decode(owners.hosts.keys).split('\n'))
    for (const prefix of ['', 'x.', 'y.x.']) hosts.add(prefix + key);
  for (const host of [
    'localhost',
    'a.localhost',
    'com',
    'example.com',
    'a.b.example.co.uk',
    'github.io',
    'me.github.io',
    'a.me.github.io',
    'x.unknowntld',
    'xn--fiqs8s',
    'a.b.xn--fiqs8s',
  ])
    hosts.add(host);
  const differ: string[] = [];
  for (const host of hosts) {
    const ours = registrableDomain(suffixes, host);
    if (ours !== tldts(host)) differ.push(`${host}: ours ${ours}, tldts ${tldts(host)}`);
  }
  expect(differ.slice(0, 20)).toEqual([]);
  expect(hosts.size).toBeGreaterThan(50_000);
});

test('wildcards and exceptions follow the list', async () => {
  const { suffixes } = await tables();
  // *.ck and !www.ck; *.kawasaki.jp and !city.kawasaki.jp
  expect(registrableDomain(suffixes, 'foo.ck')).toBeNull();
  expect(registrableDomain(suffixes, 'a.foo.ck')).toBe('a.foo.ck');
  expect(registrableDomain(suffixes, 'www.ck')).toBe('www.ck');
  expect(registrableDomain(suffixes, 'a.www.ck')).toBe('www.ck');
  expect(registrableDomain(suffixes, 'x.city.kawasaki.jp')).toBe('city.kawasaki.jp');
  expect(registrableDomain(suffixes, 'x.other.kawasaki.jp')).toBe('x.other.kawasaki.jp');
  expect(publicSuffixStart(suffixes, 'abc.github.io')).toBe(4);
  expect(registrableDomain(suffixes, 'com')).toBeNull();
});
