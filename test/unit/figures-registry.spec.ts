/**
 * One definition per concept: the headline figures (src/store/figures.ts) and the country
 * groups (src/knowledge/data/country-groups.json). Every figure and group has its words in
 * every locale, and each surface lists exactly the registry's figures and groups.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { GROUPS, groupMessage, groupsOf } from '../../src/classify/country-groups.js';
import { FIGURES, figureMessage, REACH_FIGURES } from '../../src/store/figures.js';
import { englishText } from '../../src/report/locale-text.js';
import { ROOM_FIGURES } from '../../src/report/workshop/room-report.js';
import { summarySchema } from '../../src/report/workshop/summary-schema.js';

const root = path.resolve(import.meta.dirname, '../..');
const locale = (l: string): Record<string, { message: string }> =>
  JSON.parse(readFileSync(path.join(root, 'extension/_locales', l, 'messages.json'), 'utf8'));

test('every figure and every group has its name and explanation in each locale', () => {
  for (const l of ['en', 'fr']) {
    const messages = locale(l);
    for (const { key } of FIGURES)
      for (const part of ['tile', 'Label', 'Sentence', 'Why'] as const)
        // A sentence with a count of its own has plural forms (report-wording.spec.ts checks them).
        expect(
          (messages[figureMessage(key, part)] ?? messages[`${figureMessage(key, part)}_other`])?.message,
          `${l}: ${figureMessage(key, part)}`,
        ).toBeTruthy();
    for (const group of GROUPS) expect(messages[groupMessage(group)]?.message, `${l}: ${groupMessage(group)}`).toBeTruthy();
  }
});

test('the tools outside the browser read the same English messages, placeholders filled as the browser fills them', () => {
  const en = locale('en');
  expect(englishText('tile_usReach')).toBe(en['tile_usReach']!.message);
  expect(englishText('usReachSentence', 3)).toBe(en['usReachSentence']!.message.replace('$1', '3'));
  expect(englishText('aboutVersion', '1.2.3')).toBe('Version 1.2.3');
  expect(englishText('no such message')).toBe('no such message');
});

test('the room and the workshop summary count every figure of the registry', () => {
  expect(ROOM_FIGURES).toEqual(FIGURES.map((figure) => figure.key));
  expect(Object.keys(summarySchema.entries.figures.entries)).toEqual(expect.arrayContaining(REACH_FIGURES.map((figure) => figure.key)));
  // The roll-ups' side: store-rollups.spec.ts.
});

test('a country is said in the smallest of the nested groups it is in', () => {
  expect(groupsOf('GB')).toEqual(['five-eyes']);
  expect(groupsOf('FR')).toEqual(['fourteen-eyes', 'eu-eea']);
  expect(groupsOf('CN')).toEqual([]);
});
