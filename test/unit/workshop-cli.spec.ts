/** `npm run workshop`, the facilitator's command: a folder of summaries in, the room's report out; bad files named and skipped. */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { mergeSummaries } from '../../src/report/workshop/room-report.js';
import { roomHtml } from '../../src/report/workshop/room-html.js';
import { expectNoSecret, ROOM, SECRETS } from './helpers/workshop-summaries.js';

const root = path.resolve(import.meta.dirname, '../..');
const VALID = JSON.stringify(ROOM[0]);

/** tsx resolved from the project, since the command runs in a temporary folder (as a facilitator's would, anywhere). */
const TSX = pathToFileURL(createRequire(path.join(root, 'package.json')).resolve('tsx')).href;

function runCli(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, path.join(root, 'src/cli/workshop.ts'), ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

test.describe('npm run workshop', () => {
  let dir = '';
  test.beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'upstream-workshop-'));
    await mkdir(path.join(dir, 'in'));
    for (const [i, s] of ROOM.entries()) await writeFile(path.join(dir, 'in', `p${i + 1}.json`), JSON.stringify(s, null, 2));
  });
  test.afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('merges a folder, counts a summary handed in twice once, writes room.json and room.html (exit 0)', async () => {
    await writeFile(path.join(dir, 'in', 'p1-again.json'), JSON.stringify(ROOM[0])); // same summary, other layout
    await writeFile(path.join(dir, 'in', 'notes.txt'), 'not read: not a .json file');
    const { code, stdout, stderr } = await runCli(['in', '--out', 'room'], dir);
    expect(code).toBe(0);
    expect(stderr.trim()).toBe(
      `workshop: ${path.join('in', 'p1.json')} holds the same summary as ${path.join('in', 'p1-again.json')}: merged once`,
    );
    expect(stdout).toContain('merged 3 summaries');
    const room = JSON.parse(await readFile(path.join(dir, 'room', 'room.json'), 'utf8'));
    expect(room).toEqual(JSON.parse(JSON.stringify(mergeSummaries(ROOM))));
    expect(await readFile(path.join(dir, 'room', 'room.html'), 'utf8')).toBe(roomHtml(mergeSummaries(ROOM)));
  });

  test('skips unreadable and invalid files one line each and still writes the room (exit 1)', async () => {
    await mkdir(path.join(dir, 'in', 'folder.json'));
    await writeFile(path.join(dir, 'cut.json'), VALID.slice(0, 100));
    await writeFile(path.join(dir, 'v2.json'), VALID.replace('"version":1', '"version":2'));
    await writeFile(path.join(dir, 'other.json'), '{"hello": "world"}');
    const secret = JSON.parse(VALID);
    secret.sites = ['alice-diary.example'];
    await writeFile(path.join(dir, 'extra.json'), JSON.stringify({ ...secret, figures: { ...secret.figures, pageVisits: 11 } }));
    const { code, stderr } = await runCli(['in', 'cut.json', 'v2.json', 'other.json', 'missing.json', 'extra.json'], dir);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      `workshop: skipped ${path.join('in', 'folder.json')}: not a regular file`,
      'workshop: skipped cut.json: not a complete JSON document (it may have been cut short)',
      'workshop: skipped v2.json: a workshop summary of format version 2; this Upstream reads version 1',
      'workshop: skipped other.json: not a workshop summary (format missing, expected "upstream-workshop-summary")',
      'workshop: skipped missing.json: cannot be read: no such file or folder',
    ]);
    const json = await readFile(path.join(dir, 'workshop-report', 'room.json'), 'utf8');
    expect(JSON.parse(json)).toMatchObject({ participants: 4, pageVisits: 111 });
    expectNoSecret(json + (await readFile(path.join(dir, 'workshop-report', 'room.html'), 'utf8')), SECRETS);
  });

  test('a usage error or no valid summary writes nothing (exit 2)', async () => {
    await writeFile(path.join(dir, 'bad.json'), '{');
    for (const args of [[], ['in', '--out'], ['in', '--frobnicate'], ['bad.json', '--out', 'room'], ['empty-folder-that-is-missing/']]) {
      const { code, stderr } = await runCli(args, dir);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/^workshop: /);
    }
    expect(await exists(path.join(dir, 'room'))).toBe(false);
    expect(await exists(path.join(dir, 'workshop-report'))).toBe(false);
    const help = await runCli(['--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: npm run workshop');
  });

  test('an output folder that cannot be made is reported (exit 3)', async () => {
    await writeFile(path.join(dir, 'plain-file'), 'a file, not a folder');
    const { code, stderr } = await runCli(['in', '--out', 'plain-file/room'], dir);
    expect(code).toBe(3);
    expect(stderr.trim()).toBe('workshop: cannot write the room report to plain-file/room: a path through something that is not a folder');
  });
});
