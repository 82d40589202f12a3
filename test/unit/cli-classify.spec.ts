import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { cappedLines } from '../../src/cli/capped-lines.js';
import { MAX_LINE_LENGTH, noUrlAction } from '../../src/cli/classify-input.js';
import { ensureKnowledge } from '../../src/cli/knowledge-fs.js';

const root = path.resolve(import.meta.dirname, '../..');
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

/** Runs the real CLI (as `npm run classify` does) and returns what it printed. */
function runCli(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/classify.ts'), ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const lines = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

test.beforeAll(async () => {
  await ensureKnowledge(() => {}); // so the CLI does not compile inside a test's time budget
});

test('a batch on standard input prints one line per request, in order, with the documented keys', async () => {
  const input = [
    'https://www.google-analytics.com/g/collect?v=2',
    '',
    JSON.stringify({ url: 'https://i.ytimg.com/vi/x/0.jpg', ip: '142.250.74.46', page: 'https://www.youtube.com/' }),
    'http://my-small-bakery.fr/',
    JSON.stringify({ url: 'https://static.criteo.net/js/ld/publishertag.js', ip: null, page: 'https://www.lemonde.fr/' }),
  ].join('\n');
  const { code, stdout, stderr } = await runCli([], `${input}\n`);
  expect(code).toBe(0);
  const out = lines(stdout);
  expect(out).toHaveLength(4);
  for (const line of out) expect(Object.keys(line)).toEqual(KEYS);
  expect(out.map((line) => line.host)).toEqual(['www.google-analytics.com', 'i.ytimg.com', 'my-small-bakery.fr', 'static.criteo.net']);
  expect(out[1]).toMatchObject({
    company: 'Google',
    thirdParty: false,
    serverCountry: 'US',
    network: { asn: 15169, name: 'Google LLC' },
    // Google's network maps to a company, so the geolocation database places its address:
    // registered in the US, used in Sweden.
    location: { country: 'SE', city: null, evidence: 'geolocation', edge: null },
  });
  expect(out[2]).toMatchObject({ company: null, cleartext: true, sources: [] });
  expect(out[3]).toMatchObject({
    company: 'Criteo',
    jurisdiction: 'FR',
    thirdParty: true,
    tracker: { name: 'Criteo', category: 'advertising' },
  });
  expect(stderr).toContain('https://db-ip.com');
});

test('a bad input gives an error line in its place and the batch goes on', async () => {
  const input = [
    'https://www.icloud.com/',
    'not a url',
    '{"url": 42}',
    '{broken json',
    'https://exa mple.com/',
    'https://www.paltalk.com/',
  ].join('\n');
  const { code, stdout } = await runCli([], input);
  expect(code).toBe(1);
  const out = lines(stdout);
  expect(out).toHaveLength(6);
  expect(out[0]).toMatchObject({ company: 'Apple', prism: true });
  expect(out[1]).toEqual({ input: 'not a url', error: 'not a valid absolute URL: not a url' });
  expect(out[2]).toEqual({ input: '{"url": 42}', error: 'a JSON line needs a string "url"' });
  expect(out[3]).toEqual({ input: '{broken json', error: 'not valid JSON' });
  expect(out[4]).toMatchObject({ input: 'https://exa mple.com/', error: expect.stringContaining('not a valid absolute URL') });
  expect(out[5]).toMatchObject({ company: 'Paltalk', prism: true, jurisdiction: 'US' });
});

test('one URL with --ip and --page', async () => {
  const { code, stdout } = await runCli(['https://www.youtube.com/embed/x', '--ip', '142.250.74.46', '--page', 'https://www.lemonde.fr/']);
  expect(code).toBe(0);
  const [line] = lines(stdout);
  expect(Object.keys(line!)).toEqual(KEYS);
  expect(line).toMatchObject({
    domain: 'youtube.com',
    thirdParty: true,
    company: 'Google',
    parent: 'Alphabet',
    prism: true,
    serverCountry: 'US',
    hosting: { asn: 15169, network: 'Google LLC', company: 'Google', jurisdiction: 'US' },
    sources: ['trackerdb', 'jurisdictions', 'ip-location-db', 'networks'],
  });
});

test('response headers say where a CDN answered from: --header, and "headers" in a JSON line', async () => {
  // Fastly's address is registered in the US; its x-served-by names the Paris edge that answered.
  const one = await runCli([
    'https://github.githubassets.com/x.js',
    '--ip',
    '151.101.1.194',
    '--header',
    'X-Served-By: cache-par-lfpg1960082-CDG',
  ]);
  expect(one.code).toBe(0);
  expect(lines(one.stdout)[0]).toMatchObject({
    serverCountry: 'US',
    location: { country: 'FR', city: 'Paris', evidence: 'cdn-header', edge: { cdn: 'fastly', pop: 'CDG' } },
  });
  const batch = await runCli(
    [],
    [
      JSON.stringify({ url: 'https://cdnjs.cloudflare.com/x.js', ip: '104.17.24.14', headers: { 'cf-ray': '9b7d22ba0cdcde9c-FRA' } }),
      JSON.stringify({ url: 'https://cdnjs.cloudflare.com/x.js', ip: '104.17.24.14', headers: { 'cf-ray': 'not-a-ray' } }),
      JSON.stringify({ url: 'https://cdnjs.cloudflare.com/x.js', headers: ['cf-ray'] }),
    ].join('\n'),
  );
  const out = lines(batch.stdout);
  expect(out[0]).toMatchObject({ location: { country: 'DE', city: 'Frankfurt', evidence: 'cdn-header' } });
  // A header that names no edge leaves the registry country, labelled as such: Cloudflare is
  // anycast, which the geolocation database never places.
  expect(out[1]).toMatchObject({ location: { evidence: 'registry', anycast: true } });
  expect(out[2]).toMatchObject({ error: '"headers" must be an object of header names and values' });
  const bad = await runCli(['https://example.org/', '--header', 'no colon']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--header takes "name: value"');
});

test('usage errors exit with 2 and say what is wrong', async () => {
  const { code, stderr, stdout } = await runCli(['https://example.org/', '--ip']);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr).toContain('--ip needs a value');
});

// ---- bad input ----

test('a line longer than the cap is answered with an error line, and the batch goes on', async () => {
  const endless = `https://long.example/${'a'.repeat(MAX_LINE_LENGTH)}`;
  const { code, stdout } = await runCli([], `${endless}\nhttps://www.icloud.com/\n`);
  expect(code).toBe(1);
  const out = lines(stdout);
  expect(out).toHaveLength(2);
  expect(out[0]).toEqual({ input: `${endless.slice(0, 200)}…`, error: `line longer than ${MAX_LINE_LENGTH} characters, not read` });
  expect(out[1]).toMatchObject({ company: 'Apple' });
});

test('the line reader keeps only the start of an overlong line, however it is cut into chunks', async () => {
  async function* chunks() {
    yield 'short\r\nxx';
    for (let i = 0; i < 100; i++) yield 'y'.repeat(1000);
    yield 'z\nlast';
  }
  const read = [];
  for await (const line of cappedLines(chunks(), 5000)) read.push(line);
  expect(read).toEqual([
    { text: 'short', overLong: false },
    { text: `xx${'y'.repeat(198)}`, overLong: true },
    { text: 'last', overLong: false },
  ]);
});

test('--ip must be an IP address, on the command line and in a JSON line', async () => {
  const bad = await runCli(['https://example.org/', '--ip', '999.1.1.1']);
  expect(bad.code).toBe(2);
  expect(bad.stdout).toBe('');
  expect(bad.stderr).toContain('classify: --ip takes an IPv4 or IPv6 address (got "999.1.1.1")');
  const batch = await runCli(
    [],
    `${JSON.stringify({ url: 'https://example.org/', ip: '999.1.1.1' })}\n${JSON.stringify({ url: 'https://example.org/', ip: '2001:db8::1' })}\n`,
  );
  const out = lines(batch.stdout);
  expect(out[0]).toMatchObject({ error: '"ip" is not an IPv4 or IPv6 address' });
  expect(out[1]).toMatchObject({ host: 'example.org' });
});

test('a bare host name means its https:// address, as in the audit', async () => {
  const single = await runCli(['www.google-analytics.com', '--page', 'www.lemonde.fr']);
  expect(single.code).toBe(0);
  expect(lines(single.stdout)[0]).toMatchObject({ url: 'https://www.google-analytics.com/', company: 'Google', thirdParty: true });
  const batch = await runCli([], 'fonts.gstatic.com\nlocalhost:8080/x\nhello\n');
  const out = lines(batch.stdout);
  expect(out[0]).toMatchObject({ url: 'https://fonts.gstatic.com/', domain: 'gstatic.com' });
  expect(out[1]).toMatchObject({ url: 'https://localhost:8080/x', host: 'localhost' });
  // A single word is more likely a typo than a host name: refused, as the audit refuses it.
  expect(out[2]).toMatchObject({ input: 'hello', error: expect.stringContaining('not a valid absolute URL') });
});

test('output lines carry no raw control or bidi character, and still read back as the input', async () => {
  const url = 'https://example.org/\u009b2J\u202e';
  const { stdout } = await runCli([], `${JSON.stringify({ url, ip: null })}\n`);
  expect(stdout).not.toMatch(/[\u0080-\u009f\u202e]/);
  expect(lines(stdout)[0]).toMatchObject({ url });
});

test('with no URL, a terminal on standard input gets the usage instead of a silent wait', async () => {
  expect(noUrlAction(true, false)).toBe('usage');
  expect(noUrlAction(true, true)).toBe('read'); // `npm run classify -- -`: typed lines wanted
  expect(noUrlAction(false, false)).toBe('read'); // a pipe or a file
});

test('in a real pseudo-terminal, classify with no argument prints its usage and exits 2', async () => {
  test.skip(spawnSync('script', ['--version']).status !== 0, 'needs util-linux script(1) to make a pseudo-terminal');
  const command = `${JSON.stringify(process.execPath)} --import tsx src/cli/classify.ts`;
  const run = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: root, encoding: 'utf8', timeout: 20_000, input: '' });
  expect(run.status).toBe(2);
  expect(run.stdout).toContain('no URL given, and standard input is a terminal');
  expect(run.stdout).toContain('usage: npm run classify');
});
