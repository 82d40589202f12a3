/**
 * The command contract between extension pages and the worker: which messages are commands
 * (the worker trusts no message), and which reply each command's sender gets, checked by the
 * compiler (the type checks below fail `tsc --noEmit` when the contract drifts).
 */
import { test, expect } from '@playwright/test';
import type { sendCommand } from '../../src/report/send-command.js';
import type { ImportCounts } from '../../src/store/export-file/import-into-store.js';
import type { Settings } from '../../src/store/settings.js';
import { asCommand, type CommandOf, type CommandReplies, type CommandType } from '../../src/store/worker-commands.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type ReplyOf<T extends CommandType> = Awaited<ReturnType<typeof sendCommand<CommandOf<T>>>>;

// The reply type follows from the command sent; the sender no longer names it.
const pauseReply: Same<ReplyOf<'pause'>, Settings> = true;
const importReply: Same<ReplyOf<'import'>, ImportCounts> = true;
const wipeReply: Same<ReplyOf<'wipe'>, true> = true;
// Every command has exactly one reply, and the map names no command that does not exist.
const everyCommandReplies: Same<keyof CommandReplies, CommandType> = true;

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

test('the reply type follows from the command (checked at compile time)', () => {
  expect([pauseReply, importReply, wipeReply, everyCommandReplies]).toEqual([true, true, true, true]);
});

test('each command is accepted with its fields, and only its fields are kept', () => {
  expect(asCommand({ type: 'status' })).toEqual({ type: 'status' });
  expect(asCommand({ type: 'forget-site', site: 'example.com' })).toEqual({ type: 'forget-site', site: 'example.com' });
  expect(asCommand({ type: 'import', id: ID })).toEqual({ type: 'import', id: ID });
  expect(asCommand({ type: 'set-settings', settings: { storeQueryStrings: true } })).toEqual({
    type: 'set-settings',
    settings: { storeQueryStrings: true },
  });
  // Missing settings reach validateSettings, which says what is wrong with them.
  expect(asCommand({ type: 'set-settings' })).toEqual({ type: 'set-settings' });
  expect(asCommand({ type: 'wipe', site: 'rides-along.example' })).toEqual({ type: 'wipe' });
});

test('anything else is refused: unknown types, missing or oversized fields, malformed ids, non-objects', () => {
  for (const message of [
    null,
    'wipe',
    [],
    { type: 'drop-everything' },
    { type: 'exclude-site' },
    { type: 'include-site', site: 7 },
    { type: 'forget-site', site: 'a'.repeat(301) },
    { type: 'import', id: 'not-an-id' },
    { type: 'import', id: `${ID}/../x` },
    { type: { toString: () => 'wipe' } },
  ]) {
    expect(asCommand(message), JSON.stringify(message)).toBeNull();
  }
});
