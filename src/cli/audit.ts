/**
 * `npm run audit -- [urls…] [options]`: audits a list of sites in a headless browser with
 * Upstream loaded, or with no address the built-in offline demo; writes report.json and
 * report.html. Usage and exit codes: src/audit/audit-args.ts (AUDIT_USAGE).
 */
import { readFile } from 'node:fs/promises';
import { AUDIT_USAGE, parseAuditArgs, UsageError, type AuditArgs } from '../audit/audit-args.js';
import { DEMO_DWELL_MS, DEMO_URLS, startDemoServer } from '../audit/demo.js';
import { BrowserNotFoundError } from '../audit/find-browser.js';
import { parseListFile, parseSiteList, type SiteList } from '../audit/site-list.js';
import { pickShard } from '../audit/shard.js';
import { auditResults } from '../audit/run/audit-results.js';
import { OutputFolderError, prepareOutputFolder, writeAuditReport } from '../audit/run/audit-output.js';
import { ensureBuild, extensionDirFor } from '../audit/run/ensure-build.js';
import { progressBar } from '../audit/run/progress-bar.js';
import { runAudit } from '../audit/run/run-audit.js';
import { printSummary } from '../audit/run/audit-summary.js';
import { abandonedCalls } from '../shared/output-folder.js';
import { printable } from '../shared/terminal-text.js';

export const EXIT = { ok: 0, partial: 1, usage: 2, output: 3, browser: 4 } as const;

const say = (line: string) => process.stderr.write(`${line}\n`);

async function readList(args: AuditArgs): Promise<SiteList> {
  const fromArgs = parseSiteList(args.urls.map((text) => ({ line: 0, text })));
  if (!args.file) return fromArgs;
  let text: string;
  try {
    text = await readFile(args.file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the list ${args.file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const fromFile = parseListFile(text);
  const urls = [...new Set([...fromArgs.urls, ...fromFile.urls])];
  return { urls, problems: [...fromArgs.problems, ...fromFile.problems] };
}

async function main(argv: string[]): Promise<number> {
  let args: AuditArgs;
  let list: SiteList;
  try {
    args = parseAuditArgs(argv);
    if (args.help) {
      process.stdout.write(`${AUDIT_USAGE}\n`);
      return EXIT.ok;
    }
    list = args.urls.length || args.file ? await readList(args) : { urls: [...DEMO_URLS], problems: [] };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(`upstream audit: ${printable(error.message, 400)}\n\n${AUDIT_USAGE}`);
    return EXIT.usage;
  }
  const demo = !args.urls.length && !args.file;
  // A skipped line is quoted as it was typed, which may be anything a file can hold.
  for (const p of list.problems)
    say(`${p.line ? `${printable(args.file ?? '', 200)} line ${p.line}` : 'argument'}: "${printable(p.text, 200)}" skipped: ${p.reason}`);
  if (list.urls.length === 0) {
    say('upstream audit: nothing to audit (no valid address in the list).');
    return EXIT.usage;
  }
  const targets = pickShard(list.urls, args.shard);
  if (args.shard) say(`Shard ${args.shard.index}/${args.shard.count}: ${targets.length} of ${list.urls.length} addresses.`);
  if (demo) say('No address given: auditing the built-in offline demo (three stand-in sites on loopback).');

  try {
    await prepareOutputFolder(args.out);
  } catch (error) {
    if (!(error instanceof OutputFolderError)) throw error;
    say(`upstream audit: ${printable(error.message, 400)}`);
    return EXIT.output;
  }
  const server = demo ? await startDemoServer() : null;
  try {
    await ensureBuild(args.browser, say);
    const { file } = await runAudit(
      {
        browser: args.browser,
        extensionDir: extensionDirFor(args.browser),
        browserPath: args.browserPath,
        hostRules: args.hostRules,
        insecure: args.insecure,
        headed: args.headed,
        demo: server,
        targets,
        listSize: list.urls.length,
        shard: args.shard,
        dwellMs: args.dwellMs ?? (demo ? DEMO_DWELL_MS : 3000),
        pages: args.pages,
        timeoutMs: args.timeoutMs,
      },
      progressBar(),
    );
    const results = auditResults(file);
    const written = await writeAuditReport(args.out, file, results);
    printSummary(results, written);
    return results.failed || list.problems.length ? EXIT.partial : EXIT.ok;
  } catch (error) {
    if (error instanceof OutputFolderError) {
      say(`upstream audit: ${printable(error.message, 400)}`);
      return EXIT.output;
    }
    if (error instanceof BrowserNotFoundError) {
      say(`upstream audit: ${printable(error.message, 600)}`);
      return EXIT.browser;
    }
    say(`upstream audit: the browser could not run the audit: ${printable((error as Error).message.split('\n')[0]!, 400)}`);
    return EXIT.browser;
  } finally {
    await server?.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
// A file-system call given up on (an output folder that never answered) must not hold the exit.
if (abandonedCalls()) process.exit();
