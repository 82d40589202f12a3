/**
 * The command-line tools against hostile or careless input: what they quote never reaches
 * the terminal as control sequences, and an output folder that cannot be made is answered
 * with exit code 3 within seconds.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { FolderError, withinTime } from '../../src/shared/output-folder.js';
import { printable, terminalJson } from '../../src/shared/terminal-text.js';
import { runTool } from './helpers/run-tool.js';
import { ROOM } from './helpers/workshop-summaries.js';

/** An OSC that retitles the terminal, a CSI that clears it, the 8-bit CSI, a bidi override. */
const ESCAPES = '\u001b]0;owned\u0007\u001b[2J\u009b2J\u202e';
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this check
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let dir = '';
test.beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'upstream-hostile-'));
});
test.afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('the one helper replaces every control and bidi character, and terminal JSON reads back the same value', () => {
  expect(printable(`a${ESCAPES}b`, 80)).toBe('a?]0;owned??[2J?2J?b');
  const value = { input: `x${ESCAPES}\u{F0000}😀` };
  const line = terminalJson(value);
  expect(line).not.toMatch(UNPRINTABLE);
  expect(line).toContain('😀');
  expect(JSON.parse(line)).toEqual(value);
});

test('audit:merge names a bad file without printing the values it received raw', async () => {
  await writeFile(path.join(dir, 'version.json'), JSON.stringify({ format: 'upstream-export', version: ESCAPES }));
  const export1 = {
    format: 'upstream-export',
    version: 1,
    exportedAt: new Date().toISOString(),
    extension: { name: 'Upstream', version: '1' },
    contains: '',
    includesQueryStrings: false,
    knowledge: [],
    hosts: [
      { id: 1, name: `evil${ESCAPES}`, domain: 'evil', company: null, parent: null, jurisdiction: null, prism: false, tracker: null },
    ],
    ips: [],
    visits: [],
    requests: [],
    daily: [],
  };
  await writeFile(path.join(dir, 'host.json'), JSON.stringify(export1));
  const { code, stderr } = await runTool('audit-merge', ['version.json', 'host.json', '--out', 'merged'], { cwd: dir });
  expect(code).toBe(2);
  expect(stderr).toContain('version.json: skipped: This export has format version');
  expect(stderr).toContain('host.json: skipped: This export does not hold what it should at hosts[0].name');
  expect(stderr).not.toMatch(UNPRINTABLE);
});

test('audit --file names a skipped line without printing it raw', async () => {
  await writeFile(path.join(dir, 'list.txt'), `# sites\n${ESCAPES}\nftp://files.example/\n`);
  const { code, stderr } = await runTool('audit', ['--file', 'list.txt', '--out', 'report'], { cwd: dir });
  expect(code).toBe(2); // nothing left to audit: no browser is started
  expect(stderr).toContain('list.txt line 2: "?]0;owned??[2J?2J?" skipped: not a web address');
  expect(stderr).toContain('list.txt line 3: "ftp://files.example/" skipped');
  expect(stderr).not.toMatch(UNPRINTABLE);
});

test.describe('an output folder that cannot be made', () => {
  // Linux's /proc answers mkdir with ENOENT under an existing parent: Node's recursive mkdir retried it forever.
  const unusable = '/proc/upstream-nope/report';

  test('audit exits 3 within seconds, before any browser starts', async () => {
    const { code, stderr, ms } = await runTool('audit', ['https://example.org/', '--out', unusable], { cwd: dir, deadlineMs: 20_000 });
    expect(code).toBe(3);
    expect(ms).toBeLessThan(15_000);
    expect(stderr).toContain(`The output folder ${unusable} cannot be written`);
  });

  test('workshop exits 3 within seconds', async () => {
    await writeFile(path.join(dir, 'p1.json'), JSON.stringify(ROOM[0]));
    const { code, stderr, ms } = await runTool('workshop', ['p1.json', '--out', unusable], { cwd: dir, deadlineMs: 20_000 });
    expect(code).toBe(3);
    expect(ms).toBeLessThan(15_000);
    expect(stderr).toContain(`workshop: cannot write the room report to ${unusable}`);
  });

  test('a file system that never answers is given up on after the time bound', async () => {
    const error = await withinTime(new Promise(() => {}), '/mnt/dead-share', 50).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FolderError);
    expect(error).toMatchObject({ code: 'ETIMEDOUT', message: '/mnt/dead-share: the file system did not answer within 0.05 s' });
    expect(await withinTime(Promise.resolve('made'), '/tmp', 50)).toBe('made');
  });
});
