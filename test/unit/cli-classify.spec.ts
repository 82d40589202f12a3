import { spawn } from 'node:child_process';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { ensureKnowledge } from '../../src/cli/knowledge-fs.js';

const root = path.resolve(import.meta.dirname, '../..');
const KEYS = ['url', 'host', 'domain', 'thirdParty', 'tracker', 'company', 'parent', 'jurisdiction', 'prism', 'serverCountry', 'network', 'cleartext', 'sources'];

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

const lines = (stdout: string) => stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

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
  expect(out[1]).toMatchObject({ company: 'Google', thirdParty: false, serverCountry: 'US', network: { asn: 15169, name: 'Google LLC' } });
  expect(out[2]).toMatchObject({ company: null, cleartext: true, sources: [] });
  expect(out[3]).toMatchObject({ company: 'Criteo', jurisdiction: 'FR', thirdParty: true, tracker: { name: 'Criteo', category: 'advertising' } });
  expect(stderr).toContain('https://db-ip.com');
});

test('a bad input gives an error line in its place and the batch goes on', async () => {
  const input = ['https://www.icloud.com/', 'not a url', '{"url": 42}', '{broken json', 'https://exa mple.com/', 'https://www.paltalk.com/'].join('\n');
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
  expect(line).toMatchObject({ domain: 'youtube.com', thirdParty: true, company: 'Google', parent: 'Alphabet', prism: true, serverCountry: 'US', sources: ['trackerdb', 'jurisdictions', 'ip-location-db'] });
});

test('usage errors exit with 2 and say what is wrong', async () => {
  const { code, stderr, stdout } = await runCli(['https://example.org/', '--ip']);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr).toContain('--ip needs a value');
});
