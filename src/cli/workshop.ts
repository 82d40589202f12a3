/**
 * `npm run workshop -- <summary.json | folder>… [--out <folder>]`: the facilitator's merge
 * of the workshop summaries participants handed in into one room report, written as
 * room.json and room.html (docs/workshop.md). Files that cannot be read or are not valid
 * summaries are named one line each on standard error and left out.
 *
 * Exit code: 0 every file merged; 1 some files left out (the report is written from the
 * rest); 2 usage error, or no valid summary at all (nothing written); 3 the output folder
 * cannot be written.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MAX_SUMMARY_BYTES } from '../report/workshop/parse-summary.js';
import { abandonedCalls, makeFolder } from '../shared/output-folder.js';
import { printable } from '../shared/terminal-text.js';
import { mergeRoomFiles, tooLargeFile, unreadableFile, type RoomFile } from '../report/workshop/room-files.js';
import { roomJsonText, type RoomReport } from '../report/workshop/room-report.js';
import { roomHtml } from '../report/workshop/room-html.js';

const USAGE = `usage: npm run workshop -- <summary.json | folder>… [--out <folder>]
  Merges participants' workshop summaries (a folder: every *.json in it) into one room report,
  written as room.json and room.html in --out (default: workshop-report).
  Exit code: 0 all merged, 1 some files left out, 2 usage error or no valid summary, 3 output not writable.`;
const DEFAULT_OUT = 'workshop-report';

class UsageError extends Error {}

interface Args {
  inputs: string[];
  out: string;
}

function parseArgs(argv: string[]): Args {
  const inputs: string[] = [];
  let out: string | null = null;
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (optionsEnded || !arg.startsWith('-') || arg === '-') inputs.push(arg);
    else if (arg === '--') optionsEnded = true;
    else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else if (arg === '--out' || arg.startsWith('--out=')) {
      if (out !== null) throw new UsageError('--out is given twice');
      out = arg === '--out' ? (argv[++i] ?? '') : arg.slice('--out='.length);
      if (out === '') throw new UsageError('--out needs a folder');
    } else throw new UsageError(`unknown option ${printable(arg, 60)}`);
  }
  if (inputs.length === 0) throw new UsageError('give at least one summary file or folder');
  return { inputs, out: out ?? DEFAULT_OUT };
}

/** A file-system error as a few words ("no such file or folder"), without Node's stack of details. */
function reason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const known: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'a folder, not a file',
    ENOTDIR: 'a path through something that is not a folder',
    EROFS: 'a read-only file system',
    ENOSPC: 'no space left on the device',
    EEXIST: 'a file stands where a folder should be',
    ETIMEDOUT: 'the file system did not answer in time',
  };
  if (typeof code === 'string') return known[code] ?? code;
  return error instanceof Error ? error.message : String(error);
}

/** The files to read: each argument itself, or every *.json of a folder, in name order. */
async function expand(input: string): Promise<(RoomFile | string)[]> {
  try {
    if (!(await stat(input)).isDirectory()) return [input];
    const names = (await readdir(input)).filter((name) => name.toLowerCase().endsWith('.json')).sort();
    return names.length
      ? names.map((name) => path.join(input, name))
      : [{ name: input, refused: { kind: 'unreadable', reason: 'a folder with no .json file in it' } }];
  } catch (error) {
    return [unreadableFile(input, reason(error))];
  }
}

async function readRoomFile(file: string): Promise<RoomFile> {
  try {
    const info = await stat(file);
    // A device or pipe (say /dev/zero given by mistake) would be read forever.
    if (!info.isFile()) return { name: file, refused: { kind: 'unreadable', reason: 'not a regular file' } };
    if (info.size > MAX_SUMMARY_BYTES) return tooLargeFile(file, info.size);
    return { name: file, text: await readFile(file, 'utf8') };
  } catch (error) {
    return unreadableFile(file, reason(error));
  }
}

async function writeRoom(out: string, report: RoomReport): Promise<string[]> {
  await makeFolder(out);
  const json = path.join(out, 'room.json');
  const html = path.join(out, 'room.html');
  await writeFile(json, roomJsonText(report));
  await writeFile(html, roomHtml(report));
  return [json, html];
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) console.error(`workshop: ${error.message}`);
    (error.message ? console.error : console.log)(USAGE);
    return error.message ? 2 : 0;
  }
  const files: RoomFile[] = [];
  for (const input of args.inputs) {
    for (const item of await expand(input)) files.push(typeof item === 'string' ? await readRoomFile(item) : item);
  }
  // The same merge as the report page's room view (room-files.ts): a summary handed in twice counts once.
  const { report, refused, duplicates } = mergeRoomFiles(files);
  for (const file of refused) console.error(`workshop: skipped ${printable(file.name, 200)}: ${file.reason}`);
  for (const file of duplicates)
    console.error(`workshop: ${printable(file.name, 200)} holds the same summary as ${printable(file.sameAs, 200)}: merged once`);
  const skipped = refused.length;
  if (report.participants === 0) {
    console.error('workshop: no valid workshop summary to merge; nothing written');
    return 2;
  }
  let written: string[];
  try {
    written = await writeRoom(args.out, report);
  } catch (error) {
    console.error(`workshop: cannot write the room report to ${printable(args.out, 200)}: ${reason(error)}`);
    return 3;
  }
  console.log(
    `workshop: merged ${report.participants} summar${report.participants === 1 ? 'y' : 'ies'} into ${written.map((f) => printable(f, 200)).join(' and ')}` +
      (skipped ? `; ${skipped} file${skipped === 1 ? '' : 's'} left out` : ''),
  );
  return skipped ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    // A file-system call given up on (an output folder that never answered) must not hold the exit.
    if (abandonedCalls()) process.exit();
  },
  (error: unknown) => {
    console.error(`workshop: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
