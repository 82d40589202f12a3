/**
 * The one merge behind `npm run workshop` and the report page's room view (room-files.ts):
 * the command on files and the merge on the same texts give the same room.json byte for
 * byte; each kind of bad file gets its own reason; a summary handed in twice counts once;
 * the label a summary carries is checked and named.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { mergeRoomFiles, type RoomFile } from '../../src/report/workshop/room-files.js';
import { mergeSummaries, roomJsonText } from '../../src/report/workshop/room-report.js';
import { ownRecord } from '../../src/report/workshop/room-compare.js';
import { LABEL_ALPHABET, LABEL_PATTERN, newSummaryLabel } from '../../src/report/export/summary-label.js';
import { runCli } from '../e2e/helpers/run-cli.js';
import { ROOM, summariesFromBrowsing } from './helpers/workshop-summaries.js';

const labelled = ROOM.map((s, i) => ({ ...s, label: ['K7QM2X', 'ABCDEF', '234567'][i]! }));

test('the command and the room view merge the same files into the same room.json', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'upstream-room-'));
  try {
    const texts = [...labelled, ...summariesFromBrowsing()].map((s, i) => [`p${i}.json`, JSON.stringify(s, null, i % 2 ? 2 : 0)] as const);
    // A duplicate in another layout and a file that is no summary: both ways must treat them alike too.
    const files: RoomFile[] = [...texts, ['again.json', JSON.stringify(labelled[1])] as const, ['notes.json', '{"hello": 1}'] as const].map(
      ([name, text]) => ({ name, text }),
    );
    for (const file of files) if ('text' in file) await writeFile(path.join(dir, file.name), file.text);
    const cli = await runCli('workshop.ts', [...files.map((f) => path.join(dir, f.name)), '--out', path.join(dir, 'out')]);
    expect(cli.code).toBe(1);
    const fromCommand = await readFile(path.join(dir, 'out', 'room.json'), 'utf8');
    const inView = mergeRoomFiles(files);
    expect(roomJsonText(inView.report)).toBe(fromCommand);
    expect(inView.report.participants).toBe(6);
    expect(inView.duplicates).toEqual([{ name: 'again.json', sameAs: 'p1.json' }]);
    expect(inView.refused.map((r) => [r.name, r.kind])).toEqual([['notes.json', 'not-summary']]);
    expect(cli.stderr).toContain(`${path.join(dir, 'again.json')} holds the same summary as ${path.join(dir, 'p1.json')}: merged once`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('each kind of file that is not a summary is named with its own reason, and the summaries still merge', () => {
  const valid = JSON.stringify(labelled[0]);
  const files: RoomFile[] = [
    { name: 'ok.json', text: valid },
    { name: 'export.json', text: '{"format": "upstream-export", "version": 1, "visits": []}' },
    { name: 'report.json', text: '{"format": "upstream-export", "version": 1, "audit": {"pages": []}}' },
    { name: 'room.json', text: roomJsonText(mergeSummaries(ROOM)) },
    { name: 'cut.json', text: valid.slice(0, 80) },
    { name: 'empty.json', text: ' ' },
    { name: 'v9.json', text: valid.replace('"version":1', '"version":9') },
    { name: 'bad-label.json', text: valid.replace('"K7QM2X"', '"alice"') },
    { name: 'big.json', refused: { kind: 'too-large', reason: '50 MB, too large for a workshop summary' } },
    { name: 'bom.json', text: `\ufeff${JSON.stringify(labelled[2])}` },
  ];
  const { report, merged, refused } = mergeRoomFiles(files);
  expect(merged.map((m) => [m.name, m.label])).toEqual([
    ['ok.json', 'K7QM2X'],
    ['bom.json', '234567'],
  ]);
  expect(report.participants).toBe(2);
  expect(refused.map((r) => [r.name, r.kind])).toEqual([
    ['export.json', 'full-export'],
    ['report.json', 'audit-report'],
    ['room.json', 'room-report'],
    ['cut.json', 'damaged'],
    ['empty.json', 'empty'],
    ['v9.json', 'other-version'],
    ['bad-label.json', 'invalid'],
    ['big.json', 'too-large'],
  ]);
  expect(refused.find((r) => r.kind === 'invalid')!.reason).toMatch(/at label: must be a label of 6 capital letters and digits/);
});

test('two participants with the same figures but their own labels both count; the same export twice counts once', () => {
  const [a] = ROOM;
  const files: RoomFile[] = [
    { name: 'a.json', text: JSON.stringify({ ...a, label: 'AAAAAA' }) },
    { name: 'b.json', text: JSON.stringify({ ...a, label: 'BBBBBB' }) },
    { name: 'a-copy.json', text: JSON.stringify({ ...a, label: 'AAAAAA' }, null, 4) },
  ];
  const { report, duplicates } = mergeRoomFiles(files);
  expect(report.participants).toBe(2);
  expect(duplicates).toEqual([{ name: 'a-copy.json', sameAs: 'a.json' }]);
});

test('labels are six characters of the alphabet, every character equally likely', () => {
  for (let i = 0; i < 200; i++) expect(newSummaryLabel()).toMatch(LABEL_PATTERN);
  // Bytes at or above the last multiple of 31 (248) are skipped, not folded onto the first letters.
  const bytes = [255, 248, 0, 30, 31, 247, 100, 1, 2, 3, 4, 5];
  expect(newSummaryLabel((n) => Uint8Array.from(bytes.slice(0, n)))).toBe(
    [0, 30, 31, 247, 100, 1].map((b) => LABEL_ALPHABET[b % 31]).join(''),
  );
});

test("the facilitator's own record is read as the room reads a participant, and is absent without page visits", () => {
  const own = ownRecord(ROOM[0]!)!;
  expect(own.figures).toMatchObject({
    usReach: 0.5,
    prismReach: 0.4,
    upstreamReach: 0.3,
    trackerReach: 0.2,
    observersPerPage: 3,
    clearText: 0.1,
  });
  expect(own.companies.get('Google')).toBe(0.5);
  expect(own.serverCountries.get('FR')).toBe(0.4);
  expect(ownRecord({ ...ROOM[0]!, serverCountries: [] })!.figures.upstreamReach).toBeNull();
  expect(ownRecord({ ...ROOM[0]!, figures: { ...ROOM[0]!.figures, pageVisits: 0 } })).toBeNull();
});
