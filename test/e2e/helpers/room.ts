/**
 * The workshop room view as a test reads it: its figures from the data attributes of its
 * tables (raw numbers, not the formatted text), compared one figure at a time with the
 * room.json `npm run workshop` writes from the same files; and summaries handed to it as a
 * facilitator would, through its file chooser (several at once) or by dropping them.
 */
import { readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from '@playwright/test';
import type { BrowserPage } from '../../../src/audit/extension-browser.js';
import { ROOM_FIGURES, type RoomReport } from '../../../src/report/workshop/room-report.js';
import { runCli } from './run-cli.js';

export async function roomFromCommand(files: string[]): Promise<{ report: RoomReport; json: string; html: string }> {
  const out = await mkdtemp(path.join(tmpdir(), 'upstream-room-cli-'));
  const run = await runCli('workshop.ts', [...files, '--out', out]);
  expect(run.code, run.stderr).toBe(0);
  const json = await readFile(path.join(out, 'room.json'), 'utf8');
  return { report: JSON.parse(json) as RoomReport, json, html: await readFile(path.join(out, 'room.html'), 'utf8') };
}

/** The room as the view shows it: every number from its data attributes ("" is null). */
export function readRoomView(page: BrowserPage) {
  return page.evaluate(() => {
    const num = (el: Element, name: string) => {
      const v = el.getAttribute(name);
      return v === '' || v === null ? null : Number(v);
    };
    const head = document.querySelector('[data-testid="room-participants"]')!;
    const figures = Object.fromEntries(
      [...document.querySelectorAll('[data-room-figure]')].map((tr) => [
        tr.getAttribute('data-room-figure'),
        {
          participants: num(tr, 'data-participants'),
          mean: num(tr, 'data-mean'),
          median: num(tr, 'data-median'),
          min: num(tr, 'data-min'),
          max: num(tr, 'data-max'),
        },
      ]),
    );
    const rows = (testId: string, key: string) =>
      [...document.querySelectorAll(`[data-testid="${testId}"] tbody tr[${key}]`)].map((tr) => ({
        key: tr.getAttribute(key),
        participants: num(tr, 'data-participants'),
        meanShare: num(tr, 'data-mean'),
        pooledShare: num(tr, 'data-pooled'),
      }));
    return {
      participants: num(head, 'data-count'),
      participantsWithVisits: num(head, 'data-with-visits'),
      pageVisits: num(head, 'data-page-visits'),
      figures,
      companies: rows('room-companies', 'data-room-company'),
      jurisdictions: rows('room-jurisdictions', 'data-room-country'),
      serverCountries: rows('room-server-countries', 'data-room-country'),
    };
  });
}

/** One assertion per figure: the view against the command's room.json on the same files. */
export function expectSameAsCommand(view: Awaited<ReturnType<typeof readRoomView>>, room: RoomReport): void {
  expect(view.participants, 'participants').toBe(room.participants);
  expect(view.participantsWithVisits, 'participants with page visits').toBe(room.participantsWithVisits);
  expect(view.pageVisits, 'page visits').toBe(room.pageVisits);
  for (const figure of ROOM_FIGURES) expect(view.figures[figure], figure).toEqual(room.figures[figure]);
  const rows = (list: { participants: number; meanShare: number; pooledShare: number | null }[], key: (row: never) => string) =>
    list.map((row) => ({ key: key(row as never), participants: row.participants, meanShare: row.meanShare, pooledShare: row.pooledShare }));
  expect(view.companies, 'companies').toEqual(rows(room.companies, (c: { name: string }) => c.name));
  expect(view.jurisdictions, 'jurisdictions').toEqual(rows(room.jurisdictions, (c: { country: string }) => c.country));
  expect(view.serverCountries, 'server countries').toEqual(rows(room.serverCountries, (c: { country: string }) => c.country));
}

type Handed = { name: string; text: string };

/** Summaries given to the view's file chooser, several at once, as the browser's chooser hands them over. */
export function chooseFiles(page: BrowserPage, files: Handed[]): Promise<void> {
  return page.evaluate((files) => {
    const input = document.querySelector('[data-testid="room-files"]') as HTMLInputElement;
    const list = new DataTransfer();
    for (const f of files) list.items.add(new File([f.text], f.name, { type: 'application/json' }));
    input.files = list.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, files);
}

/** Summaries dropped on the view, as files dragged from a folder window are. */
export function dropFiles(page: BrowserPage, files: Handed[]): Promise<void> {
  return page.evaluate((files) => {
    const zone = document.querySelector('[data-testid="room-drop"]')!;
    const data = new DataTransfer();
    for (const f of files) data.items.add(new File([f.text], f.name, { type: 'application/json' }));
    for (const type of ['dragenter', 'dragover', 'drop'])
      zone.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
  }, files);
}

export async function waitForRoom(page: BrowserPage, files: number, participants: number): Promise<void> {
  await page.waitForFunction(
    ({ files, participants }) =>
      document.querySelector(`[data-testid="room"][data-files="${files}"] [data-testid="room-participants"][data-count="${participants}"]`),
    { files, participants },
    20_000,
  );
}
