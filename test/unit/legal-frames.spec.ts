/** Every legal frame has its text in each locale and cites its sources; every group and every figure's frame exists. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { GROUPS } from '../../src/classify/country-groups.js';
import { citationsOf, frameOf, FRAMES, lawMessage } from '../../src/report/legal-frames.js';
import { FIGURES } from '../../src/store/figures.js';

const root = path.resolve(import.meta.dirname, '../..');
const locale = (l: string): Record<string, { message: string }> =>
  JSON.parse(readFileSync(path.join(root, 'extension/_locales', l, 'messages.json'), 'utf8'));

test('each frame has a text in English and French and at least one https source', () => {
  for (const l of ['en', 'fr']) {
    const messages = locale(l);
    for (const key of FRAMES) expect(messages[lawMessage(key)]?.message.length ?? 0, `${l}: ${lawMessage(key)}`).toBeGreaterThan(100);
  }
  for (const key of FRAMES) {
    expect(citationsOf(key).length, key).toBeGreaterThan(0);
    for (const { title, url } of citationsOf(key)) {
      expect(title.length, `${key}: ${url}`).toBeGreaterThan(3);
      expect(new URL(url).protocol, `${key}: ${url}`).toBe('https:');
    }
  }
});

test('the United States, France, every group and every figure that names a frame have one', () => {
  for (const group of [...GROUPS, 'us', 'FR']) expect(frameOf(group), group).toBe(group);
  for (const figure of FIGURES) if ('law' in figure) expect(frameOf(figure.law), figure.key).not.toBeNull();
  expect(frameOf('DE')).toBeNull();
  expect(frameOf('constructor')).toBeNull();
});
