import { test, expect } from '@playwright/test';
import { IP_TABLE_FILES, lookupCountry, lookupNetwork, parseIpTables, type IpTables } from '../../src/classify/ip-lookup.js';
import { isPublicV4, isPublicV6 } from '../../src/classify/ip-special.js';
import { COUNTRY_PACKAGE, NETWORK_PACKAGE } from '../../src/knowledge/ip-tables.js';
import { ipKnowledge } from './helpers/ip-knowledge.js';
import { compressV6, formatV4, formatV6, oracle, type RangeOracle } from './helpers/ip-oracle.js';

// The first run compiles the real tables (several seconds); later runs reuse them.
test.describe.configure({ timeout: 180_000 });

let tables: IpTables;
test.beforeAll(async () => {
  tables = (await ipKnowledge()).tables;
});

const country = (ip: string) => lookupCountry(tables.country, ip);
const asn = (ip: string) => lookupNetwork(tables.network, ip)?.asn ?? null;

test('well-known addresses', () => {
  expect(country('8.8.8.8')).toBe('US');
  expect(lookupNetwork(tables.network, '8.8.8.8')).toEqual({ asn: 15169, name: 'Google LLC' });
  expect(country('2001:4860:4860::8888')).toBe('US');
  expect(lookupNetwork(tables.network, '2001:4860:4860::8888')).toEqual({ asn: 15169, name: 'Google LLC' });
  // 1.1.1.0/24 is Cloudflare's network on an APNIC (Australian) registration.
  expect(lookupNetwork(tables.network, '1.1.1.1')).toEqual({ asn: 13335, name: 'Cloudflare, Inc.' });
  expect(lookupNetwork(tables.network, '2606:4700:4700::1111')).toEqual({ asn: 13335, name: 'Cloudflare, Inc.' });
  // 77.128.0.0-77.159.255.255 FR (SFR), between IL and NL rows.
  expect(country('77.130.1.2')).toBe('FR');
});

test('IPv4 range starts and ends are exact (geo-whois-asn-country rows 1-3)', () => {
  // 1.0.0.0-1.0.0.255 AU, 1.0.1.0-1.0.3.255 CN, 1.0.4.0-1.0.7.255 AU
  expect(country('1.0.0.0')).toBe('AU');
  expect(country('1.0.0.255')).toBe('AU');
  expect(country('1.0.1.0')).toBe('CN');
  expect(country('1.0.3.255')).toBe('CN');
  expect(country('1.0.4.0')).toBe('AU');
  // 77.124.0.0-77.127.255.255 IL | 77.128.0.0-77.159.255.255 FR | 77.160.0.0- NL
  expect(country('77.127.255.255')).toBe('IL');
  expect(country('77.128.0.0')).toBe('FR');
  expect(country('77.159.255.255')).toBe('FR');
  expect(country('77.160.0.0')).toBe('NL');
});

test('IPv4 gaps in the data are null', () => {
  // 23.129.176.0-23.129.176.255 PR, nothing until 23.129.180.0 US
  expect(country('23.129.176.255')).toBe('PR');
  expect(country('23.129.177.0')).toBeNull();
  expect(country('23.129.179.255')).toBeNull();
  expect(country('23.129.180.0')).toBe('US');
  // asn: 1.0.0.0/24 Cloudflare, nothing for 1.0.1.0-1.0.3.255, 1.0.4.0 AS38803
  expect(asn('1.0.0.255')).toBe(13335);
  expect(asn('1.0.1.0')).toBeNull();
  expect(asn('1.0.3.255')).toBeNull();
  expect(lookupNetwork(tables.network, '1.0.4.0')).toEqual({ asn: 38803, name: 'Gtelecom Pty Ltd' });
});

test('IPv4 overlaps: the most specific row wins', () => {
  // 2.58.196.0-2.58.197.255 DE, with 2.58.197.15 alone BE
  expect(country('2.58.197.14')).toBe('DE');
  expect(country('2.58.197.15')).toBe('BE');
  expect(country('2.58.197.16')).toBe('DE');
  // AS749 214.95.0.0-215.0.255.255 partly covered by the narrower AS721 215.0.0.0-215.1.3.255
  expect(asn('214.95.0.0')).toBe(749);
  expect(asn('214.255.255.255')).toBe(749);
  expect(asn('215.0.0.0')).toBe(721);
  expect(asn('215.0.255.255')).toBe(721);
  expect(asn('215.1.3.255')).toBe(721);
  expect(asn('215.1.4.0')).toBe(27066);
});

test('IPv6 range starts, ends and gaps', () => {
  // 2001:4860::/32 US, then nothing until 2001:4868::
  expect(country('2001:4860::')).toBe('US');
  expect(country('2001:4860:ffff:ffff:ffff:ffff:ffff:ffff')).toBe('US');
  expect(country('2001:4861::')).toBeNull();
  expect(country('2001:4867:ffff:ffff:ffff:ffff:ffff:ffff')).toBeNull();
  expect(country('2001:4868::')).toBe('US');
  // asn: ...:4804 Google, 2001:4860:4805::/48 Google Ireland, 2001:4860:4806:: Google again
  expect(asn('2001:4860:4804:ffff:ffff:ffff:ffff:ffff')).toBe(15169);
  expect(lookupNetwork(tables.network, '2001:4860:4805::')).toEqual({ asn: 43515, name: 'Google Ireland Limited' });
  expect(asn('2001:4860:4806::')).toBe(15169);
});

test('IPv6 ranges narrower than a /64 stay exact', () => {
  // 2c0f:e9a0::-2c0f:e9a0:2::29:ffff ZA | 2c0f:e9a0:2::2a:0-2c0f:e9a0:2::2a:ffff FR | then ZA
  expect(country('2c0f:e9a0:2::')).toBe('ZA');
  expect(country('2c0f:e9a0:2::29:ffff')).toBe('ZA');
  expect(country('2c0f:e9a0:2::2a:0')).toBe('FR');
  expect(country('2c0f:e9a0:2::2a:ffff')).toBe('FR');
  expect(country('2c0f:e9a0:2::2b:0')).toBe('ZA');
  expect(country('2c0f:e9a0:2:0:ffff:ffff:ffff:ffff')).toBe('ZA');
  expect(country('2c0f:e9a0:3::')).toBe('ZA');
});

test('IPv4-mapped and NAT64 IPv6 addresses resolve as their IPv4 address', () => {
  for (const ip of ['::ffff:8.8.8.8', '::FFFF:808:808', '[::ffff:8.8.8.8]', '64:ff9b::8.8.8.8', '64:ff9b::808:808']) {
    expect(country(ip), ip).toBe('US');
    expect(asn(ip), ip).toBe(15169);
  }
  expect(country('::ffff:2.58.197.15')).toBe('BE');
  expect(country('::ffff:10.0.0.1')).toBeNull();
  expect(country('::ffff:127.0.0.1')).toBeNull();
});

test('private, loopback, link-local, multicast, documentation and reserved addresses are null', () => {
  const notPublic = [
    '0.0.0.0',
    '10.1.2.3',
    '100.64.0.1',
    '127.0.0.1',
    '169.254.169.254',
    '172.16.5.4',
    '192.0.0.8',
    '192.0.2.1',
    '192.168.1.1',
    '198.18.0.1',
    '198.51.100.1',
    '203.0.113.1',
    '224.0.0.251',
    '239.255.255.250',
    '240.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fc00::1',
    'fd00::1',
    'fe80::1',
    'fe80::1%eth0',
    '[fe80::1%en0]',
    'ff02::fb',
    'ff05::1:3',
    '2001:db8::1',
    '3fff::1',
    '100::1',
    '64:ff9b:1::1',
    // The data places 2001:2::/48 (benchmarking, RFC 5180) in JP; the rule wins.
    '2001:2::1',
  ];
  for (const ip of notPublic) {
    expect(country(ip), ip).toBeNull();
    expect(lookupNetwork(tables.network, ip), ip).toBeNull();
  }
});

test('malformed strings are null, never an exception', () => {
  for (const ip of [
    '',
    ' ',
    '8.8.8',
    '8.8.8.8.8',
    '08.8.8.8',
    '8.8.8.256',
    ' 8.8.8.8',
    '8.8.8.8 ',
    'dns.google',
    'http://8.8.8.8/',
    '8.8.8.8:443',
    '[8.8.8.8]',
    '2001:4860::8888::1',
    '2001:4860:4860::8888:',
    'x'.repeat(10_000),
    '🙂',
    '8.8.8.８',
  ]) {
    expect(country(ip), ip).toBeNull();
    expect(lookupNetwork(tables.network, ip), ip).toBeNull();
  }
});

test('results: interned country codes, a fresh network object with a shared name string', () => {
  const a = lookupNetwork(tables.network, '8.8.8.8')!;
  const b = lookupNetwork(tables.network, '8.8.4.4')!;
  expect(a).not.toBe(b);
  expect(a.name).toBe(b.name);
  expect(country('2.58.197.16')).toMatch(/^[A-Z]{2}$/);
});

test('corrupt or missing files throw a clear error', async () => {
  const { files } = await ipKnowledge();
  const [countryFile, networkFile] = IP_TABLE_FILES as [string, string];
  const copy = (buffer: ArrayBuffer, edit: (bytes: Uint8Array) => void = () => {}): ArrayBuffer => {
    const bytes = new Uint8Array(buffer.slice(0));
    edit(bytes);
    return bytes.buffer;
  };
  const parse = (replace: Record<string, ArrayBuffer | undefined>) => () =>
    parseIpTables({ ...files, ...replace } as Record<string, ArrayBuffer>);
  expect(parseIpTables(files)).toBeTruthy();
  expect(parse({ [countryFile]: undefined })).toThrow(new RegExp(`${countryFile}: missing`));
  expect(parse({ [countryFile]: new ArrayBuffer(10) })).toThrow(/truncated/);
  expect(parse({ [countryFile]: new Uint8Array(files[countryFile]!) as unknown as ArrayBuffer })).toThrow(
    /ip-country\.bin: expected an ArrayBuffer/,
  );
  expect(parse({ [countryFile]: copy(files[countryFile]!, (b) => (b[0] = 0)) })).toThrow(/bad magic/);
  expect(parse({ [countryFile]: copy(files[countryFile]!, (b) => (b[6] = 99)) })).toThrow(/format version 99/);
  expect(parse({ [countryFile]: files[networkFile] })).toThrow(/ip-country\.bin: holds table kind 2/);
  expect(parse({ [networkFile]: files[networkFile]!.slice(0, files[networkFile]!.byteLength - 1) })).toThrow(
    /ip-asn\.bin: .* bytes where its header announces/,
  );
  const grown = new Uint8Array(files[networkFile]!.byteLength + 1);
  grown.set(new Uint8Array(files[networkFile]!));
  expect(parse({ [networkFile]: grown.buffer })).toThrow(/header announces/);
  expect(parse({ [countryFile]: copy(files[countryFile]!, (b) => (b[8] = 0)) })).toThrow(/ip-country\.bin/);
});

// Every lookup checked against a brute-force reading of the CSV rows: sampled rows at
// their first and last address and one step outside, plus random addresses.
for (const [label, pkg, file, lookup] of [
  ['country IPv4', COUNTRY_PACKAGE, 'geo-whois-asn-country-ipv4-num.csv', (ip: string) => country(ip)],
  ['network IPv4', NETWORK_PACKAGE, 'asn-ipv4-num.csv', (ip: string) => asn(ip)?.toString() ?? null],
  ['country IPv6', COUNTRY_PACKAGE, 'geo-whois-asn-country-ipv6-num.csv', (ip: string) => country(ip)],
  ['network IPv6', NETWORK_PACKAGE, 'asn-ipv6-num.csv', (ip: string) => asn(ip)?.toString() ?? null],
] as const) {
  test(`${label}: agrees with the CSV rows, brute force`, async () => {
    const reference: RangeOracle = await oracle(pkg, file);
    const v6 = label.endsWith('IPv6');
    const max = v6 ? (1n << 128n) - 1n : (1n << 32n) - 1n;
    const random = seeded(label.length * 7919);
    const addresses: bigint[] = [];
    for (let k = 0; k < 3000; k++) {
      const r = reference.rows[Math.floor(random() * reference.rows.length)]!;
      const inside = r.start + ((r.end - r.start) * BigInt(Math.floor(random() * 1e9))) / 1_000_000_000n;
      addresses.push(r.start, r.end, inside);
      if (r.start > 0n) addresses.push(r.start - 1n);
      if (r.end < max) addresses.push(r.end + 1n);
      addresses.push(v6 ? (0x2n << 124n) | (BigInt(Math.floor(random() * 2 ** 52)) << 72n) : BigInt(Math.floor(random() * 2 ** 32)));
    }
    const words = new Uint32Array(4);
    let mismatches = 0;
    const report: string[] = [];
    for (const address of addresses) {
      let text: string;
      let isPublic: boolean;
      if (v6) {
        text = random() < 0.5 ? compressV6(address) : formatV6(address);
        for (let w = 0; w < 4; w++) words[w] = Number((address >> BigInt(96 - 32 * w)) & 0xffffffffn);
        // Mapped and NAT64 addresses are looked up as IPv4; keep to addresses that are not.
        if (words[0] === 0x0064ff9b || (words[0] === 0 && words[1] === 0)) continue;
        isPublic = isPublicV6(words);
      } else {
        text = formatV4(address);
        isPublic = isPublicV4(Number(address));
      }
      const expected = isPublic ? reference.valueAt(address) : null;
      const actual = lookup(text);
      if (actual !== expected) {
        mismatches++;
        if (report.length < 10) report.push(`${text}: expected ${expected}, got ${actual}`);
      }
    }
    expect(report).toEqual([]);
    expect(mismatches).toBe(0);
  });
}

/** A small deterministic generator, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}
