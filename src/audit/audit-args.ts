/**
 * The audit's command line (pure): `npm run audit -- [urls…] [--file list.txt]
 * [--browser chromium|firefox] [--browser-path PATH] [--out dir] [--dwell ms] [--pages n]
 * [--host-rules RULES] [--insecure] [--shard i/n] [--headed]`.
 */
import { parseShard, type Shard } from './shard.js';
import type { BrowserName } from './find-browser.js';

export const AUDIT_USAGE = `usage: npm run audit -- [urls…] [options]

With no URL and no --file, audits the built-in offline demo (three stand-in sites on loopback).

  --file FILE          read addresses from FILE, one per line (# starts a comment)
  --browser NAME       chromium (default) or firefox
  --browser-path PATH  the browser's executable (or set UPSTREAM_CHROMIUM / UPSTREAM_FIREFOX)
  --out DIR            where report.json and report.html go (default: upstream-audit)
  --dwell MS           time on each page after it loaded (default 3000; demo 1000)
  --pages N            also visit up to N same-site links of each address (default 0)
  --host-rules RULES   map hosts, as Chromium's --host-resolver-rules ("MAP *.test 127.0.0.1:8443")
  --insecure           accept self-signed or otherwise invalid certificates (staging sites)
  --shard I/N          audit only the I-th of N equal parts of the list (merge with npm run audit:merge)
  --timeout MS         give up on a page that has not loaded after MS (default 30000)
  --headed             show the browser window

Exit codes: 0 every address audited; 1 some addresses failed to load or list lines were
skipped (the report covers the rest); 2 bad command line or nothing to audit; 3 the
output folder cannot be written; 4 no usable browser, or it failed to start.`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface AuditArgs {
  urls: string[];
  file: string | null;
  browser: BrowserName;
  browserPath: string | null;
  out: string;
  dwellMs: number | null;
  pages: number;
  hostRules: string | null;
  insecure: boolean;
  shard: Shard | null;
  timeoutMs: number;
  headed: boolean;
  help: boolean;
}

function integer(option: string, text: string, min: number, max: number): number {
  if (!/^\d{1,9}$/.test(text)) throw new UsageError(`${option} takes a whole number (got "${text.slice(0, 40)}")`);
  const value = Number(text);
  if (value < min || value > max) throw new UsageError(`${option} must be between ${min} and ${max} (got ${value})`);
  return value;
}

export function parseAuditArgs(argv: readonly string[]): AuditArgs {
  const args: AuditArgs = {
    urls: [],
    file: null,
    browser: 'chromium',
    browserPath: null,
    out: 'upstream-audit',
    dwellMs: null,
    pages: 0,
    hostRules: null,
    insecure: false,
    shard: null,
    timeoutMs: 30_000,
    headed: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || (inline === undefined && next.startsWith('--'))) throw new UsageError(`${name} needs a value`);
      return next;
    };
    switch (name) {
      case '--file':
        args.file = value();
        break;
      case '--browser': {
        const browser = value();
        if (browser !== 'chromium' && browser !== 'firefox') {
          throw new UsageError(
            `--browser takes chromium or firefox (got "${browser.slice(0, 40)}")${/chrome/i.test(browser) ? '; branded Google Chrome cannot load extensions from the command line, use Chromium' : ''}`,
          );
        }
        args.browser = browser;
        break;
      }
      case '--browser-path':
        args.browserPath = value();
        break;
      case '--out':
        args.out = value();
        break;
      case '--dwell':
        args.dwellMs = integer('--dwell', value(), 0, 600_000);
        break;
      case '--pages':
        args.pages = integer('--pages', value(), 0, 100);
        break;
      case '--host-rules':
        args.hostRules = value();
        break;
      case '--insecure':
        args.insecure = true;
        break;
      case '--shard':
        try {
          args.shard = parseShard(value());
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
        break;
      case '--timeout':
        args.timeoutMs = integer('--timeout', value(), 1000, 600_000);
        break;
      case '--headed':
        args.headed = true;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        if (name.startsWith('-')) throw new UsageError(`unknown option ${name}`);
        args.urls.push(arg);
    }
  }
  if (args.out.trim() === '') throw new UsageError('--out needs a folder');
  return args;
}
