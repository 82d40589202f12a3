/**
 * `npm run audit:merge -- dir… [--out dir]`: merges the report.json of audit shards (or of
 * any audits) into one report.json and report.html, as if one audit had visited every
 * address. A folder stands for its report.json; a file is read as it is.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ExportFileError, MAX_EXPORT_BYTES, parseExport } from '../store/export-file/parse-export.js';
import type { ExportFile } from '../store/export-file/export-format.js';
import { mergeExports } from '../report/export/merge-exports.js';
import { auditResults } from '../audit/run/audit-results.js';
import { OutputFolderError, prepareOutputFolder, writeAuditReport } from '../audit/run/audit-output.js';
import { printSummary } from '../audit/run/audit-summary.js';
import { abandonedCalls } from '../shared/output-folder.js';
import { printable } from '../shared/terminal-text.js';

const USAGE = `usage: npm run audit:merge -- <folder or report.json>… [--out DIR]

Merges audit reports (the shards of one list: --shard 1/n … n/n) into DIR/report.json and
DIR/report.html (default DIR: upstream-audit-merged).
Exit codes: 0 merged; 1 merged, but some inputs were skipped; 2 bad command line or no
valid input; 3 the output folder cannot be written.`;

const say = (line: string) => process.stderr.write(`${line}\n`);

async function readAuditReport(input: string): Promise<ExportFile> {
  let file = input;
  try {
    if ((await stat(input)).isDirectory()) file = path.join(input, 'report.json');
    const size = (await stat(file)).size;
    if (size > MAX_EXPORT_BYTES)
      throw new ExportFileError(`it is ${Math.round(size / 1048576)} MB, over the ${MAX_EXPORT_BYTES / 1048576} MB limit`);
  } catch (error) {
    if (error instanceof ExportFileError) throw error;
    throw new ExportFileError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const parsed = parseExport(await readFile(file, 'utf8'));
  if (!parsed.audit) throw new ExportFileError('it is an export of the report page, not an audit report (no "audit" section)');
  return parsed;
}

async function main(argv: string[]): Promise<number> {
  const inputs: string[] = [];
  let out = 'upstream-audit-merged';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (arg === '--out') {
      const value = argv[++i];
      if (!value) {
        say(`audit:merge: --out needs a folder\n\n${USAGE}`);
        return 2;
      }
      out = value;
    } else if (arg.startsWith('--')) {
      say(`audit:merge: unknown option ${printable(arg, 60)}\n\n${USAGE}`);
      return 2;
    } else inputs.push(arg);
  }
  if (inputs.length === 0) {
    say(`audit:merge: no report to merge\n\n${USAGE}`);
    return 2;
  }
  const files: ExportFile[] = [];
  let skipped = 0;
  for (const input of inputs) {
    try {
      files.push(await readAuditReport(input));
    } catch (error) {
      if (!(error instanceof ExportFileError)) throw error;
      // The message quotes the file (a received value, a key): a terminal must not obey it.
      say(`${printable(input, 200)}: skipped: ${printable(error.message, 400)}`);
      skipped++;
    }
  }
  if (files.length === 0) {
    say('audit:merge: no valid audit report to merge.');
    return 2;
  }
  const sizes = new Set(files.map((f) => f.audit!.listSize));
  if (sizes.size > 1)
    say(`audit:merge: these reports come from lists of different lengths (${[...sizes].join(', ')}): their positions may not line up.`);
  try {
    await prepareOutputFolder(out);
    const { file, counts } = mergeExports(files);
    if (counts.visits.duplicates) say(`${counts.visits.duplicates} page visits were in more than one report and were merged once.`);
    const results = auditResults(file);
    printSummary(results, await writeAuditReport(out, file, results));
  } catch (error) {
    if (!(error instanceof OutputFolderError)) throw error;
    say(`audit:merge: ${printable(error.message, 400)}`);
    return 3;
  }
  return skipped ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
// A file-system call given up on (an output folder that never answered) must not hold the exit.
if (abandonedCalls()) process.exit();
